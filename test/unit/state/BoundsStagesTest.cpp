//===- BoundsStagesTest.cpp - State mode's constructions from bounds -------===//
//
// The constructions that need no data amplitude (fixed-point amplification,
// norms by QSVT on the success amplitude), the head constructions
// (projection, concatenation) and the row loader's (a row, rows weighed by
// a softmax), each simulated and compared with a vector computed here with
// Eigen from the random matrices. Tolerances: 1e-10 where no polynomial
// enters; the stage's own bound (errorPerEta * eta) plus 1e-10, and an
// absolute 1e-6, where one does.
//
//===----------------------------------------------------------------------===//
#include "StageHarness.h"

#include <cmath>

using namespace qsvtc;
using namespace qsvtc::state;
using namespace qsvtc::state::testing;

namespace {

/// The same stage with its success amplitude's lower bound set (what the
/// declared norms would give): `factor` times the true amplitude.
StageP withLowerBound(const StageP &s, double factor) {
  Stage t = *s;
  t.amplitudeLow = factor * s->lowered.norm();
  return std::make_shared<const Stage>(std::move(t));
}

StageP rowOf(StateContext &cx, std::mt19937_64 &rng, int j, MatrixXd &x, MatrixXd &w) {
  x = randomMatrix(rng);
  w = randomMatrix(rng);
  Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, false);
  return applyOracle(cx, applyOracle(cx, basisState(cx, j, 4), ox, true), ow, true);
}

} // namespace

TEST(StateBounds, FixedPointAmplificationReachesTheStateFromALowerBound) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 4; ++trial) {
    const double eta = 1e-7;
    StateContext cx = context(eta);
    cx.boundsOnly = true;
    MatrixXd x, w;
    StageP row = withLowerBound(rowOf(cx, rng, trial % 4, x, w), trial < 2 ? 0.9 : 0.5);
    StageP a = amplifyFixedPoint(cx, row);
    const VectorXd v = (x * w).row(trial % 4).transpose();
    const VectorXd got = simulate(cx, a);
    // S |psi>, S the sign polynomial's known scale.
    EXPECT_LT((got - a->amplitudeNorm * v / v.norm()).norm(), a->errorPerEta * eta + 1e-10)
        << "trial " << trial << " amplitude " << row->lowered.norm() << " degree "
        << a->info.degree;
    EXPECT_NEAR(a->amplitudeNorm, 1, 2e-3);
    EXPECT_FALSE(a->clean);
  }
  // No lower bound: refused.
  StateContext cx = context();
  MatrixXd x, w;
  StageP row = rowOf(cx, rng, 0, x, w);
  EXPECT_THROW(amplifyFixedPoint(cx, row), Error); // applyOracle leaves amplitudeLow 0
}

TEST(StateBounds, NormOnTheSuccessAmplitudeIsLayerNormWithItsEpsilon) {
  std::mt19937_64 rng(12);
  for (int trial = 0; trial < 4; ++trial) {
    const double eta = 1e-6;
    StateContext cx = context(eta);
    cx.boundsOnly = true;
    MatrixXd x, w;
    StageP row = rowOf(cx, rng, trial % 4, x, w);
    const bool layer = trial < 2;
    VectorXd v = (x * w).row(trial % 4).transpose();
    if (layer)
      v.array() -= v.mean();
    const double var = v.squaredNorm() / static_cast<double>(v.size());
    // An epsilon that matters next to the row's variance (so that a plain
    // normalisation fails the comparison): kappa = sqrt(eps / var) times
    // the amplitude. Odd trials declare a spread (a true lower bound on
    // ||x - mean||) above 2 kappa: the polynomial's domain has a gap.
    const double eps = (trial % 2 ? 0.05 : 0.5) * var, gamma = 0.8;
    const double spread = trial % 2 ? 0.7 * v.norm() : 0.0;
    StageP n = normByAmplitude(cx, row, layer, gamma, eps, spread);
    const VectorXd expect = gamma * v / std::sqrt(var + eps);
    const VectorXd got = n->alpha * simulate(cx, n);
    EXPECT_LT((got - expect).norm(), n->alpha * (n->errorPerEta * eta + 1e-10))
        << "trial " << trial << " degree " << n->info.degree;
    EXPECT_LT((got - expect).norm(), 1e-4) << "trial " << trial;
    // Without epsilon in the polynomial it would be gamma sqrt(L) v / |v|.
    EXPECT_GT((gamma * 2 * v / v.norm() - expect).norm(), 1e-3);
  }
}

TEST(StateBounds, ProjectionAndConcatenationPlaceHeadsSideBySide) {
  std::mt19937_64 rng(13);
  StateContext cx = context();
  MatrixXd x = randomMatrix(rng), w = randomMatrix(rng), u = randomMatrix(rng);
  Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, false),
         ou = makeOracle(cx, "U", u, true);
  StageP row = applyOracle(cx, basisState(cx, 2, 4), ox, true);
  StageP p = projectRange(cx, row, 2, 2);
  VectorXd masked = x.row(2).transpose() / ox.gate.alpha;
  masked(0) = masked(1) = 0;
  EXPECT_LT((simulate(cx, p) - masked).norm(), 1e-10);
  StageP unaligned = projectRange(cx, row, 1, 2); // two comparisons instead of the high bits
  VectorXd middle = x.row(2).transpose() / ox.gate.alpha;
  middle(0) = middle(3) = 0;
  EXPECT_LT((simulate(cx, unaligned) - middle).norm(), 1e-10);

  StageP h0 = applyOracle(cx, row, ow, true), h1 = scaleValue(applyOracle(cx, row, ou, true), 0.4);
  StageP c = concatenateRows(cx, {h0, h1}, 2);
  const VectorXd first = w.transpose() * x.row(2).transpose();
  VectorXd expect = 0.4 * u.transpose() * x.row(2).transpose();
  expect(0) = first(0);
  expect(1) = first(1);
  const VectorXd got = c->alpha * simulate(cx, c);
  EXPECT_LT((got - expect).norm(), 1e-9);
  EXPECT_NEAR(c->alpha, std::hypot(h0->alpha, h1->alpha), 1e-12); // not h0 + h1
}

TEST(StateBounds, HeadsOfAnyWidthProjectAndConcatenate) {
  // Rows of 6 entries on 3 qubits, heads of width 3 (and 1, 2 at odd
  // offsets): the slots are found by comparisons, not by the high bits.
  std::mt19937_64 rng(21);
  StateContext cx = context();
  cx.dataQubits = 3;
  MatrixXd x = randomMatrix(rng, 1, 6, 6), w = randomMatrix(rng, 1, 6, 6),
           u = randomMatrix(rng, 1, 6, 6);
  Oracle ox = makeOracle(cx, "X", x, false, 3), ow = makeOracle(cx, "W", w, false, 3),
         ou = makeOracle(cx, "U", u, true, 3);
  StageP row = applyOracle(cx, basisState(cx, 4, 6), ox, true);
  const VectorXd full = x.row(4).transpose() / ox.gate.alpha;
  for (auto [offset, width] : {std::pair{3, 3}, {0, 3}, {1, 1}, {1, 2}, {2, 4}, {5, 1}}) {
    VectorXd masked = VectorXd::Zero(8);
    masked.segment(offset, width) = full.segment(offset, width);
    EXPECT_LT((simulate(cx, projectRange(cx, row, offset, width)) - masked).norm(), 1e-10)
        << "[" << offset << ", " << offset + width << ")";
  }
  StageP h0 = applyOracle(cx, row, ow, true), h1 = scaleValue(applyOracle(cx, row, ou, true), -0.4);
  StageP c = concatenateRows(cx, {h0, h1}, 3);
  VectorXd expect = VectorXd::Zero(8);
  expect.head(3) = (w.transpose() * x.row(4).transpose()).head(3);
  expect.segment(3, 3) = (-0.4 * u.transpose() * x.row(4).transpose()).segment(3, 3);
  EXPECT_LT((c->alpha * simulate(cx, c) - expect).norm(), 1e-9);
}

TEST(StateBounds, ThreeHeadsOfWidthThreeConcatenate) {
  // Three slots of width 3 in rows of 9 (4 qubits): the selection register
  // spells 0, 1, 2 by comparisons with 3 and 6, which telescope.
  std::mt19937_64 rng(22);
  StateContext cx = context();
  cx.dataQubits = 4;
  MatrixXd x = randomMatrix(rng, 1, 9, 9);
  std::vector<MatrixXd> w;
  std::vector<StageP> heads;
  Oracle ox = makeOracle(cx, "X", x, false, 4);
  StageP row = applyOracle(cx, basisState(cx, 7, 9), ox, true);
  VectorXd expect = VectorXd::Zero(16);
  for (int h = 0; h < 3; ++h) {
    w.push_back(randomMatrix(rng, 1, 9, 9));
    Oracle o = makeOracle(cx, "W" + std::to_string(h), w.back(), h == 1, 4);
    heads.push_back(applyOracle(cx, row, o, true));
    expect.segment(3 * h, 3) = (w.back().transpose() * x.row(7).transpose()).segment(3 * h, 3);
  }
  StageP c = concatenateRows(cx, heads, 3);
  EXPECT_LT((c->alpha * simulate(cx, c) - expect).norm(), 1e-9);
}

TEST(StateBounds, RowLoaderLoadsRowsAndWeighsThemBySquaredAmplitudes) {
  std::mt19937_64 rng(14);
  for (int trial = 0; trial < 3; ++trial) {
    StateContext cx = context();
    MatrixXd h = randomMatrix(rng), x = randomMatrix(rng), w = randomMatrix(rng, 0.7);
    Oracle loader = defineRowLoader(cx, "H", h);
    EXPECT_NEAR(loader.gate.alpha, h.rowwise().norm().maxCoeff(), 1e-12);
    StageP r = loadRow(cx, trial, loader);
    EXPECT_LT((r->alpha * simulate(cx, r) - h.row(trial).transpose()).norm(), 1e-10);

    // p = a o a for an amplified row a: sum_k p_k h_k.
    Oracle ox = makeOracle(cx, "X", x, false), ow = makeOracle(cx, "W", w, true);
    StageP a =
        amplify(cx, applyOracle(cx, applyOracle(cx, basisState(cx, 1, 4), ox, true), ow, true));
    StageP m = mixRows(cx, a, loader);
    const VectorXd s = (x * w).row(1).transpose();
    const VectorXd p = s.cwiseAbs2() / s.squaredNorm();
    const VectorXd expect = h.transpose() * p;
    EXPECT_LT((m->alpha * simulate(cx, m) - expect).norm(), 1e-9) << trial;
    EXPECT_EQ(m->calls.at("H"), 1);

    // The same from a fixed-point amplification (flags not clean: marked).
    const double eta = 1e-6;
    cx.eta = eta;
    StageP row = applyOracle(cx, applyOracle(cx, basisState(cx, 1, 4), ox, true), ow, true);
    StageP f = amplifyFixedPoint(cx, withLowerBound(row, 0.5));
    StageP mf = mixRows(cx, f, loader);
    EXPECT_LT((mf->alpha * simulate(cx, mf) - expect).norm(),
              mf->alpha * (mf->errorPerEta * eta + 1e-10))
        << trial;
  }
}
