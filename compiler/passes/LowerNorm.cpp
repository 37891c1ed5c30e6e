//===- LowerNorm.cpp - Layer norm and RMS norm ----------------------------===//
//
// LN(x) = (x - mean) / sqrt(var + eps) * gamma + beta per row (population
// variance), RMS(x) = x / sqrt(mean(x^2) + eps) * gamma, for every row at
// once:
//   1. c = B (I - J/C): the centering projector removes each row's mean
//      (RMS norm skips this step), amplified when its norm is known to be
//      below its alpha;
//   2. v = (c o c) 1 + C eps: C (var_i + eps) as a column, by a Hadamard
//      product (seed 000 Thm 4), the all-ones column and a one-term LCU;
//   3. D^{-1/2} by QSVT of 1/sqrt(x) on [C eps, alpha_D] on diag(v);
//   4. y = sqrt(C) gamma D^{-1/2} c (+ beta J).
// Seed 000 fixes gamma = 1/sqrt(d), beta = 0 and realises the 1/std of ONE
// row as the normalisation of a state (amplitude amplification); for all
// rows at once, and for general gamma, beta and RMS norm, the explicit
// 1/sqrt polynomial is needed. eps (default 1e-5, as PyTorch) bounds the
// spectrum away from 0 and so fixes the polynomial's degree.
//
//===----------------------------------------------------------------------===//
#include "Encodings.h"
#include "Lowering.h"
#include "Regions.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"

#include <cmath>

namespace qsvtc::passes {

namespace {

ir::Value *rowNorm(Rewriter &rw, ir::Operation &op, ir::Value *b, bool center) {
  const ir::Location &loc = op.location;
  int64_t rows = b->type.shape[0], cols = b->type.shape[1];
  double c = static_cast<double>(cols);
  const ops::qt::NormParams p = ops::qt::normParams(op);
  const double eps = p.epsilon, gamma = p.gamma, beta = p.beta;
  ir::Value *x = center ? rw.create(ops::Mul::name, {b, centering(rw, cols, loc)}, {}, {}, loc) : b;
  // The squares cost alpha_x^2 and the 1/sqrt's degree grows with alpha_v /
  // gap: amplify x first. No structural bound beats alpha_x, so this is the
  // identity unless the data's norm is known (DataFacts).
  x = polynomial(rw, x, {"amplify"}, loc);
  ir::Value *sq = rw.create(ops::Hadamard::name, {x, x}, {}, {}, loc);
  ir::Value *v = rw.create(ops::Mul::name, {sq, uniformColumn(rw, cols, loc)}, {}, {}, loc);
  ir::Value *shifted = rw.create(ops::Add::name, {v, uniformColumn(rw, rows, loc)}, {},
                                 ops::addAttributes({1.0, c * eps}), loc);
  ir::Value *d = rw.create(ops::DiagFromState::name, {shifted}, {}, {}, loc);
  ir::Value *dis = polynomial(rw, d, {"invsqrt"}, loc); // gap C eps, derived later
  ir::Value *y =
      scaled(rw, rw.create(ops::Mul::name, {dis, x}, {}, {}, loc), std::sqrt(c) * gamma, loc);
  // Every row now has norm <= sqrt(C) |gamma|, so |y| <= sqrt(R C) |gamma|,
  // far below the alpha the products accumulated: amplify back to it.
  ops::PolySpec amplify{"amplify"};
  amplify.normBound = std::sqrt(static_cast<double>(rows) * c) * std::fabs(gamma);
  amplify.rowNormBound = std::sqrt(c) * std::fabs(gamma);
  y = polynomial(rw, y, amplify, loc);
  // Per row, x -> sqrt(C) gamma P x / sqrt(|P x|^2 + C eps) (P the centering
  // projector) has Jacobian norm <= |gamma| / sqrt(eps); so has the whole
  // matrix in the Frobenius norm (Regions.h).
  if (eps > 0)
    markRegion(b, y, std::fabs(gamma) / std::sqrt(eps));
  if (beta == 0)
    return y;
  ir::Value *ones =
      rw.create(ops::Mul::name,
                {uniformColumn(rw, rows, loc),
                 rw.create(ops::Adjoint::name, {uniformColumn(rw, cols, loc)}, {}, {}, loc)},
                {}, {}, loc);
  return rw.create(ops::Add::name, {y, ones}, {}, ops::addAttributes({1.0, beta}), loc);
}

} // namespace

bool lowerNorm(Rewriter &rw, ir::Operation &op) {
  if (!ops::qt::isNormalisation(op) || !operandsReady(op))
    return false;
  bool center = ops::is<ops::qt::LayerNorm>(op);
  ir::Value *b = blockOperand(rw, op, 0);
  const ir::Type &t = op.operands[0]->type;
  // Rows are normalised; a vector is one row, axis 0 the rows of B^T.
  bool flip = t.rank() == 1 || ops::qt::axis(op) == 0;
  if (flip)
    b = rw.create(ops::Adjoint::name, {b}, {}, {}, op.location);
  ir::Value *y = rowNorm(rw, op, b, center);
  if (flip)
    y = rw.create(ops::Adjoint::name, {y}, {}, {}, op.location);
  rw.replaceWithBlock(op, y);
  return true;
}

} // namespace qsvtc::passes
