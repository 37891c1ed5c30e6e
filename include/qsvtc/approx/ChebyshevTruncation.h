//===- ChebyshevTruncation.h - Approximation by truncated series -*- C++ -*-===//
//
// The baseline method: resolve f's Chebyshev series by interpolation at
// 2^k+1 points until the tail is negligible, then keep the shortest prefix
// whose measured error on the domain meets eps. For domains with a gap the
// series is that of the function's smooth extension (TargetFunction.h). It
// also gives the Remez degree search its starting point.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_CHEBYSHEVTRUNCATION_H
#define QSVTC_APPROX_CHEBYSHEVTRUNCATION_H

#include "qsvtc/approx/TargetFunction.h"

#include <limits>
#include <vector>

namespace qsvtc::approx {

/// Chebyshev coefficients of f (a function smooth on all of [-1, 1]) with
/// every dropped coefficient below `tol`, projected on f's parity; empty
/// when degree `maxDegree` does not resolve f.
template <class T>
std::vector<T> resolveChebyshevSeries(const TargetFunction &f, double tol, int maxDegree);

/// Smallest degree (of the given parity) whose dropped coefficients sum to
/// at most `budget`: a rigorous bound on the truncation error of `series`.
template <class T> int tailDegree(const std::vector<T> &series, Parity parity, double budget);

struct Truncation {
  int degree = 0;
  double estimatedError = 0; ///< grid error in the working precision
};

/// Smallest degree (of f's parity) whose truncation of `series` is within
/// eps of f on f.domain, measured on a grid. `series` approximates f (or its
/// smooth extension) on the domain. When the tail test puts it above
/// `maxDegree`, the truncation at maxDegree is measured first and, if it
/// misses eps, returned as is (degree maxDegree, its error): the search
/// assumes the error shrinks with the degree, so nothing within the cap
/// would meet eps, and each probe of a long series costs seconds.
template <class T>
Truncation shortestTruncation(const std::vector<T> &series, const TargetFunction &f, double eps,
                              int maxDegree = std::numeric_limits<int>::max());

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_CHEBYSHEVTRUNCATION_H
