//===- LowerActivation.cpp - Element-wise functions and poly placeholders -===//
//
// An element-wise function f of a block-encoded R x C matrix M is QSVT on
// a diagonal encoding of its entries (seed 000's FFN,
// papers/amplitude-transforms.md section 3):
//   v = vec(M) (the entries as a column, columns zero-padded to 2^k),
//   D = diag(v),
//   f = x g(x) (GELU: g = normcdf; SiLU: g = sigmoid):  w = g(D) v,
//   otherwise (sigmoid, tanh, erf, softplus, ReLU):    w = f(D) 1_RC'
//   (approx/Activations.cpp says which),
//   f(M) = unvec(w).
// f(0) lands in the padded rows, which outputs and QSVT operands project
// away (vec and unvec read and write only the C columns: docs/backend.md).
// QSVT evaluates g in the Chebyshev basis, so alpha stays ~ max|g| (x2 for
// mixed parity) times sqrt(C) alpha_M or sqrt(RC'). Exponentials use an
// LCU of Hadamard powers (seed 000 Thm 5; the constant term
// uses the all-ones matrix, which seed 000 leaves out, see docs/lowering.md):
// its alpha is the sum of the monomial coefficients' sizes, which stays
// e^alpha for exp but explodes for GELU-like functions of wide range. ReLU
// is not smooth: it is lowered as softplus with a sharpness chosen from its
// error budget (PolyTarget.cpp). Element-wise 1/x and 1/sqrt(x) need
// entries bounded away from 0, which the operands' norms cannot promise:
// they are refused with a clear error.
//
//===----------------------------------------------------------------------===//
#include "Encodings.h"
#include "Lowering.h"
#include "PolyTarget.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"

namespace qsvtc::passes {

ir::Value *polynomial(Rewriter &rw, ir::Value *block, const ops::PolySpec &spec,
                      const ir::Location &loc) {
  const std::string &fn = spec.fn;
  const bool elementwise = spec.elementwise;
  // The entries' polynomial is taken of B / alpha: a loose alpha raises its
  // degree and its monomial weights, which grow fast for GELU-like
  // functions (for exp they are e^alpha either way, and an amplification
  // would multiply the queries by its degree). Amplify B first; this is
  // the identity unless the data's norm is known (DataFacts).
  if (elementwise && fn != "exp" && fn != "softmax-exp")
    block = polynomial(rw, block, {"amplify"}, loc);
  // QSVT transforms the singular values of the whole padded block: its
  // padding must be zero, not a column state's other columns or p(0). A
  // diagonal's padding is diagonal too, so it never mixes with its entries.
  const ir::Operation *def = block->definingOp;
  if (!elementwise && !(def && ops::is<ops::DiagFromState>(*def)))
    block = zeroPadded(rw, block, /*columns=*/true, loc);
  const ir::Type &in = block->type;
  const std::vector<int64_t> &shape = in.shape; // QSVT keeps A's shape
  // Provisional type (alpha 1, the fewest ancillas): approximate fixes it.
  // An amplification to a known norm bound will have alpha (1 + margin)
  // times that bound: later lowerings may read it (LowerSoftmax.cpp).
  double alpha = 1.0;
  if (spec.normBound)
    alpha = (1 + AmplifyMargin) * *spec.normBound;
  return rw.create(ops::Poly::name, {block},
                   ir::Type::block(shape[0], shape[1], alpha, in.ancillas + 1),
                   ops::polyAttributes(spec), loc);
}

/// f(M) by QSVT on diag(vec M) (the file comment).
ir::Value *onDiagonal(Rewriter &rw, ir::Value *m, const std::string &fn,
                      DiagonalAmplification amplify, const ir::Location &loc) {
  if (amplify == DiagonalAmplification::Matrix)
    m = polynomial(rw, m, {"amplify"}, loc);
  int64_t rows = m->type.shape[0], cols = m->type.shape[1];
  ir::Value *v = cols == 1 ? m : rw.create(ops::Vec::name, {m}, {}, {}, loc);
  ir::Value *d = rw.create(ops::DiagFromState::name, {v}, {}, {}, loc);
  if (amplify == DiagonalAmplification::Entries) // |diag(vec M)| = max |M_ij|
    d = polynomial(rw, d, {"amplify"}, loc);
  ir::Value *w;
  const approx::Activation *a = approx::findActivation(fn); // none for softmax-exp
  if (a && a->lowering == approx::ActivationLowering::Gated)
    w = rw.create(ops::Mul::name, {polynomial(rw, d, {a->gate}, loc), v}, {}, {}, loc);
  else // sums the diagonal's rows: every entry of vec M, padding included
    w = rw.create(ops::Mul::name,
                  {polynomial(rw, d, {fn}, loc), uniformColumn(rw, v->type.shape[0], loc)}, {}, {},
                  loc);
  return cols == 1 ? w
                   : rw.create(ops::Unvec::name, {w}, {}, ops::unvecAttributes(rows, cols), loc);
}

bool lowerActivation(Rewriter &rw, ir::Operation &op) {
  if (!ops::is<ops::qt::Elementwise>(op) || !operandsReady(op))
    return false;
  const std::string &fn = ops::qt::functionName(op);
  using L = approx::ActivationLowering;
  const L lowering = approx::findActivation(fn)->lowering;
  if (lowering == L::Refused)
    throw ir::locatedError(
        op.location, "element-wise " + fn +
                         " cannot be lowered: the operand's entries are not bounded away from 0 "
                         "(use 'matrix " +
                         fn + "(A, kappa = ...)' for the matrix function)");
  ir::Value *m = blockOperand(rw, op, 0);
  // f(0) != 0 lands in the padded rows; the output (and any QSVT after)
  // projects them away (zeroPadded).
  if (lowering == L::Gated || lowering == L::OnDiagonal) {
    rw.replaceWithBlock(op, onDiagonal(rw, m, fn, DiagonalAmplification::Matrix, op.location));
    return true;
  }
  ops::PolySpec spec{fn, true}; // L::HadamardPowers: the exponential
  spec.expShift = 0.0;          // e^{x - 0}
  rw.replaceWithBlock(op, polynomial(rw, m, spec, op.location));
  return true;
}

} // namespace qsvtc::passes
