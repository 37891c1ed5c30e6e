//===- EstimateDegree.h - Degree of a polynomial, without finding it -*- C++ -*-===//
//
// For resource estimates at sizes where no circuit is built (symbolic
// models): the degree of the Chebyshev truncation of f (or of its smooth
// extension, as the approximation engine would use) with error <= eps,
// from f's Chebyshev coefficients in double. Where eps lies below what
// double resolves (~1e-14 of max|c|), or the series is not resolved by
// 2^20 points, the degree is extrapolated from the coefficients' geometric
// decay over the resolved range. The decay of analytic functions only
// speeds up, so the extrapolation errs on the high side. Not certified:
// the resources report marks these degrees as estimates.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_ESTIMATEDEGREE_H
#define QSVTC_APPROX_ESTIMATEDEGREE_H

#include "qsvtc/approx/TargetFunction.h"

#include <cstdint>
#include <vector>

namespace qsvtc::approx {

struct DegreeEstimate {
  int64_t degree = 0;
  bool extrapolated = false;
  /// The truncated series c_0..c_degree; when extrapolated, the terms
  /// above double's floor (the rest add below 1e-14 of max|c| each):
  /// element-wise polynomials' alphas are sums over their coefficients.
  std::vector<double> coef;
};

/// Throws qsvtc::Error if f is not finite on [-1, 1] (or its extension).
DegreeEstimate estimateDegree(const TargetFunction &f, double eps);

/// A certain lower bound, unlike the estimate: no polynomial p of degree d
/// with |p| <= 1 on [-1, 1] is within eps of g on g's domain unless
/// d >= the bound. p(cos t) is a trigonometric polynomial of degree d, so
/// (Bernstein) |p(cos s) - p(cos t)| <= d |s - t|, and p changes between
/// two points by at least g's change there minus 2 eps. Samples g in double
/// at `angles` equally spaced angles: O(angles) evaluations, for refusing
/// a degree above a cap before any expensive work (cos(tau x) needs at
/// least 2 tau / pi). Stops at the first pair that proves more than
/// `enough` (a cap to refuse: cos(1e8 x) needs 2e7 angles, but its first
/// oscillation already proves the degree above a cap of 1e7).
struct DegreeLowerBound {
  int64_t degree = 0;
  double from = 0, to = 0; ///< the two points that give it
  double change = 0;       ///< |g(to) - g(from)| as sampled
};
DegreeLowerBound degreeLowerBound(const TargetFunction &g, double eps, int64_t angles,
                                  int64_t enough = INT64_MAX);

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_ESTIMATEDEGREE_H
