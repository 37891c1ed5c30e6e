//===- NewtonTest.cpp - Newton's method for symmetric QSP -----------------===//
//
// Known answers: QSPPACK's phases (test/data/qsp-reference, computed in
// Octave and independently re-checked), which Newton from the same start
// must reproduce; and the defining property, Re<0|U|0> = p, checked with
// the dense product in MPFR. Also the certifier must catch a wrong phase.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Newton.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/CertifyPhases.h"
#include "qsvtc/qsp/Evaluate.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "QspReference.h"

#include <fstream>

using namespace qsvtc;
using numeric::Mpfr;

namespace {

using Reference = testref::QspReference;
Reference load(const std::string &name) { return testref::loadQspReference(name); }

double maxPhaseDifference(const std::vector<double> &a, const std::vector<double> &b) {
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

} // namespace

class NewtonReference : public ::testing::TestWithParam<const char *> {};

TEST_P(NewtonReference, ReproducesQsppackPhases) {
  const Reference ref = load(GetParam());
  const auto r = qsp::newtonPhases(ref.coef, ref.parity);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.phases.size(), ref.phases.size());
  // The exp_* references stop at QSPPACK's first iterate under 1e-12
  // (README: 1e-13 accurate); the others are good to ~1e-15.
  const bool loose = std::string(GetParam()).rfind("exp", 0) == 0;
  EXPECT_LT(maxPhaseDifference(r.phases, ref.phases), loose ? 1e-12 : 1e-13);
  // Independently: the certified error (double-double product and sum).
  std::vector<Mpfr> phases(r.phases.begin(), r.phases.end());
  std::vector<Mpfr> coef(ref.coef.begin(), ref.coef.end());
  EXPECT_LT(qsp::certifyPhases(phases, 53, coef).maxError, 1e-13);
}

INSTANTIATE_TEST_SUITE_P(All, NewtonReference,
                         ::testing::Values("cos_tau10", "cos_tau100", "cos_d500", "exp_b10_even",
                                           "exp_b10_odd", "exp_b100_even", "exp_b100_odd",
                                           "erf_k20"));

TEST(NewtonMpfr, ReachesThirtyDigits) {
  // 0.5 cos(10x) by Jacobi-Anger to 1e-40 (degree 48 suffices), in 256 bits.
  numeric::PrecisionGuard guard(256);
  const Reference ref = load("cos_tau10");
  std::vector<Mpfr> coef(ref.coef.begin(), ref.coef.end());
  qsp::NewtonOptions opts;
  opts.tolerance = 1e-60;
  const auto r = qsp::newtonPhases(coef, ref.parity, opts);
  ASSERT_TRUE(r.converged);
  // Re<0|U|0> - p at a few points in 256-bit arithmetic.
  const auto table = qsp::phaseTable<Mpfr>(r.phases, 256);
  for (const char *xs : {"-0.93", "-0.2", "0.05", "0.5", "0.999"}) {
    const Mpfr x(xs);
    const Mpfr err = qsp::qspTopLeft(table, x).re - numeric::clenshaw(coef, x);
    EXPECT_LT(static_cast<double>(abs(err)), 1e-55) << xs;
  }
}

// Near max|f| = 1 Newton contracts slowly and its chord steps stall; it
// must still go on to double precision (a stalled chord step once passed
// for convergence at ~1e-10), and the double-double refinement must take
// it past the rounding of its own double residual. Checked on the dense
// grid in double-double, not by the solver's residual.
TEST(NewtonDouble, ReachesDoublePrecisionNearOne) {
  for (const int d : {600, 601}) {
    std::vector<double> c = numeric::chebyshevInterpolate<double>(
        [d](double x) {
          return (1 - 1e-9) * (d % 2 ? std::sin(0.8 * d * x) : std::cos(0.8 * d * x));
        },
        d);
    c = numeric::parityProject(std::move(c), d % 2);
    const auto r = qsp::newtonPhases(c, d % 2);
    ASSERT_TRUE(r.converged) << d;
    std::vector<Mpfr> phases(r.phases.begin(), r.phases.end());
    std::vector<Mpfr> coef(c.begin(), c.end());
    const double err = qsp::certifyPhases(phases, 53, coef).maxError;
    EXPECT_LT(err, 1e-14) << d; // ~1.5e-16 reached; 1.05e-13 before
  }
}

TEST(CertifyPhases, CatchesAPerturbedPhase) {
  const Reference ref = load("erf_k20");
  std::vector<Mpfr> coef(ref.coef.begin(), ref.coef.end());
  std::vector<Mpfr> phases(ref.phases.begin(), ref.phases.end());
  const double good = qsp::certifyPhases(phases, 53, coef).maxError;
  phases[50] += 1e-9;
  phases[ref.phases.size() - 51] += 1e-9; // keep the symmetry
  const double bad = qsp::certifyPhases(phases, 53, coef).maxError;
  // One phase moved by 1e-9 changes the response by O(1e-9).
  EXPECT_LT(good, 1e-13);
  EXPECT_GT(bad, 1e-11);
}

TEST(SolvePhases, RefusesBadTargets) {
  auto solve = [](std::vector<double> c) {
    return qsp::solvePhases(std::vector<Mpfr>(c.begin(), c.end()), {});
  };
  EXPECT_THROW(solve({0.1, 0.2, 0.3}), Error);      // mixed parity
  EXPECT_THROW(solve({0.0, 0.6, 0.0, 0.5}), Error); // p(1) = 1.1
  EXPECT_THROW(solve({0.0, 1.0}), Error);           // |p| reaches 1
  EXPECT_THROW(solve({std::nan("")}), Error);
  qsp::PhaseOptions tooStrict;
  tooStrict.epsilon = 1e-40;
  tooStrict.solver = qsp::Solver::Newton;
  EXPECT_THROW(qsp::solvePhases({Mpfr(0), Mpfr(0.5)}, tooStrict), Error);
}

TEST(SolvePhases, TrailingZerosLowerTheDegree) {
  const auto r = qsp::solvePhases({Mpfr(0), Mpfr(0.5), Mpfr(0)}, {});
  EXPECT_EQ(r.degree, 1);
  EXPECT_EQ(r.parity, 1);
  EXPECT_LE(r.certificate.maxError, 1e-12);
}

// Newton's phases are certified by the l1 bound of the NLFFT coefficients
// when it is tight enough, at small and high degree; the dense grid in
// MPFR (an independent computation) must then find no larger error. A
// request the l1 bound cannot meet falls back to the grid.
TEST(SolvePhases, NewtonUsesTheL1CertificateWhenItSuffices) {
  for (const int d : {21, 1201}) {
    std::vector<double> c =
        numeric::chebyshevInterpolate<double>([](double x) { return 0.8 * std::erf(6 * x); }, d);
    for (int k = 0; k <= d; k += 2)
      c[k] = 0; // odd
    std::vector<Mpfr> coef(c.begin(), c.end());
    qsp::PhaseOptions o;
    o.solver = qsp::Solver::Newton;
    o.epsilon = 1e-10;
    const qsp::PhaseResult r = qsp::solvePhases(coef, o);
    EXPECT_EQ(r.certificate.method, "nlft-l1");
    EXPECT_LE(r.certificate.maxError, o.epsilon);
    const double grid = qsp::certifyPhases(r.phases, 53, coef).maxError;
    EXPECT_LE(grid, r.certificate.maxError);
    o.epsilon = grid * 1.5; // below what the l1 sum proves, above the grid's max
    if (o.epsilon < r.certificate.maxError) {
      const qsp::PhaseResult g = qsp::solvePhases(coef, o);
      EXPECT_EQ(g.certificate.method, "grid");
      EXPECT_LE(g.certificate.maxError, o.epsilon);
    }
  }
}

// Above degree 3000 `auto` starts with the fast solver. At max|p| = 1 - 1e-9
// its uniform Weiss grid would need ~d / 1e-9 points; the near-1 completion
// (adaptive quadrature) takes over inside it, says so in the log, and the
// phases are certified (and checked again on the dense grid).
TEST(SolvePhases, AutoSolvesNearOneAboveDegree3000WithTheFastSolver) {
  const int d = 3002;
  std::vector<double> c = numeric::chebyshevInterpolate<double>(
      [](double x) { return (1 - 1e-9) * std::cos(0.8 * d * x); }, d);
  c = numeric::parityProject(std::move(c), 0);
  std::vector<Mpfr> coef(c.begin(), c.end());
  qsp::PhaseOptions o;
  const qsp::PhaseResult r = qsp::solvePhases(coef, o);
  EXPECT_EQ(r.solver, qsp::Solver::Fast);
  ASSERT_FALSE(r.log.empty());
  EXPECT_NE(r.log.front().find("fast: near-1 completion"), std::string::npos);
  EXPECT_LE(r.certificate.maxError, o.epsilon);
  EXPECT_LE(qsp::certifyPhases(r.phases, 53, coef).maxError, o.epsilon);
}

// Newton's dense Jacobian outgrows memory at high degree (40 GB at 1e5):
// asked for explicitly there, it must refuse at once and name the fast
// solver, not fail in the allocator.
TEST(SolvePhases, NewtonRefusesPastItsDegreeLimit) {
  std::vector<Mpfr> coef(30003, Mpfr(0));
  coef.back() = Mpfr(0.5); // 0.5 T_30002
  for (const qsp::Solver solver : {qsp::Solver::Newton, qsp::Solver::Mpfr}) {
    qsp::PhaseOptions o;
    o.solver = solver;
    try {
      qsp::solvePhases(coef, o);
      ADD_FAILURE() << "no refusal for " << qsp::solverName(solver);
    } catch (const Error &e) {
      EXPECT_NE(std::string(e.what()).find("above Newton's limit of 30000"), std::string::npos)
          << e.what();
      EXPECT_NE(std::string(e.what()).find("use the fast solver"), std::string::npos);
    }
  }
}
