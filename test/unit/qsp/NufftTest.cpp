//===- NufftTest.cpp - Nonuniform FFTs against direct sums in MPFR --------===//
//
// Type 1 and type 2 transforms of random data at random points (negative
// and beyond 2 pi too, where folding must not lose bits) against the direct
// sums in 128-bit MPFR at the edge modes and 40 random ones. Tolerance: the
// kernel's worst case for one point is ~5e-15 of sum |c| (docs/phases.md);
// 2e-14 leaves room for the FFT's rounding at these sizes.
//
//===----------------------------------------------------------------------===//
#include "qsp/Nufft.h"

#include "qsvtc/numeric/Mpfr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace qsvtc;
using numeric::Mpfr;

namespace {

/// sum_n c_n e^{sign i k t_n} in MPFR.
std::complex<double> directSum(const std::vector<double> &t,
                               const std::vector<std::complex<double>> &c, long k, int sign) {
  Mpfr re = 0, im = 0;
  for (std::size_t n = 0; n < t.size(); ++n) {
    const Mpfr phase = Mpfr(sign) * Mpfr(k) * Mpfr(t[n]);
    const Mpfr cs = cos(phase), sn = sin(phase);
    re += Mpfr(c[n].real()) * cs - Mpfr(c[n].imag()) * sn;
    im += Mpfr(c[n].real()) * sn + Mpfr(c[n].imag()) * cs;
  }
  return {static_cast<double>(re), static_cast<double>(im)};
}

std::vector<long> modesToCheck(long maxMode, std::mt19937_64 &rng) {
  std::vector<long> modes = {0, 1, maxMode - 1, maxMode};
  std::uniform_int_distribution<long> pick(0, maxMode);
  for (int i = 0; i < 40; ++i)
    modes.push_back(pick(rng));
  return modes;
}

} // namespace

class NufftSizes : public ::testing::TestWithParam<long> {};

TEST_P(NufftSizes, Type1MatchesDirectSums) {
  const long maxMode = GetParam();
  numeric::PrecisionGuard guard(128);
  std::mt19937_64 rng(7 + maxMode);
  std::uniform_real_distribution<double> unit(0, 1);
  const std::size_t points = 300;
  std::vector<double> t(points), c(points);
  std::vector<std::complex<double>> cc(points);
  double l1 = 0;
  for (std::size_t n = 0; n < points; ++n) {
    t[n] = -2 * M_PI + 6 * M_PI * unit(rng);
    c[n] = 2 * unit(rng) - 1;
    cc[n] = c[n];
    l1 += std::abs(c[n]);
  }
  t[0] = 0;
  t[1] = -0.0;
  t[2] = 2 * M_PI;
  t[3] = std::nextafter(2 * M_PI, 0.0);
  const qsp::detail::Nufft1d plan(maxMode);
  // In two batches, as the near-1 completion adds them.
  qsp::detail::Nufft1d::Spreader spreader(plan);
  spreader.add(t.data(), c.data(), 100);
  spreader.add(t.data() + 100, c.data() + 100, points - 100);
  const std::vector<std::complex<double>> f = spreader.finish();
  ASSERT_EQ(f.size(), static_cast<std::size_t>(maxMode + 1));
  for (long k : modesToCheck(maxMode, rng))
    EXPECT_LT(std::abs(f[k] - directSum(t, cc, k, -1)), 2e-14 * l1) << "mode " << k;
}

TEST_P(NufftSizes, Type2MatchesDirectSums) {
  const long maxMode = GetParam();
  numeric::PrecisionGuard guard(128);
  std::mt19937_64 rng(11 + maxMode);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::complex<double>> f(maxMode + 1);
  double l1 = 0;
  for (auto &v : f) {
    v = {2 * unit(rng) - 1, 2 * unit(rng) - 1};
    l1 += std::abs(v);
  }
  std::vector<double> t(maxMode > 5000 ? 4 : 12); // the direct sums cost points x modes
  for (double &x : t)
    x = -2 * M_PI + 6 * M_PI * unit(rng);
  t[0] = 0;
  t[1] = 2 * M_PI;
  const qsp::detail::Nufft1d plan(maxMode);
  const std::vector<std::complex<double>> v = plan.series(f).at(t);
  for (std::size_t n = 0; n < t.size(); ++n) {
    // s(t) = sum_k f_k e^{i k t}: the direct sum over modes at one point.
    Mpfr re = 0, im = 0;
    for (long k = 0; k <= maxMode; ++k) {
      const Mpfr phase = Mpfr(k) * Mpfr(t[n]);
      const Mpfr cs = cos(phase), sn = sin(phase);
      re += Mpfr(f[k].real()) * cs - Mpfr(f[k].imag()) * sn;
      im += Mpfr(f[k].real()) * sn + Mpfr(f[k].imag()) * cs;
    }
    const std::complex<double> exact(static_cast<double>(re), static_cast<double>(im));
    EXPECT_LT(std::abs(v[n] - exact), 2e-14 * l1) << "t = " << t[n];
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, NufftSizes, ::testing::Values(1L, 37L, 1000L, 20000L));

TEST(Nufft, Type1FromVectorsEqualsTheSpreader) {
  const qsp::detail::Nufft1d plan(500);
  const std::vector<double> t = {0.1, 2.0, -1.0, 5.5}, c = {1.0, -0.5, 0.25, 2.0};
  const std::vector<std::complex<double>> a = plan.type1(t, c);
  qsp::detail::Nufft1d::Spreader spreader(plan);
  spreader.add(t.data(), c.data(), t.size());
  const std::vector<std::complex<double>> b = spreader.finish();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k)
    EXPECT_EQ(a[k], b[k]);
  EXPECT_THROW(plan.type1(t, {1.0}), std::invalid_argument);
}
