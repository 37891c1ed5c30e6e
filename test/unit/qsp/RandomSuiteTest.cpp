//===- RandomSuiteTest.cpp - No silent failures over random targets -------===//
//
// Random polynomials (random parity, degree up to 300, decaying random
// Chebyshev coefficients, max|p| scaled to a random value in [0.5, 1 - 1e-6])
// through solvePhases(auto): every case must either be refused with an
// Error or return phases whose error, re-measured independently (the plain
// 2x2 product and Clenshaw in 200-bit MPFR at random points), is within the
// certificate, which is within eps. QSVTC_RANDOM_CASES sets the count
// (default 200; the 1000-case run uses it).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Chebyshev.h"
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
  for (int t = 0; t < cases; ++t) {
    const int degree = 1 + static_cast<int>(rng() % 300);
    std::vector<double> c(degree + 1, 0.0);
    const double decay = 0.9 + 0.1 * (u(rng) + 1) / 2;
    for (int k = degree % 2; k <= degree; k += 2)
      c[k] = u(rng) * std::pow(decay, k);
    double peak = 0;
    for (int i = 0; i <= 20 * degree + 200; ++i)
      peak =
          std::max(peak, std::abs(numeric::clenshaw(c, std::cos(M_PI * i / (20 * degree + 200)))));
    const double target = 0.5 + (0.5 - 1e-6) * (u(rng) + 1) / 2;
    for (double &v : c)
      v *= target / peak;
    qsp::PhaseOptions opts;
    opts.epsilon = 1e-10;
    const std::vector<Mpfr> coef(c.begin(), c.end());
    qsp::PhaseResult r;
    try {
      r = qsp::solvePhases(coef, opts);
    } catch (const Error &) {
      ++refused;
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
          << "case " << t << " degree " << degree << " solver " << qsp::solverName(r.solver);
    }
  }
  RecordProperty("solved", solved);
  RecordProperty("refused", refused);
  std::printf("random suite: %d solved and certified, %d refused\n", solved, refused);
  EXPECT_GT(solved, cases / 2); // the suite must exercise the solvers
}
