//===- CertifyPhases.h - Measured error of QSP phase factors --*- C++ -*-===//
//
// The error a phases file reports is max |Re<0|U_Phi(x)|0> - p(x)| measured
// by an independent computation, never the solver's residual: the 2x2 QSP
// product and p's Clenshaw sum on a dense grid, in double-double (~106
// bits) for double phases or in MPFR at twice the phases' precision. Both
// sides have the parity of d, so x in [0, 1] suffices; the grid has
// 10 (d+1) points over [-1, 1] (half of them on [0, 1]) plus 2000. Cost
// O(d^2): for moderate degree (high degree: the NLFT certificate).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_CERTIFYPHASES_H
#define QSVTC_QSP_CERTIFYPHASES_H

#include "qsvtc/numeric/Mpfr.h"

#include <cstddef>
#include <string>
#include <vector>

namespace qsvtc::qsp {

struct PhaseCertificate {
  double maxError = 0; ///< max |Re P - p| on the grid, rounded up
  double maxErrorAt = 0;
  std::size_t gridPoints = 0;
  unsigned precisionBits = 0; ///< of the evaluation
  /// "grid" (this file) or "nlft-l1" (Solve.cpp's fast path: the l1 norm of
  /// the Chebyshev-coefficient difference, recomputed by the forward NLFFT).
  std::string method = "grid";
};

/// phases: phi_0..phi_d; coef: c_0..c_d of the target p. When every phase
/// is a double the product runs in double-double, else in MPFR at
/// max(2 * phaseBits, 128) bits.
PhaseCertificate certifyPhases(const std::vector<numeric::Mpfr> &phases, unsigned phaseBits,
                               const std::vector<numeric::Mpfr> &coef);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_CERTIFYPHASES_H
