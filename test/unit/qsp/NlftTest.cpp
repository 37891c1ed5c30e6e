//===- NlftTest.cpp - Forward/inverse nonlinear FFT and its certificate ---===//
//
// The divide-and-conquer NLFT (Nlft.h; Ni, Sarkar, Ying, Lin, arXiv
// 2505.12615; QSPPACK INFFT.m) against its definition: the plain product
// of the 2x2 layers evaluated on the unit circle, in std::complex<double>,
// with no shared code. Then the three scalar types against each other
// (double, double-double, MPFR), the inverse against the forward on
// sequences whose a is outer (the only ones it can invert), and the
// certifier (NlftCertify.h) against the QSP product of Evaluate.h.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Nlft.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/Evaluate.h"
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <complex>
#include <fstream>
#include <random>

using namespace qsvtc;
using numeric::DoubleDouble;
using numeric::Mpfr;
using C = std::complex<double>;

namespace {

std::vector<double> randomGamma(std::size_t n, double scale, std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> u(-scale, scale);
  std::vector<double> g(n);
  for (double &x : g)
    x = u(rng);
  return g;
}

/// (a^*(z), b(z)) by the definition: the product of the layers
/// (1 + g^2)^{-1/2} [[1, g z^k], [-g z^{-k}, 1]], whose (1,1) and (0,1)
/// entries are a^* and b on |z| = 1.
std::pair<C, C> layersProduct(const std::vector<double> &gamma, C z) {
  C m00 = 1, m01 = 0, m10 = 0, m11 = 1;
  C zk = 1;
  for (double g : gamma) {
    const double s = 1 / std::sqrt(1 + g * g);
    const C f01 = g * zk * s, f10 = -g / zk * s;
    const C n00 = m00 * s + m01 * f10, n01 = m00 * f01 + m01 * s;
    const C n10 = m10 * s + m11 * f10, n11 = m10 * f01 + m11 * s;
    m00 = n00, m01 = n01, m10 = n10, m11 = n11;
    zk *= z;
  }
  return {m11, m01};
}

C polyval(const std::vector<double> &c, C z) {
  C v = 0;
  for (std::size_t k = c.size(); k-- > 0;)
    v = v * z + c[k];
  return v;
}

template <class T> std::vector<T> convert(const std::vector<double> &v) {
  return std::vector<T>(v.begin(), v.end());
}

/// The layers of qsvtc phases: gamma_k = tan(phi_k - pi/4 at the ends).
std::vector<double> gammaFromPhases(std::vector<double> phi) {
  phi.front() -= M_PI / 4;
  phi.back() -= M_PI / 4;
  for (double &p : phi)
    p = std::tan(p);
  return phi;
}

std::vector<double> referencePhases(const std::string &name) {
  const std::string path = std::string(QSVTC_TEST_DATA_DIR) + "/qsp-reference/" + name;
  const auto ph = nlohmann::json::parse(std::ifstream(path + ".phases.json"));
  return ph["phases"].get<std::vector<double>>();
}

} // namespace

TEST(NlftForward, MatchesTheLayerProductOnTheCircle) {
  std::mt19937_64 rng(20250512);
  for (std::size_t len : {1, 2, 3, 31, 32, 33, 64, 100, 129, 257, 1000}) {
    const std::vector<double> gamma = randomGamma(len, 0.8, rng);
    const qsp::NlftPair<double> ab = qsp::nlftForward(gamma);
    ASSERT_EQ(ab.aStar.size(), len);
    ASSERT_EQ(ab.b.size(), len);
    double worst = 0;
    for (int j = 0; j < 7; ++j) {
      const C z = std::polar(1.0, 0.9 * j + 0.1);
      const auto [aRef, bRef] = layersProduct(gamma, z);
      worst = std::max(
          {worst, std::abs(polyval(ab.aStar, z) - aRef), std::abs(polyval(ab.b, z) - bRef)});
    }
    EXPECT_LT(worst, 1e-13 * std::sqrt(double(len))) << "length " << len;
  }
}

TEST(NlftForward, FastAndDirectAgree) {
  std::mt19937_64 rng(7);
  for (std::size_t len : {5, 40, 130, 700, 2000}) {
    const std::vector<double> gamma = randomGamma(len, 0.5, rng);
    const auto fast = qsp::nlftForward(gamma);
    const auto direct = qsp::nlftForwardDirect(gamma);
    for (std::size_t k = 0; k < len; ++k) {
      EXPECT_NEAR(fast.aStar[k], direct.aStar[k], 1e-14) << len << " " << k;
      EXPECT_NEAR(fast.b[k], direct.b[k], 1e-14) << len << " " << k;
    }
  }
}

TEST(NlftForward, DoubleDoubleAndMpfrAgreeToTheirPrecision) {
  // Same sequence in three scalars: double-double must match MPFR (200
  // bits) to ~1e-30, far below double, and within its own rounding bound.
  std::mt19937_64 rng(11);
  const std::size_t len = 300;
  const std::vector<double> gamma = randomGamma(len, 0.7, rng);
  numeric::PrecisionGuard guard(200);
  const auto dd = qsp::nlftForward(convert<DoubleDouble>(gamma));
  const auto mp = qsp::nlftForward(convert<Mpfr>(gamma));
  const auto dbl = qsp::nlftForward(gamma);
  double ddErr = 0, dblErr = 0;
  for (std::size_t k = 0; k < len; ++k) {
    auto err = [&](const DoubleDouble &x, const Mpfr &y) {
      return std::abs(static_cast<double>(Mpfr(y - x.hi - x.lo)));
    };
    ddErr = std::max({ddErr, err(dd.aStar[k], mp.aStar[k]), err(dd.b[k], mp.b[k])});
    dblErr = std::max({dblErr, std::abs(static_cast<double>(Mpfr(mp.b[k] - dbl.b[k])))});
  }
  EXPECT_LT(ddErr, 1e-29);
  EXPECT_LT(ddErr, qsp::nlftForwardRoundingBoundDD(len, 1e-32));
  EXPECT_GT(dblErr, 1e-20); // double really is less precise
  EXPECT_LT(dblErr, 1e-14);
}

TEST(NlftForward, RoundingBoundIsSmallAtHighDegree) {
  const double b4 = qsp::nlftForwardRoundingBoundDD(10001, 0x1p-105);
  const double b6 = qsp::nlftForwardRoundingBoundDD(1000001, 0x1p-105);
  EXPECT_GT(b4, 0);
  EXPECT_LT(b4, b6);
  EXPECT_LT(b6, 1e-20); // negligible beside a 1e-12 certificate
}

TEST(NlftInverse, InvertsTheForwardTransformOfAnOuterSequence) {
  // Symmetric-QSP sequences of the maximal solution have outer a (a^* has
  // no zeros in the closed disc; checked numerically by the research
  // notes for these cases), so the inverse is
  // stable on them: the reference phases of cos_d500 (501 layers) and
  // erf_k20 (210 layers), inverted from all coefficients or from the
  // first half (which determines the first half of the layers).
  for (const char *name : {"cos_d500", "erf_k20"}) {
    const std::vector<double> gamma = gammaFromPhases(referencePhases(name));
    const auto ab = qsp::nlftForward(gamma);
    const std::vector<double> back = qsp::nlftInverse(ab.aStar, ab.b);
    const std::vector<double> strip = qsp::nlftInverseLayerStripping(ab.aStar, ab.b);
    ASSERT_EQ(back.size(), gamma.size());
    for (std::size_t k = 0; k < gamma.size(); ++k) {
      EXPECT_NEAR(back[k], gamma[k], 1e-13) << name << " " << k;
      EXPECT_NEAR(strip[k], gamma[k], 1e-13) << name << " " << k;
    }
    const std::size_t n = gamma.size() / 2 + 1;
    const std::vector<double> half =
        qsp::nlftInverse(std::vector<double>(ab.aStar.begin(), ab.aStar.begin() + n),
                         std::vector<double>(ab.b.begin(), ab.b.begin() + n));
    for (std::size_t k = 0; k < n; ++k)
      EXPECT_NEAR(half[k], gamma[k], 1e-13) << name << " " << k;
  }
}

TEST(NlftInverse, SmallRandomSequencesAndDoubleDouble) {
  // sum |gamma_k| < 1 keeps a^* within 1 of 1 on the disc: outer.
  std::mt19937_64 rng(3);
  for (std::size_t len : {1, 2, 33, 200, 1500}) {
    const std::vector<double> gamma = randomGamma(len, 0.5 / len, rng);
    const auto ab = qsp::nlftForward(convert<DoubleDouble>(gamma));
    const auto back = qsp::nlftInverse(ab.aStar, ab.b);
    for (std::size_t k = 0; k < len; ++k)
      EXPECT_NEAR(numeric::toDouble(back[k]), gamma[k], 1e-28) << len << " " << k;
  }
}

TEST(NlftCertify, CoefficientsMatchTheQspProduct) {
  // Random symmetric phases of both parities: the Chebyshev series the
  // certifier recovers must equal Re<0|U|0> from the QSP recurrence.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1.5, 1.5), ux(-1, 1);
  for (int d : {0, 1, 2, 7, 40, 201}) {
    std::vector<double> phi(d + 1);
    for (int j = 0; j <= d / 2; ++j)
      phi[j] = phi[d - j] = u(rng);
    const std::vector<DoubleDouble> cdd = qsp::chebyshevFromPhasesNlft(phi);
    std::vector<double> c;
    for (const DoubleDouble &v : cdd)
      c.push_back(numeric::toDouble(v));
    const qsp::PhaseTable<double> table = qsp::phaseTableDouble(phi);
    for (int i = 0; i < 25; ++i) {
      const double x = ux(rng);
      EXPECT_NEAR(numeric::clenshaw(c, x), qsp::qspTopLeft(table, x).re, 1e-12)
          << "d = " << d << " x = " << x;
    }
    for (int k = 1 - d % 2; k <= d; k += 2) // the other parity is absent
      EXPECT_EQ(c[k], 0.0);
  }
}

TEST(NlftCertify, BoundsTheErrorAndSeesAWrongPhase) {
  const std::vector<double> phi = referencePhases("cos_tau100");
  const std::string path = std::string(QSVTC_TEST_DATA_DIR) + "/qsp-reference/cos_tau100";
  const auto poly = nlohmann::json::parse(std::ifstream(path + ".poly.json"));
  const auto coef = poly["coef"].get<std::vector<double>>();
  const qsp::NlftCertificate good = qsp::certifyPhasesNlft(phi, coef);
  EXPECT_LT(good.bound, 1e-13);
  EXPECT_GE(good.bound, good.coefficientError);
  EXPECT_LT(good.roundingBound, 1e-24);
  EXPECT_LT(good.unitarityDefect, 1e-28);
  EXPECT_EQ(good.degree, 174);
  // A wrong phase (kept symmetric) must show in the bound, which must
  // still dominate the true error at a point where the damage is visible.
  std::vector<double> bad = phi;
  bad[30] = bad[174 - 30] = phi[30] + 1e-6;
  const qsp::NlftCertificate worse = qsp::certifyPhasesNlft(bad, coef);
  EXPECT_GT(worse.bound, 1e-7);
  const qsp::PhaseTable<double> table = qsp::phaseTableDouble(bad);
  double seen = 0;
  for (int i = 0; i <= 2000; ++i) {
    const double x = std::cos(M_PI * i / 2000);
    seen = std::max(seen, std::abs(qsp::qspTopLeft(table, x).re - numeric::clenshaw(coef, x)));
  }
  EXPECT_GT(seen, 1e-8);
  EXPECT_LE(seen, worse.bound);
}

TEST(NlftCertify, RejectsAsymmetricOrNonFinitePhases) {
  EXPECT_THROW(qsp::certifyPhasesNlft({0.1, 0.2, 0.3}, {0.0, 0.0, 0.5}), Error);
  EXPECT_THROW(qsp::certifyPhasesNlft({0.1, NAN, 0.1}, {0.5}), Error);
  EXPECT_THROW(qsp::certifyPhasesNlft({}, {0.5}), Error);
}
