//===- DoubleDoubleMath.cpp - Conversions and sin/cos in double-double ----===//
//
// Error of sinCosDd, with eps = 2^-103 bounding the relative error of one
// double-double add or multiply (as in Nlft.cpp) and every table entry and
// series coefficient within 2^-106 relative (rounded from 160-bit MPFR):
//  - reduction r = x - k (pi/4), |k| <= 11: the product and the difference
//    are two operations on values <= 8 + 9: <= 2 * 17 eps, plus k times
//    pi/4's own rounding (<= 11 * 2^-106); so |dr| <= 35 eps;
//  - series: Horner in r^2 (|r| <= pi/8, r^2 <= 0.155) damps every inner
//    error by r^2, so sin r and cos r carry <= 4 eps (relative, values
//    <= 1) plus their truncation (r^25/25!, r^26/26! < 5e-36) and the
//    coefficients' rounding (<= 2^-106);
//  - recombination sin(a + r) = sin a cos r + cos a sin r: three
//    operations (<= 3 eps * 2) and the table's rounding (2 * 2^-106).
// Total < (35 + 8 + 6 + 1) eps = 50 * 2^-103 < 2^-97.
// The table is sin and cos of k pi/4 (0, +-1, +-sqrt(2)/2), so setting it
// up costs one MPFR square root and the series coefficients (a certificate
// runs once per process in the tools; 256 MPFR sin/cos were ~1 ms).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/DoubleDoubleMath.h"
#include "qsvtc/numeric/Fft.h"

#include <array>
#include <cmath>
#include <stdexcept>

namespace qsvtc::numeric {

DoubleDouble toDoubleDouble(const Mpfr &v) {
  const double hi = static_cast<double>(v);
  return DoubleDouble(hi, static_cast<double>(Mpfr(v - hi)));
}

namespace {

constexpr int kSlices = 4;    // x = k pi/4 + r
constexpr int kSinTerms = 12; // r, r^3, ..., r^23
constexpr int kCosTerms = 13; // 1, r^2, ..., r^24

struct Tables {
  DoubleDouble quarterPi;                           // the slice width
  std::array<DoubleDouble, 2 * kSlices> sinK, cosK; // k pi/4, k mod 8
  std::array<DoubleDouble, kSinTerms> sinCoef;      // (-1)^n / (2n+1)!
  std::array<DoubleDouble, kCosTerms> cosCoef;      // (-1)^n / (2n)!
  Tables() {
    PrecisionGuard guard(160);
    const Mpfr pi = piValue<Mpfr>();
    quarterPi = toDoubleDouble(pi / kSlices);
    const DoubleDouble h = toDoubleDouble(Mpfr(sqrt(Mpfr(2)) / 2)), z(0), one(1);
    sinK = {z, h, one, h, z, -h, -one, -h};
    cosK = {one, h, z, -h, -one, -h, z, h};
    Mpfr factorial = 1;
    for (int n = 0; n < 2 * kCosTerms - 1; ++n) { // 1/0! .. 1/24!
      if (n > 0)
        factorial *= n;
      const Mpfr term = Mpfr((n / 2) % 2 ? -1 : 1) / factorial;
      if (n % 2)
        sinCoef[n / 2] = toDoubleDouble(term);
      else
        cosCoef[n / 2] = toDoubleDouble(term);
    }
  }
};

const Tables &tables() {
  static const Tables t;
  return t;
}

} // namespace

DoubleDouble quarterPiDd() { return tables().quarterPi; }

void sinCosDd(DoubleDouble x, DoubleDouble &s, DoubleDouble &c) {
  const double approx = x.hi + x.lo;
  if (!(std::abs(approx) <= kSinCosDdMaxArgument))
    throw std::invalid_argument("sinCosDd: |x| above its range");
  const Tables &t = tables();
  const double k = std::nearbyint(approx * (kSlices / piValue<double>()));
  const DoubleDouble r = x - DoubleDouble(k) * t.quarterPi;
  const DoubleDouble r2 = r * r;
  DoubleDouble sr = t.sinCoef[kSinTerms - 1], cr = t.cosCoef[kCosTerms - 1];
  for (int n = kSinTerms - 2; n >= 0; --n)
    sr = sr * r2 + t.sinCoef[n];
  for (int n = kCosTerms - 2; n >= 0; --n)
    cr = cr * r2 + t.cosCoef[n];
  sr = sr * r;
  const int idx = ((static_cast<int>(k) % (2 * kSlices)) + 2 * kSlices) % (2 * kSlices);
  const DoubleDouble sa = t.sinK[idx], ca = t.cosK[idx];
  s = sa * cr + ca * sr;
  c = ca * cr - sa * sr;
}

} // namespace qsvtc::numeric
