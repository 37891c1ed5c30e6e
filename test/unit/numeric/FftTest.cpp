//===- FftTest.cpp - Tests for the any-length FFT -------------------------===//
//
// The Mpfr FFT is checked against the O(n^2) definition evaluated
// independently (Boost's cos/sin of 2 pi (jk mod n)/n, no shared twiddle
// code) for every length 1..40 and 64, 100, 127: that covers radix 4 and 2,
// each odd prime up to 31 done directly, and Bluestein for 37, 127 and the
// other lengths with a large prime factor.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Fft.h"
#include "MpfrPrinting.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using qsvtc::numeric::Fft;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

/// Random values in (-1, 1) that use every bit of the working precision (a
/// ratio with an odd denominator has a non-terminating binary expansion),
/// so a path that silently went through double would show.
std::vector<Mpfr> randomFull(std::size_t n, std::mt19937_64 &rng) {
  std::uniform_int_distribution<long> num(-1000000, 1000000);
  std::uniform_int_distribution<long> den(500001, 999999);
  std::vector<Mpfr> v(n);
  for (Mpfr &x : v)
    x = Mpfr(num(rng)) / Mpfr(den(rng) | 1);
  return v;
}

template <class T>
void naiveDft(const std::vector<T> &re, const std::vector<T> &im, std::vector<T> &outRe,
              std::vector<T> &outIm) {
  using std::cos;
  using std::sin;
  const std::size_t n = re.size();
  const T twoPi = 2 * qsvtc::numeric::piValue<T>();
  outRe.assign(n, T(0));
  outIm.assign(n, T(0));
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t j = 0; j < n; ++j) {
      const T a = twoPi * T(static_cast<long>((j * k) % n)) / T(long(n));
      const T c = cos(a), s = sin(a);
      outRe[k] += re[j] * c + im[j] * s; // (re + i im)(c - i s)
      outIm[k] += im[j] * c - re[j] * s;
    }
}

std::vector<std::size_t> testLengths() {
  std::vector<std::size_t> lengths;
  for (std::size_t n = 1; n <= 40; ++n)
    lengths.push_back(n);
  for (std::size_t n : {64, 100, 127})
    lengths.push_back(n);
  return lengths;
}

} // namespace

TEST(Fft, MpfrMatchesNaiveDft) {
  PrecisionGuard guard(200);
  std::mt19937_64 rng(20240601);
  for (std::size_t n : testLengths()) {
    std::vector<Mpfr> re = randomFull(n, rng), im = randomFull(n, rng);
    std::vector<Mpfr> wantRe, wantIm;
    naiveDft(re, im, wantRe, wantIm);
    Fft<Mpfr>(n).forward(re, im);
    Mpfr err = 0;
    for (std::size_t k = 0; k < n; ++k)
      err = std::max(err, std::max(abs(re[k] - wantRe[k]), abs(im[k] - wantIm[k])));
    EXPECT_LT(err, Mpfr("1e-55")) << "n = " << n;
  }
}

TEST(Fft, MpfrInverseUndoesForward) {
  PrecisionGuard guard(200);
  std::mt19937_64 rng(7);
  for (std::size_t n : testLengths()) {
    const std::vector<Mpfr> re0 = randomFull(n, rng), im0 = randomFull(n, rng);
    std::vector<Mpfr> re = re0, im = im0;
    Fft<Mpfr> plan(n);
    plan.forward(re, im);
    plan.inverse(re, im);
    Mpfr err = 0;
    for (std::size_t k = 0; k < n; ++k)
      err = std::max(err, std::max(abs(re[k] / n - re0[k]), abs(im[k] / n - im0[k])));
    EXPECT_LT(err, Mpfr("1e-55")) << "n = " << n;
  }
}

TEST(Fft, DoubleMatchesNaiveDft) {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> u(-1, 1);
  for (std::size_t n : testLengths()) {
    std::vector<double> re(n), im(n);
    for (std::size_t j = 0; j < n; ++j) {
      re[j] = u(rng);
      im[j] = u(rng);
    }
    std::vector<double> wantRe, wantIm;
    naiveDft(re, im, wantRe, wantIm);
    qsvtc::numeric::fft(re, im);
    for (std::size_t k = 0; k < n; ++k) {
      EXPECT_NEAR(re[k], wantRe[k], 1e-13) << "n = " << n;
      EXPECT_NEAR(im[k], wantIm[k], 1e-13) << "n = " << n;
    }
  }
}

TEST(Fft, UnitRootIsAccurateAndSymmetric) {
  PrecisionGuard guard(256);
  const Mpfr twoPi = 2 * qsvtc::numeric::piValue<Mpfr>();
  for (std::uint64_t q : {1u, 2u, 3u, 7u, 8u, 12u, 100u, 1001u, 65536u})
    for (std::uint64_t p = 0; p < q; p += 1 + q / 50) {
      Mpfr c, s, c2, s2;
      qsvtc::numeric::unitRoot<Mpfr>(p, q, c, s);
      const Mpfr a = twoPi * Mpfr(p) / Mpfr(q);
      EXPECT_LT(abs(c - cos(a)), Mpfr("1e-75")) << p << "/" << q;
      EXPECT_LT(abs(s - sin(a)), Mpfr("1e-75")) << p << "/" << q;
      // Exact mirror symmetry, which the FFT's half-table relies on.
      qsvtc::numeric::unitRoot<Mpfr>(q - p, q, c2, s2);
      EXPECT_EQ(c, c2);
      EXPECT_EQ(s, -s2);
    }
}
