//===- Certify.h - Measured error of a polynomial --------------*- C++ -*-===//
//
// The error qsvtc reports is never a solver's own estimate: it is measured
// here, by evaluating p (Clenshaw) and f in Mpfr at a precision above the
// solver's, on a dense Chebyshev-spaced grid of every domain interval (at
// least 10 points per degree, plus any points the caller knows to be critical,
// such as a Remez reference), and max|p| on a grid of all of [-1, 1].
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_CERTIFY_H
#define QSVTC_APPROX_CERTIFY_H

#include "qsvtc/approx/TargetFunction.h"
#include "qsvtc/numeric/Mpfr.h"

#include <cstddef>
#include <vector>

namespace qsvtc::approx {

struct Certificate {
  double maxError = 0;   ///< max |p - f| on the domain grid (rounded up)
  double maxErrorAt = 0; ///< where it is reached
  double maxAbs = 0;     ///< max |p| on the grid of [-1, 1] (rounded up)
  double maxAbsAt = 0;
  /// Points evaluated in all. When the domain is all of [-1, 1] (or [0, 1]
  /// for a parity p) its grid and that of max|p| are one: both maxima run
  /// over the same points, so this counts them once.
  std::size_t gridPoints = 0;
  unsigned precisionBits = 0; ///< precision of the evaluation
};

struct CertifyOptions {
  unsigned precisionBits = 128;
  std::size_t pointsPerDegree = 10;
  std::size_t minPointsPerInterval = 2000;
  std::vector<double> extraPoints; ///< also checked if inside the domain
};

/// Certifies p = sum coef[k] T_k against f on f.domain. For f of definite
/// parity with parity-matching p, only x >= 0 is evaluated (exact symmetry).
Certificate certify(const std::vector<numeric::Mpfr> &coef, const TargetFunction &f,
                    const CertifyOptions &options);

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_CERTIFY_H
