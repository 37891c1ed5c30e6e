//===- Parallel.h - Splitting a loop over the machine's cores --*- C++ -*-===//
//
// The numeric kernels' loops over grid points are independent per point;
// this splits [0, n) into one contiguous chunk per worker thread. Small loops
// stay on the calling thread (a thread costs some 10-50 us to start).
// Worker threads free MPFR's per-thread caches (constants, exp/log tables)
// before they end: MPFR keeps them in thread-local storage, which would
// otherwise leak with every thread.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_PARALLEL_H
#define QSVTC_NUMERIC_PARALLEL_H

#include <mpfr.h>

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace qsvtc::numeric {

/// The machine's cores, asked once: std::thread::hardware_concurrency()
/// reads sysfs on every call (5% of a degree-100 phase solve).
inline unsigned coreCount() {
  static const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return cores;
}

/// Workers for n items when each should get at least `minPerWorker`.
inline unsigned workerCount(std::size_t n, std::size_t minPerWorker) {
  const unsigned cores = coreCount();
  return static_cast<unsigned>(
      std::clamp<std::size_t>(n / std::max<std::size_t>(minPerWorker, 1), 1, cores));
}

/// Calls fn(begin, end, worker) on `workers` disjoint chunks covering
/// [0, n), worker 0 on the calling thread; returns when all are done.
template <class F> void parallelChunks(std::size_t n, unsigned workers, F fn) {
  workers = std::max(1u, workers);
  const std::size_t chunk = (n + workers - 1) / workers;
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) {
    const std::size_t begin = std::min(n, w * chunk);
    const std::size_t end = std::min(n, begin + chunk);
    pool.emplace_back([&fn, begin, end, w] {
      fn(begin, end, w);
      mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    });
  }
  fn(0, std::min(n, chunk), 0u);
  for (std::thread &t : pool)
    t.join();
}

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_PARALLEL_H
