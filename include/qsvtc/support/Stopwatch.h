//===- Stopwatch.h - Wall time since a point -------------------*- C++ -*-===//
#ifndef QSVTC_SUPPORT_STOPWATCH_H
#define QSVTC_SUPPORT_STOPWATCH_H

#include <chrono>

namespace qsvtc {

/// Wall time since construction (the --time-passes lines).
struct Stopwatch {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

} // namespace qsvtc

#endif // QSVTC_SUPPORT_STOPWATCH_H
