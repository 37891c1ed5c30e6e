//===- MpfrSpotCheck.h - An independent check of double phases ------------===//
//
// max |Re<0|U_Phi(x)|0> - p(x)| at 20 points of [-1, 1], with the plain 2x2
// QSP product and the Chebyshev sum in 128-bit MPFR: a different algorithm
// and precision from every solver and certificate, for tests that compare
// against the certified bound.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_UNIT_QSP_MPFRSPOTCHECK_H
#define QSVTC_TEST_UNIT_QSP_MPFRSPOTCHECK_H

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/Evaluate.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace qsvtc::testref {

inline double mpfrSpotCheck(const std::vector<double> &phases, const std::vector<double> &coef) {
  using numeric::Mpfr;
  const unsigned bits = 128;
  numeric::PrecisionGuard guard(bits);
  const std::vector<Mpfr> phasesMp(phases.begin(), phases.end());
  const qsp::PhaseTable<Mpfr> table = qsp::phaseTable<Mpfr>(phasesMp, bits);
  const std::vector<Mpfr> coefMp(coef.begin(), coef.end());
  double worst = 0;
  for (int i = 0; i < 20; ++i) {
    const Mpfr x = Mpfr(std::cos(0.15 * i + 0.01));
    const Mpfr err = qsp::qspTopLeft(table, x).re - numeric::clenshaw(coefMp, x);
    worst = std::max(worst, std::abs(static_cast<double>(err)));
  }
  return worst;
}

} // namespace qsvtc::testref

#endif // QSVTC_TEST_UNIT_QSP_MPFRSPOTCHECK_H
