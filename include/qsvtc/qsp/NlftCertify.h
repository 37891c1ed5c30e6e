//===- NlftCertify.h - Certified error of high-degree phases ----*- C++ -*-===//
//
// The O(d log^2 d) certificate for symmetric phases (CertifyPhases.h is the
// O(d^2) dense-grid one). The phases determine the NLFT layers exactly
// (Ni, Sarkar, Ying, Lin, arXiv 2505.12615: H U_Phi(cos t) H e^{-i d t Z} =
// NLFT(i tan Phi)(e^{2it}), made real by conjugating with diag(1, i), and
// the pi/4 shift at the ends turns Re into -Im): layer k is the
// rotation by psi_k = phi_k - (pi/4)([k = 0] + [k = d]). The forward NLFFT
// (Nlft.h) of those layers, in double-double (~104 bits, twice the
// solver's precision), gives b, hence the Chebyshev coefficients c' of
// Re<0|U_Phi|0> (c'_k = -(b_{(d-k)/2} + b_{(d+k)/2}), c'_0 = -b_{d/2}).
// Since |T_k| <= 1 on [-1, 1],
//   max_{[-1,1]} |Re<0|U_Phi(x)|0> - p(x)|
//       <= sum_k |c_k - c'_k|  (computed)  +  the certifier's own rounding,
// and the second term is bounded a priori (nlftForwardRoundingBoundDD;
// ~1e-22 at d = 1e6), so `bound` is rigorous up to the standard rounding
// models it assumes (IEEE double, double-double algorithms of Joldes,
// Muller, Popescu 2017, MPFR's correct rounding of sin/cos).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_NLFTCERTIFY_H
#define QSVTC_QSP_NLFTCERTIFY_H

#include "qsvtc/numeric/DoubleDouble.h"

#include <cstddef>
#include <vector>

namespace qsvtc::qsp {

struct NlftCertificate {
  /// sum_k |c_k - c'_k| as computed in double-double (rounded up).
  double coefficientError = 0;
  /// Bound on the certifier's own rounding (sup norm on [-1, 1]).
  double roundingBound = 0;
  /// coefficientError + roundingBound: certified max |Re<0|U|0> - p|.
  double bound = 0;
  /// |sum_k (a^*_k)^2 + b_k^2 - 1| (Parseval on |a|^2 + |b|^2 = 1): a free
  /// consistency check of the transform, not part of the bound.
  double unitarityDefect = 0;
  unsigned precisionBits = 104; ///< double-double
  int degree = 0;
};

/// c'_0..c'_d of Re<0|U_Phi(x)|0> for symmetric phases phi_0..phi_d, by
/// the double-double forward NLFFT. Throws qsvtc::Error for phases that
/// are not symmetric (bit for bit) or not finite.
std::vector<numeric::DoubleDouble> chebyshevFromPhasesNlft(const std::vector<double> &phases);

/// Certifies phases against p = sum_k coef[k] T_k (any length; missing
/// entries are zero, extra entries count in full). When residual is given,
/// it receives c_k - c'_k (rounded to double), k < max(coef.size(), d + 1):
/// the refinement step of weissPhases uses it.
NlftCertificate certifyPhasesNlft(const std::vector<double> &phases,
                                  const std::vector<double> &coef,
                                  std::vector<double> *residual = nullptr);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_NLFTCERTIFY_H
