//===- RandomSuiteTest.cpp - No silent failures over random targets -------===//
//
// Random polynomials (random parity, decaying random Chebyshev
// coefficients) scaled to max|p| = 1 - eta exactly (numeric::MaxAbs), eta
// log-uniform in [1e-9, 0.5], through solvePhases(auto): every case must
// either be refused with an Error or return phases whose error, re-measured
// independently (the plain 2x2 product and Clenshaw in 200-bit MPFR at
// random points), is within the certificate, which is within eps. Degrees
// are 1..300, and 3% of the cases log-uniform in [300, 3000] (up to 1e5
// when 1000 or more cases run). QSVTC_RANDOM_CASES sets the count (default
// 200; the 10,000-case run uses it).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/MaxAbs.h"
#include "qsvtc/qsp/Evaluate.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

using namespace qsvtc;
using numeric::Mpfr;

TEST(QspRandomSuite, EveryCaseIsCertifiedOrRefused) {
  const char *env = std::getenv("QSVTC_RANDOM_CASES");
  const int cases = env ? std::atoi(env) : 200;
  std::mt19937 rng(2026);
  std::uniform_real_distribution<double> u(-1, 1);
  int refused = 0, solved = 0;
  const double highest = cases >= 1000 ? 1e5 : 3000;
  for (int t = 0; t < cases; ++t) {
    const bool high = (rng() % 100) < 3;
    const int degree = high ? static_cast<int>(300 * std::pow(highest / 300, (u(rng) + 1) / 2))
                            : 1 + static_cast<int>(rng() % 300);
    std::vector<double> c(degree + 1, 0.0);
    const double decay = 0.9 + 0.1 * (u(rng) + 1) / 2;
    for (int k = degree % 2; k <= degree; k += 2)
      c[k] = u(rng) * std::pow(decay, k);
    // Scale to max|p| = 1 - eta: MaxAbs located to rounding (decide at the
    // value itself); above degree 8192 it samples a grid, so max|p| may
    // pass 1 - eta by ~1e-5 there (then refusing is right when it passes 1).
    const double eta =
        std::pow(10.0, std::log10(0.5) + (std::log10(1e-9) - std::log10(0.5)) * (u(rng) + 1) / 2);
    const numeric::MaxAbs first = numeric::maxAbsChebyshev(c);
    const numeric::MaxAbs peak = numeric::maxAbsChebyshev(c, first.value);
    for (double &v : c)
      v *= (1 - eta) / peak.value;
    qsp::PhaseOptions opts;
    opts.epsilon = 1e-10;
    const std::vector<Mpfr> coef(c.begin(), c.end());
    qsp::PhaseResult r;
    try {
      r = qsp::solvePhases(coef, opts);
    } catch (const Error &e) {
      ++refused;
      std::printf("refused: case %d, degree %d, 1 - max|p| = %.3g: %s\n", t, degree, eta, e.what());
      continue;
    }
    ++solved;
    ASSERT_LE(r.certificate.maxError, opts.epsilon) << "case " << t;
    // Independent re-measurement in 200-bit MPFR at random points.
    const auto table = qsp::phaseTable<Mpfr>(r.phases, 200);
    numeric::PrecisionGuard guard(200);
    std::vector<Mpfr> cm;
    for (double v : c)
      cm.push_back(Mpfr(v));
    for (int i = 0; i < 20; ++i) {
      const Mpfr x(u(rng));
      const double err =
          static_cast<double>(abs(Mpfr(qsp::qspTopLeft(table, x).re - numeric::clenshaw(cm, x))));
      // The certificate is a bound (NLFFT) or a dense-grid max (grid); the
      // grid can miss a peak by ~1% (Ehlich-Zeller) of the error itself.
      ASSERT_LE(err, 1.02 * r.certificate.maxError + 1e-30)
          << "case " << t << " degree " << degree << " 1 - max|p| = " << eta << " solver "
          << qsp::solverName(r.solver);
    }
  }
  RecordProperty("solved", solved);
  RecordProperty("refused", refused);
  std::printf("random suite: %d solved and certified, %d refused\n", solved, refused);
  EXPECT_GT(solved, cases / 2); // the suite must exercise the solvers
}
