//===- NlftCertify.cpp - Certified error of high-degree QSP phases --------===//
//
// The layers' rotations (cos psi_k, sin psi_k) are evaluated in MPFR at
// 128 bits from the exact double phases and rounded to double-double, so
// each is within 2^-105 of the truth; no tan/atan round trip (which would
// lose accuracy near psi = +-pi/2) and no restriction |psi| < pi/2 (the
// rotation form of a layer is exact for every angle). MPFR is the slow
// part for d ~ 1e6 (two transcendental functions per phase), so it runs
// over all cores. Arithmetic after the transform (extracting c', the l1
// sum) is double-double too, and its rounding is added to the bound.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/NlftCertify.h"

#include "qsvtc/numeric/DoubleDoubleMath.h"
#include "qsvtc/numeric/Fft.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/qsp/Nlft.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <string>

namespace qsvtc::qsp {
using numeric::DoubleDouble;
using numeric::Mpfr;

namespace {

constexpr unsigned kRotationBits = 128;

void checkPhases(const std::vector<double> &phases) {
  if (phases.empty())
    throw Error("no phases to certify");
  const std::size_t d = phases.size() - 1;
  for (std::size_t j = 0; j <= d; ++j) {
    if (!std::isfinite(phases[j]))
      throw Error("phase phi_" + std::to_string(j) + " is not finite");
    if (phases[j] != phases[d - j])
      throw Error("the phases are not symmetric (phi_" + std::to_string(j) + " != phi_" +
                  std::to_string(d - j) + "); the NLFT certificate needs symmetric phases");
  }
}

/// The forward NLFT of the phases' layers, in double-double.
NlftPair<DoubleDouble> layersTransform(const std::vector<double> &phases) {
  checkPhases(phases);
  const std::size_t len = phases.size(), d = len - 1;
  std::vector<DoubleDouble> c(len), s(len);
  const DoubleDouble quarterPi = numeric::quarterPiDd();
  // cos and sin of psi_k in double-double (numeric::sinCosDd; MPFR only for
  // phases beyond its range).
  auto rotation = [&](double phi, int shifts, DoubleDouble &ck, DoubleDouble &sk) {
    DoubleDouble psi(phi);
    for (int i = 0; i < shifts; ++i)
      psi = psi - quarterPi;
    if (std::abs(psi.hi) <= numeric::kSinCosDdMaxArgument - 1) {
      numeric::sinCosDd(psi, sk, ck);
      return;
    }
    numeric::PrecisionGuard guard(kRotationBits);
    const Mpfr exact = Mpfr(phi) - shifts * (numeric::piValue<Mpfr>() / 4);
    ck = numeric::toDoubleDouble(Mpfr(cos(exact)));
    sk = numeric::toDoubleDouble(Mpfr(sin(exact)));
  };
  // Only the first half: the layers are symmetric too.
  const std::size_t half = d / 2 + 1;
  numeric::parallelChunks(half, numeric::workerCount(half, 2048),
                          [&](std::size_t begin, std::size_t end, unsigned) {
                            for (std::size_t k = begin; k < end; ++k) {
                              rotation(phases[k], (k == 0) + (k == d), c[k], s[k]);
                              c[d - k] = c[k];
                              s[d - k] = s[k];
                            }
                          });
  return nlftForwardRotations(c, s);
}

std::vector<DoubleDouble> chebyshevFromB(const std::vector<DoubleDouble> &b) {
  const std::size_t d = b.size() - 1;
  std::vector<DoubleDouble> c(d + 1, DoubleDouble(0));
  for (std::size_t k = d % 2; k <= d; k += 2)
    c[k] = k == 0 ? -b[d / 2] : -(b[(d - k) / 2] + b[(d + k) / 2]);
  return c;
}

double roundUp(double x) { return std::nextafter(x, INFINITY); }

} // namespace

std::vector<DoubleDouble> chebyshevFromPhasesNlft(const std::vector<double> &phases) {
  return chebyshevFromB(layersTransform(phases).b);
}

NlftCertificate certifyPhasesNlft(const std::vector<double> &phases,
                                  const std::vector<double> &coef, std::vector<double> *residual) {
  const NlftPair<DoubleDouble> ab = layersTransform(phases);
  const std::vector<DoubleDouble> cPhi = chebyshevFromB(ab.b);
  const std::size_t d = phases.size() - 1;
  NlftCertificate cert;
  cert.degree = static_cast<int>(d);

  DoubleDouble l1(0), energy(0);
  double magnitude = 0; // sum |c_k| + |c'_k|, for the summation's rounding
  const std::size_t terms = std::max(coef.size(), d + 1);
  if (residual)
    residual->assign(terms, 0.0);
  for (std::size_t k = 0; k < terms; ++k) {
    const DoubleDouble target(k < coef.size() ? coef[k] : 0.0);
    const DoubleDouble got = k <= d ? cPhi[k] : DoubleDouble(0);
    DoubleDouble diff = target - got;
    if (residual)
      (*residual)[k] = numeric::toDouble(diff);
    if (diff.hi < 0)
      diff = -diff;
    l1 += diff;
    magnitude += std::abs(target.hi) + std::abs(got.hi);
  }
  for (std::size_t k = 0; k <= d; ++k)
    energy += ab.aStar[k] * ab.aStar[k] + ab.b[k] * ab.b[k];
  cert.unitarityDefect = std::abs(numeric::toDouble(energy - DoubleDouble(1)));

  // The certifier's rounding: the transform (inputs within 2^-97 of the
  // true rotations, numeric::kSinCosDdError), then per coefficient one
  // addition for c' and one for the difference, and the l1 sum of `terms` values: all double-double
  // operations of relative error <= 2^-103, bounded by
  // (terms + 3) 2^-103 (sum |c_k| + |c'_k| + l1), with 1% slack for the
  // double arithmetic of the bound itself.
  const double eps = std::ldexp(1.0, -103);
  const double l1Value = l1.hi + l1.lo;
  const double transform = nlftForwardRoundingBoundDD(d + 1, numeric::kSinCosDdError);
  const double summation = 1.01 * (static_cast<double>(terms) + 3) * eps * (magnitude + l1Value);
  cert.coefficientError = roundUp(l1Value * (1 + std::ldexp(1.0, -52)));
  cert.roundingBound = roundUp(transform + summation);
  cert.bound = roundUp((cert.coefficientError + cert.roundingBound) * (1 + std::ldexp(1.0, -52)));
  return cert;
}

} // namespace qsvtc::qsp
