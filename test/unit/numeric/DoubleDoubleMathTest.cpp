//===- DoubleDoubleMathTest.cpp - sin/cos in double-double against MPFR ---===//
#include "qsvtc/numeric/DoubleDoubleMath.h"
#include "qsvtc/numeric/Fft.h"

#include <gtest/gtest.h>

#include <random>

using namespace qsvtc::numeric;

namespace {

/// |dd - v| in units of the promised bound, computed in 200-bit MPFR.
double errorInBounds(DoubleDouble dd, const Mpfr &v) {
  const Mpfr diff = Mpfr(dd.hi) + Mpfr(dd.lo) - v;
  return static_cast<double>(abs(diff)) / kSinCosDdError;
}

} // namespace

TEST(DoubleDoubleMath, SinCosWithinTheirBoundAgainstMpfr) {
  PrecisionGuard guard(200);
  std::mt19937_64 rng(97);
  std::uniform_real_distribution<double> u(-kSinCosDdMaxArgument, kSinCosDdMaxArgument);
  std::uniform_real_distribution<double> tiny(-1e-17, 1e-17);
  const Mpfr pi = piValue<Mpfr>();
  double worst = 0;
  for (int i = 0; i < 20000; ++i) {
    DoubleDouble x(u(rng), 0);
    if (i % 4 == 1) // a double-double argument with a low part
      x = DoubleDouble(x.hi, x.hi * tiny(rng));
    if (i % 4 == 2) { // next to a table point k pi/4 (the reduction cancels)
      const int k = static_cast<int>(x.hi / 3.14159265358979323846 * 4);
      x = toDoubleDouble(Mpfr(pi * k / 4 + Mpfr(tiny(rng) * 1e3)));
    }
    if (i % 4 == 3) { // next to a switch of k, where |r| = pi/8 is largest
      const int k = static_cast<int>(x.hi / 3.14159265358979323846 * 4);
      x = toDoubleDouble(Mpfr(pi * (k + 0.5) / 4 + Mpfr(tiny(rng) * 1e3)));
    }
    if (std::abs(x.hi) > kSinCosDdMaxArgument) // the shifts above can step out
      continue;
    DoubleDouble s, c;
    sinCosDd(x, s, c);
    const Mpfr xm = Mpfr(x.hi) + Mpfr(x.lo);
    worst = std::max({worst, errorInBounds(s, Mpfr(sin(xm))), errorInBounds(c, Mpfr(cos(xm)))});
  }
  EXPECT_LE(worst, 1.0);
  // Far below the bound in practice (~2^-104): a sign or table error would
  // show as O(1) here.
  EXPECT_LT(worst, 0.05);
}

TEST(DoubleDoubleMath, RefusesArgumentsOutsideItsRange) {
  DoubleDouble s, c;
  EXPECT_THROW(sinCosDd(DoubleDouble(kSinCosDdMaxArgument * 2), s, c), std::invalid_argument);
  EXPECT_THROW(sinCosDd(DoubleDouble(NAN), s, c), std::invalid_argument);
}
