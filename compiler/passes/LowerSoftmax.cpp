//===- LowerSoftmax.cpp - Row-wise softmax and attention ------------------===//
//
// Seed 000 (arXiv 2402.16714) computes one row j of softmax(Q K^T) as a
// state; qsvtc compiles whole matrices, so it normalises every row at once:
//   1. E = exp o (A - alpha): the element-wise exponential by Hadamard
//      powers (seed 000 Thm 5), shifted by alpha >= max|A_ij| so every
//      entry lies in [e^{-2 alpha}, 1] (softmax is shift-invariant).
//      Symbolic scores' alpha is a product of worst-case norms, often far
//      above their entries (e^{2 alpha} overflows, and the gap of step 4
//      shrinks like e^{-2 alpha}): when it exceeds 2, E is QSVT of
//      e^{x - a} on diag(vec A), amplified first to a ~ 1.5 max|A_ij|,
//      which the rows' norms bound (DataFacts::structuralBounds), times
//      1_RC. Numeric models keep the Hadamard powers: their data bound
//      alpha (DataFacts), and their circuits are verified that way;
//   2. z = E 1: the row sums Z_i (the all-ones column has alpha sqrt(C));
//   3. D = diag(z) (one-call diagonal encoding of a column's amplitudes);
//   4. D^{-1} by QSVT of 1/x on [gap, alpha_D], gap = C e^{-2 alpha} <= Z_i
//      (less the exponential's approximation error);
//   5. softmax(A) = D^{-1} E, amplified (uniform singular value
//      amplification) back to alpha ~ sqrt(R), since its rows have norm <= 1.
// Step 4 replaces the paper's amplitude amplification of one row (which
// cannot normalise all rows at once). Multi-head attention splits the
// columns of Q, K, V with selector blocks and sums the heads' outputs
// back into place (an LCU), each head scaled by 1/sqrt(d_head).
//
//===----------------------------------------------------------------------===//
#include "Encodings.h"
#include "Lowering.h"
#include "Regions.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"

#include <cmath>
#include <unordered_set>

namespace qsvtc::passes {

namespace {

/// True if some model input or weight under `v` is symbolic.
bool dependsOnSymbolicData(const ir::Value *v, std::unordered_set<const ir::Value *> &seen) {
  if (!seen.insert(v).second || !v->definingOp)
    return false;
  const ir::Operation &op = *v->definingOp;
  if (ir::isSymbolic(op))
    return true;
  for (const ir::Value *operand : op.operands)
    if (dependsOnSymbolicData(operand, seen))
      return true;
  return false;
}

/// Above this alpha, symbolic scores' exponentials go through their
/// diagonal: the Hadamard form's 1/Z gap would be below C e^{-4}.
constexpr double MaxHadamardExpAlpha = 2.0;

/// e^{A_ij - a} for every entry, a >= max|A_ij|: by Hadamard powers, or
/// for symbolic scores (powers-of-2 shapes, so vec needs no padding) by
/// QSVT on their amplified diagonal (the file comment). The alpha read
/// here is provisional, but exact for encodings and products of
/// normalisations' outputs, which is what attention scores are.
ir::Value *exponentials(Rewriter &rw, ir::Value *a, const ir::Location &loc) {
  int64_t rows = a->type.shape[0], cols = a->type.shape[1];
  std::unordered_set<const ir::Value *> seen;
  if (a->type.alpha <= MaxHadamardExpAlpha || !isPowerOfTwo(rows) || !isPowerOfTwo(cols) ||
      !dependsOnSymbolicData(a, seen))
    return polynomial(rw, a, {"softmax-exp", true}, loc);
  return onDiagonal(rw, a, "softmax-exp", DiagonalAmplification::Entries, loc);
}

} // namespace

ir::Value *rowSoftmax(Rewriter &rw, ir::Value *a, const ir::Location &loc) {
  int64_t cols = a->type.shape[1];
  ir::Value *e = exponentials(rw, a, loc);
  ir::Value *z = rw.create(ops::Mul::name, {e, uniformColumn(rw, cols, loc)}, {}, {}, loc);
  ir::Value *d = rw.create(ops::DiagFromState::name, {z}, {}, {}, loc);
  // The gap Z_i >= C e^{-2 alpha} is derived when the polynomial is chosen,
  // from the alphas known then (PolyTarget.cpp, entryLowerBound).
  ir::Value *dinv = polynomial(rw, d, {"inverse"}, loc);
  ir::Value *s = rw.create(ops::Mul::name, {dinv, e}, {}, {}, loc);
  // Rows of a softmax are probability vectors (norm <= 1): |S| <= sqrt(R).
  int64_t rows = a->type.shape[0];
  ops::PolySpec amplify{"amplify"};
  amplify.normBound = std::sqrt(static_cast<double>(rows));
  amplify.rowNormBound = 1.0;
  ir::Value *out = polynomial(rw, s, amplify, loc);
  // A row's softmax has Jacobian diag(p) - p p^T, of norm <= 1/2; so has the
  // whole matrix in the Frobenius norm (Regions.h).
  markRegion(a, out, 0.5);
  return out;
}

namespace {

ir::Value *adjoint(Rewriter &rw, ir::Value *b, const ir::Location &loc) {
  return rw.create(ops::Adjoint::name, {b}, {}, {}, loc);
}

ir::Value *mul(Rewriter &rw, ir::Value *a, ir::Value *b, const ir::Location &loc) {
  return rw.create(ops::Mul::name, {a, b}, {}, {}, loc);
}

ir::Value *attention(Rewriter &rw, ir::Operation &op) {
  const ir::Location &loc = op.location;
  if (ops::qt::isCausal(op))
    throw NotSupportedError(loc.str() + ": causal attention is compiled in state mode only "
                                        "(--mode=state): matrix mode has no masked softmax yet");
  ir::Value *q = blockOperand(rw, op, 0), *k = blockOperand(rw, op, 1),
            *v = blockOperand(rw, op, 2);
  int64_t heads = ops::qt::heads(op);
  int64_t d = q->type.shape[1], dv = v->type.shape[1];
  int64_t dh = d / heads, dvh = dv / heads;
  std::vector<ir::Value *> outputs;
  for (int64_t h = 0; h < heads; ++h) {
    ir::Value *qh = q, *kh = k, *vh = v, *selV = nullptr;
    if (heads > 1) {
      ir::Value *sel = columnSelector(rw, d, dh, h * dh, loc);
      selV = columnSelector(rw, dv, dvh, h * dvh, loc);
      qh = mul(rw, q, sel, loc);
      kh = mul(rw, k, sel, loc);
      vh = mul(rw, v, selV, loc);
    }
    ir::Value *scores = scaled(rw, mul(rw, qh, adjoint(rw, kh, loc), loc),
                               1.0 / std::sqrt(static_cast<double>(dh)), loc);
    ir::Value *out = mul(rw, rowSoftmax(rw, scores, loc), vh, loc);
    outputs.push_back(heads > 1 ? mul(rw, out, adjoint(rw, selV, loc), loc) : out);
  }
  if (heads == 1)
    return outputs[0];
  return rw.create(ops::Add::name, outputs, {},
                   ops::addAttributes(std::vector<double>(outputs.size(), 1.0)), loc);
}

} // namespace

bool lowerSoftmax(Rewriter &rw, ir::Operation &op) {
  if ((!ops::is<ops::qt::Softmax>(op) && !ops::is<ops::qt::Attention>(op)) || !operandsReady(op))
    return false;
  ir::Value *result;
  if (ops::is<ops::qt::Attention>(op)) {
    result = attention(rw, op);
  } else if (ops::qt::axis(op) == 1 || op.operands[0]->type.rank() == 1) {
    ir::Value *a = blockOperand(rw, op, 0);
    // A vector is one row: softmax of its entries (as the column's adjoint).
    result =
        op.operands[0]->type.rank() == 1
            ? adjoint(rw, rowSoftmax(rw, adjoint(rw, a, op.location), op.location), op.location)
            : rowSoftmax(rw, a, op.location);
  } else { // axis 0: softmax of the columns = rows of the transpose
    ir::Value *t = adjoint(rw, blockOperand(rw, op, 0), op.location);
    result = adjoint(rw, rowSoftmax(rw, t, op.location), op.location);
  }
  rw.replaceWithBlock(op, result);
  return true;
}

} // namespace qsvtc::passes
