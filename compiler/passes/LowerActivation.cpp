//===- LowerActivation.cpp - Element-wise functions and poly placeholders -===//
//
// An element-wise function of a block-encoded matrix is a polynomial of its
// entries, built from Hadamard powers (seed 000 Thm 5; the constant term
// uses the all-ones matrix, which seed 000 leaves out, see
// docs/lowering.md). ReLU is not smooth: it is lowered as softplus with a
// sharpness chosen from its error budget (the approximate pass). Element-
// wise 1/x and 1/sqrt(x) need entries bounded away from 0, which the
// operands' norms cannot promise: they are refused with a clear error.
//
//===----------------------------------------------------------------------===//
#include "Lowering.h"

#include "qsvtc/support/Error.h"

namespace qsvtc::passes {

ir::Value *polynomial(Rewriter &rw, ir::Value *block, const std::string &fn, bool elementwise,
                      ir::AttrDict extra, const ir::Location &loc) {
  // The entries' polynomial is taken of B / alpha: a loose alpha raises its
  // degree and its monomial weights, which grow fast for GELU-like
  // functions (for exp they are e^alpha either way, and an amplification
  // would multiply the queries by its degree). Amplify B first; this is
  // the identity unless the data's norm is known (DataFacts).
  if (elementwise && fn != "exp" && fn != "softmax-exp")
    block = polynomial(rw, block, "amplify", false, {}, loc);
  const ir::Type &in = block->type;
  std::vector<int64_t> shape = in.shape;
  if (!elementwise && fn == "inverse")
    std::swap(shape[0], shape[1]);
  ir::AttrDict attrs = std::move(extra);
  attrs["fn"] = ir::Attribute(fn);
  attrs["epsilon"] = ir::Attribute(1.0); // set by allocate-error
  attrs["domain"] = ir::floatList({-1.0, 1.0}); // set by approximate
  if (elementwise)
    attrs["elementwise"] = ir::Attribute(true);
  // Provisional type (alpha 1, the fewest ancillas): approximate fixes it.
  return rw.create("qsvt.poly", {block},
                   ir::Type::block(shape[0], shape[1], 1.0, in.ancillas + 1), std::move(attrs),
                   loc);
}

bool lowerActivation(Rewriter &rw, ir::Operation &op) {
  if (op.getName() != "qt.elementwise" || !operandsReady(op))
    return false;
  const std::string &fn = op.getAttr("fn").getString();
  if (fn == "inverse" || fn == "invsqrt")
    throw Error(op.location.str() + ": error: element-wise " + fn +
                " cannot be lowered: the operand's entries are not bounded away from 0 "
                "(use 'matrix " + fn + "(A, kappa = ...)' for the matrix function)");
  ir::AttrDict extra;
  if (fn == "exp")
    extra["param"] = ir::Attribute(0.0); // e^{x - 0}
  rw.replaceWithBlock(op, polynomial(rw, blockOperand(rw, op, 0), fn, true, std::move(extra),
                                     op.location));
  return true;
}

} // namespace qsvtc::passes
