//===- WorkerPool.h - A fixed team of threads for data-parallel loops ------===//
//
// The simulator splits each gate's index range over a few threads. Creating
// std::threads per gate costs tens of microseconds, which 10^4 gates would
// feel, so the helpers are created once and woken per loop. Private to
// runtime/ (not an installed header).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_WORKERPOOL_H
#define QSVTC_RUNTIME_WORKERPOOL_H

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace qsvtc::runtime {

class WorkerPool {
public:
  /// `numThreads` workers in all, counting the calling thread.
  explicit WorkerPool(unsigned numThreads);
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  unsigned size() const { return static_cast<unsigned>(helpers.size()) + 1; }

  /// Calls body(begin, end, piece) on size() disjoint pieces of [0, count),
  /// piece i on thread i, and returns when all are done.
  void parallelFor(std::uint64_t count,
                   const std::function<void(std::uint64_t, std::uint64_t, unsigned)> &body);

private:
  void helperLoop(unsigned index);

  std::vector<std::thread> helpers;
  std::mutex mutex;
  std::condition_variable wake, done;
  const std::function<void(std::uint64_t, std::uint64_t, unsigned)> *task = nullptr;
  std::uint64_t taskCount = 0;
  std::uint64_t generation = 0;
  unsigned pending = 0;
  bool stopping = false;
};

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_WORKERPOOL_H
