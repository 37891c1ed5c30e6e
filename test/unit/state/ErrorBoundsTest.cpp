//===- ErrorBoundsTest.cpp - State mode's error rules at a coarse eta -----===//
//
// The other state tests solve polynomials to 1e-9, where any bound holds.
// Here eta is 1e-4 and the rows are near-degenerate: softmax rows whose
// exponential readout has a small success amplitude (small Z_j next to
// N e^{|c|}), and rows whose spread is small next to their mean (small
// sigma), normalised after a GELU. Each chain is simulated and compared
// with the exact forward pass computed here with Eigen; the stage's own
// bound (errorPerEta * eta) must hold, with exact amplification (known
// amplitudes) and from bounds only (fixed-point amplification, norms by
// QSVT on the success amplitude).
//
//===----------------------------------------------------------------------===//
#include "StageHarness.h"

#include <cmath>

using namespace qsvtc;
using namespace qsvtc::state;
using namespace qsvtc::state::testing;

namespace {
constexpr double Eta = 1e-4;
} // namespace

TEST(StateErrorBounds, SoftmaxRowsWithASmallReadoutAmplitude) {
  std::mt19937_64 rng(31);
  int smallest = 0; // trials whose readout amplitude is below 0.2
  // (c, from bounds only): a larger c = alpha / 2 (the scores' scale) gives
  // a smaller readout m e^{-|c|} ||e^{c x}|| / sqrt(L); fixed-point
  // amplification's degree grows as its inverse, so bounds stop at 1.5.
  const std::pair<double, bool> trials[] = {{1, false},  {1, true},  {2, false},
                                            {1.5, true}, {3, false}, {3.5, false}};
  for (int trial = 0; trial < 6; ++trial) {
    StateContext cx = context(Eta);
    const double c = trials[trial].first;
    cx.boundsOnly = trials[trial].second;
    MatrixXd x = randomMatrix(rng), w = randomMatrix(rng);
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, true);
    const int j = trial % 4;
    StageP row = applyOracle(cx, applyOracle(cx, basisState(cx, j, 4), ox, true), ow, true);
    const double k = 2 * c / row->alpha; // the scores k x w, alpha 2c
    StageP scores = scaleValue(row, k);
    StageP e = expHalfAmplitudes(cx, scores);
    smallest += e->lowered.norm() < 0.2;
    StageP p = squareAmplitudes(cx, cx.boundsOnly ? amplifyFixedPoint(cx, e) : amplify(cx, e));
    const VectorXd s = k * (x * w).row(j).transpose();
    const VectorXd softmax = (s.array() - s.maxCoeff()).exp().matrix();
    const VectorXd expect = softmax / softmax.sum();
    const VectorXd got = p->alpha * simulate(cx, p);
    const double bound = p->alpha * p->errorPerEta * Eta;
    EXPECT_LT((got - expect).norm(), bound + 1e-10)
        << "trial " << trial << ": readout amplitude " << e->lowered.norm() << ", bound " << bound;
  }
  EXPECT_GE(smallest, 2) << "the trials should include small readout amplitudes";
}

TEST(StateErrorBounds, LayerNormOfNearConstantRowsAfterGelu) {
  std::mt19937_64 rng(32);
  std::normal_distribution<double> normal(0, 1);
  for (int trial = 0; trial < 4; ++trial) {
    StateContext cx = context(Eta);
    cx.boundsOnly = trial % 2 == 1;
    // Row j = 0.5 + spread * noise: sigma / mean from 0.2 down to 0.02
    // (0.1 from bounds only, whose degree grows as 1 / spread); the other
    // rows small, so that the encoding's alpha (||X||_F) is about row j's.
    const double spread = trial < 2 ? 0.1 : cx.boundsOnly ? 0.05 : 0.01;
    const int j = trial % 4;
    MatrixXd x(4, 4);
    for (Eigen::Index r = 0; r < 4; ++r)
      for (Eigen::Index c = 0; c < 4; ++c)
        x(r, c) = (r == j ? 1.0 : 0.1) * (0.5 + spread * normal(rng));
    Oracle ox = makeOracle(cx, "X", x, false);
    StageP row = applyOracle(cx, basisState(cx, j, 4), ox, true);
    if (!cx.boundsOnly)
      row = amplify(cx, row); // known amplitudes: the activation reuses the flags
    StageP g = gatedActivation(cx, row, "gelu");
    const VectorXd h = gelu(x.row(j).transpose());
    const VectorXd centred = h.array() - h.mean();
    VectorXd expect;
    StageP n;
    if (cx.boundsOnly) {
      // Layer norm with its epsilon (a tenth of the variance) and a
      // declared spread of 0.7 times the true one.
      const double var = centred.squaredNorm() / 4, eps = 0.1 * var;
      n = normByAmplitude(cx, g, /*meanFree=*/true, /*gamma=*/1.0, eps, 0.7 * centred.norm());
      expect = centred / std::sqrt(var + eps);
    } else {
      n = amplify(cx, g, /*meanFree=*/true);
      expect = centred; // alpha = ||centred||
    }
    const VectorXd got = n->alpha * simulate(cx, n);
    const double bound = n->alpha * n->errorPerEta * Eta;
    EXPECT_LT((got - expect).norm(), bound + 1e-10)
        << "trial " << trial << ": sigma " << std::sqrt(centred.squaredNorm() / 4) << ", bound "
        << bound << ", degree " << n->info.degree << ", rounds " << n->info.rounds;
  }
}
