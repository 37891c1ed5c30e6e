//===- Remez.h - Parity-aware Remez exchange -------------------*- C++ -*-===//
//
// The minimax (best uniform) polynomial of a given degree on a domain that
// is a union of intervals, by the second Remez algorithm in the Chebyshev
// basis, templated on the scalar (double or Mpfr). For a target of definite
// parity it works on the positive half of the domain with T_p, T_{p+2}, ...
// only, which halves the unknowns and keeps the result exactly even or odd.
//
// Besides the polynomial, it returns two bounds on the minimax error E_n:
//   lowerBound <= E_n <= maxError.
// lowerBound is de la Vallee Poussin's: for any points x_0 < ... < x_{m}
// where the error alternates in sign, E_n >= min_i |p(x_i) - f(x_i)|; it
// proves that no polynomial of this degree (and parity) does better, which is
// how the degree search shows its degree is minimal. maxError is the largest
// error found on the search grid; the certified error comes from Certify.h.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_REMEZ_H
#define QSVTC_APPROX_REMEZ_H

#include "qsvtc/approx/TargetFunction.h"

#include <optional>
#include <vector>

namespace qsvtc::approx {

struct RemezOptions {
  int maxIterations = 60;
  /// Converged when maxError - lowerBound <= tolerance * maxError.
  double tolerance = 1e-6;
  /// When set, stop as soon as E_n <= decide (maxError <= decide) or
  /// E_n > decide (lowerBound > decide) is proven: the degree search only
  /// needs that answer.
  std::optional<double> decide;
  /// A reference from a nearby degree to start from (resampled), e.g. the
  /// previous run of a degree search; empty for the cold start.
  std::vector<double> warmReference;
  /// Compute RemezResult::coef (a DCT, or a QR fit for a domain with gaps:
  /// O(m^3), the costliest step in Mpfr); a degree search's probes skip it.
  bool wantCoefficients = true;
};

template <class T> struct RemezResult {
  std::vector<T> coef;      ///< c_0..c_n (zeros at the other parity), if wanted
  T levelledError = 0;      ///< |h| of the last linear solve
  T maxError = 0;           ///< max |p - f| over the search grid and extrema
  T lowerBound = 0;         ///< proven lower bound on E_n (de la Vallee Poussin)
  std::vector<T> reference; ///< last alternation set
  int iterations = 0;
  bool converged = false;
};

/// The minimax polynomial of degree `degree` for f on f.domain, with f's
/// parity (degree must have that parity). Throws qsvtc::Error on bad input.
template <class T>
RemezResult<T> remez(const TargetFunction &f, int degree, const RemezOptions &options = {});

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_REMEZ_H
