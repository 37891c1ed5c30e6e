//===- WorkerPool.cpp - A fixed team of threads for data-parallel loops ---===//
#include "WorkerPool.h"

namespace qsvtc::runtime {

namespace {

/// Piece `i` of `parts` of [0, count): [begin, end).
std::pair<std::uint64_t, std::uint64_t> piece(std::uint64_t count, unsigned parts, unsigned i) {
  return {count * i / parts, count * (i + 1) / parts};
}

} // namespace

WorkerPool::WorkerPool(unsigned numThreads) {
  for (unsigned i = 1; i < numThreads; ++i)
    helpers.emplace_back([this, i] { helperLoop(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  for (std::thread &t : helpers)
    t.join();
}

void WorkerPool::helperLoop(unsigned index) {
  std::uint64_t seen = 0;
  while (true) {
    const std::function<void(std::uint64_t, std::uint64_t, unsigned)> *body;
    std::uint64_t count;
    {
      std::unique_lock<std::mutex> lock(mutex);
      wake.wait(lock, [&] { return stopping || generation != seen; });
      if (stopping)
        return;
      seen = generation;
      body = task;
      count = taskCount;
    }
    const auto [b, e] = piece(count, size(), index);
    (*body)(b, e, index);
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (--pending == 0)
        done.notify_one();
    }
  }
}

void WorkerPool::parallelFor(
    std::uint64_t count, const std::function<void(std::uint64_t, std::uint64_t, unsigned)> &body) {
  if (helpers.empty()) {
    body(0, count, 0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    task = &body;
    taskCount = count;
    pending = static_cast<unsigned>(helpers.size());
    ++generation;
  }
  wake.notify_all();
  const auto [b, e] = piece(count, size(), 0);
  body(b, e, 0);
  std::unique_lock<std::mutex> lock(mutex);
  done.wait(lock, [&] { return pending == 0; });
}

} // namespace qsvtc::runtime
