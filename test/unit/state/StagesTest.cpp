//===- StagesTest.cpp - State-mode constructions simulate to linear algebra ===//
//
// Every construction of state mode (state/Stages.h) is printed to
// OpenQASM, read back by the runtime's own reader and simulated from
// |0...0>; the projected output (flags |0>) is compared with the vector
// computed here directly with Eigen from the random matrices (products,
// std::exp, softmax, means), not with the stage's own bookkeeping.
// Tolerances: 1e-10 for exact constructions (a few thousand gates, ~1e-16
// each); the polynomial's eta (+ the same) where a polynomial enters.
//
//===----------------------------------------------------------------------===//
#include "StageHarness.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/state/Amplify.h"

#include <cmath>

using namespace qsvtc;
using namespace qsvtc::state;
using namespace qsvtc::state::testing;

TEST(StateStages, RowExtractionAppliesOraclesAndAdjoints) {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 6; ++trial) {
    StateContext cx = context();
    MatrixXd x = randomMatrix(rng), w = randomMatrix(rng);
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, trial % 2 == 0);
    const int j = trial % 4;
    // row j of X W, then times W again (not transposed): W (X W)^T e_j.
    StageP s = applyOracle(cx, applyOracle(cx, basisState(cx, j, 4), ox, true), ow, true);
    StageP t = applyOracle(cx, s, ow, false);
    const VectorXd expectS = (x * w).row(j).transpose() / (ox.gate.alpha * ow.gate.alpha);
    const VectorXd expectT = w * expectS / ow.gate.alpha;
    EXPECT_LT((simulate(cx, s) - expectS).norm(), 1e-10);
    EXPECT_LT((simulate(cx, t) - expectT).norm(), 1e-10);
    EXPECT_LT((t->ideal - expectT).norm(), 1e-12);
    EXPECT_NEAR(t->alpha, ox.gate.alpha * ow.gate.alpha * ow.gate.alpha, 1e-12);
    EXPECT_EQ(t->calls.at("W"), 2);
  }
}

TEST(StateStages, ExactAmplificationNormalisesWithCleanFlags) {
  // Rows of random matrices give success amplitudes from ~0.05 to ~0.9.
  std::mt19937_64 rng(2);
  for (int trial = 0; trial < 12; ++trial) {
    StateContext cx = context();
    MatrixXd x = randomMatrix(rng), w = randomMatrix(rng, trial < 6 ? 1 : 0.05);
    w(0, 0) += trial < 6 ? 0 : 3; // one dominant entry: a tiny amplitude elsewhere
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, false);
    StageP row = applyOracle(cx, applyOracle(cx, basisState(cx, trial % 4, 4), ox, true), ow, true);
    const bool meanFree = trial % 3 == 0;
    StageP a = amplify(cx, row, meanFree);
    VectorXd v = (x * w).row(trial % 4).transpose();
    if (meanFree)
      v.array() -= v.mean();
    const VectorXd got = simulate(cx, a);
    EXPECT_LT((got - v / v.norm()).norm(), 1e-9)
        << "trial " << trial << " amplitude " << a->info.amplitude << " rounds " << a->info.rounds;
    EXPECT_NEAR(got.norm(), 1, 1e-9); // success probability 1: flags back at |0>
    EXPECT_NEAR(a->alpha, v.norm(), 1e-9);
  }
}

TEST(StateStages, ScheduleLandsOnOneForEveryAmplitude) {
  for (double a = 1e-3; a < 1; a *= 1.37) {
    AmplifySchedule s = scheduleAmplification(a);
    EXPECT_LT(s.residual, 1e-9) << a;
    EXPECT_EQ(s.iterates, static_cast<int>(std::ceil(M_PI / (4 * std::asin(a)) - 0.5))) << a;
  }
  EXPECT_EQ(scheduleAmplification(1).iterates, 0);
  EXPECT_THROW(scheduleAmplification(0), Error);
  EXPECT_THROW(scheduleAmplification(1.5), Error);
}

TEST(StateStages, ExponentialOnAmplitudesThenSquaresIsTheSoftmaxRow) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 4; ++trial) {
    const double eta = 1e-9;
    StateContext cx = context(eta);
    MatrixXd x = randomMatrix(rng, 0.2 + 0.2 * trial), w = randomMatrix(rng, 0.5);
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, true);
    StageP scores = scaleValue(
        applyOracle(cx, applyOracle(cx, basisState(cx, trial, 4), ox, true), ow, true), 0.5);
    StageP e = expHalfAmplitudes(cx, scores);
    // The readout: 0.998 e^{-|c|} e^{value/2} / sqrt(L).
    const VectorXd value = 0.5 * (x * w).row(trial).transpose();
    const double c = scores->alpha / 2, s = 0.998 * std::exp(-std::fabs(c));
    const VectorXd expectE = (s / 2) * (value / 2).array().exp().matrix();
    EXPECT_LT((simulate(cx, e) - expectE).norm(), 4 * eta) << "degree " << e->info.degree;
    StageP p = squareAmplitudes(cx, amplify(cx, e));
    const VectorXd softmax = value.array().exp() / value.array().exp().sum();
    const VectorXd got = simulate(cx, p);
    EXPECT_LT((got - softmax).norm(), p->errorPerEta * eta + 1e-10);
    EXPECT_LT((got - softmax).norm(), 1e-7);
  }
}

TEST(StateStages, SumOfTwoRowsWeighsByAlphas) {
  std::mt19937_64 rng(4);
  StateContext cx = context();
  MatrixXd x = randomMatrix(rng), w = randomMatrix(rng);
  Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, false);
  StageP r1 = applyOracle(cx, basisState(cx, 1, 4), ox, true);
  StageP r2 = scaleValue(applyOracle(cx, r1, ow, true), -0.7);
  StageP sum = addValues(cx, {r1, r2});
  const VectorXd v = x.row(1).transpose() - 0.7 * (x * w).row(1).transpose();
  const double alpha = ox.gate.alpha + 0.7 * ox.gate.alpha * ow.gate.alpha;
  EXPECT_NEAR(sum->alpha, alpha, 1e-12);
  EXPECT_LT((simulate(cx, sum) - v / alpha).norm(), 1e-10);
}

TEST(StateStages, GeluByImportanceWeightingOnAnAmplifiedRow) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 3; ++trial) {
    const double eta = 1e-9;
    StateContext cx = context(eta);
    MatrixXd x = randomMatrix(rng), w = randomMatrix(rng, 0.5 + trial);
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, true);
    StageP row =
        amplify(cx, applyOracle(cx, applyOracle(cx, basisState(cx, trial, 4), ox, true), ow, true));
    StageP g = gatedActivation(cx, row, "gelu");
    // value = alpha * amplitude must be gelu(x w) of the row, erf form.
    const VectorXd expect = gelu((x * w).row(trial).transpose());
    const VectorXd got = g->alpha * simulate(cx, g);
    EXPECT_LT((got - expect).norm(), g->alpha * (g->errorPerEta * eta + 1e-10)) << trial;
    EXPECT_LT((got - expect).norm(), 1e-6 * g->alpha) << trial;
  }
}

TEST(StateStages, TanhSigmoidAndReluAsOffsetPlusGatedAmplitudes) {
  // tanh: one even QSVT branch (tanh(x)/x); sigmoid: 1/2 + x (sigmoid(x) -
  // 1/2)/x, the 1/2 by an LCU with the uniform row; erf: x erf(x)/x, a gate
  // above 1 (scaled); softplus: log 2 + x (softplus(x) - log 2)/x; ReLU: x sigmoid(k x),
  // within the budget of max(x, 0). A coarse eta (1e-2 for ReLU, whose
  // degree grows as 1/eta): the bound is what is tested.
  std::mt19937_64 rng(6);
  struct Case {
    const char *name;
    double (*f)(double);
    double eta;
  };
  const Case cases[] = {{"tanh", [](double v) { return std::tanh(v); }, 1e-4},
                        {"sigmoid", [](double v) { return 1 / (1 + std::exp(-v)); }, 1e-4},
                        {"erf", [](double v) { return std::erf(v); }, 1e-4},
                        {"softplus", [](double v) { return std::log1p(std::exp(v)); }, 1e-4},
                        {"relu", [](double v) { return std::max(v, 0.0); }, 1e-2}};
  for (const auto &[name, f, eta] : cases) {
    StateContext cx = context(eta);
    MatrixXd x = randomMatrix(rng), w = randomMatrix(rng);
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, true);
    StageP row =
        amplify(cx, applyOracle(cx, applyOracle(cx, basisState(cx, 1, 4), ox, true), ow, true));
    StageP g = gatedActivation(cx, row, name);
    const double offset = approx::findActivation(name)->amplitudeOffset;
    if (offset != 0)
      g = addValues(cx, {g, constantRow(cx, 4, offset)}, "constant");
    const VectorXd v = (x * w).row(1).transpose();
    const VectorXd expect = v.unaryExpr(f);
    const VectorXd got = g->alpha * simulate(cx, g);
    EXPECT_LT((got - expect).norm(), g->alpha * (g->errorPerEta * eta + 1e-10))
        << name << " degree " << g->info.degree;
    EXPECT_GT((got - expect).norm(), 0) << name; // a polynomial, not the function
  }
}
