//===- LowerLinear.cpp - Linear algebra of block encodings ----------------===//
//
// The linear part of a model maps onto block-encoding algebra exactly
// (GSLW arXiv 1806.01838 Lemmas 52-53; seed 000 Lemmas 1-2):
//   input X          -> amplitude encoding, alpha = ||X||_F
//   weight W         -> Pauli LCU or dense encoding (smaller alpha wins),
//                       or an opaque oracle with the declared norm
//   A @ B            -> qsvt.mul (alphas multiply, ancillas stack)
//   v @ B, v @ w     -> qsvt.mul with adjoints (vectors are columns)
//   A^T              -> qsvt.adjoint (U^dagger encodes A^T for real A)
//   c * A            -> one-term LCU, alpha |c|
//   A + B            -> two-term LCU
//   conv2d(x, K)     -> LCU of shifted channel maps, alpha = sum |K|
//   output           -> qsvt.output
//
//===----------------------------------------------------------------------===//
#include "Encodings.h"
#include "Lowering.h"

#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"

#include <cmath>

namespace qsvtc::passes {

bool valueReady(const ir::Value *v) {
  if (v->type.isBlock())
    return true;
  const ir::Operation *def = v->definingOp;
  return def && ops::is<ops::Cast>(*def) && def->operands[0]->type.isBlock();
}

bool operandsReady(const ir::Operation &op) {
  for (const ir::Value *v : op.operands)
    if (!valueReady(v))
      return false;
  return true;
}

ir::Value *blockOperand(Rewriter &rw, ir::Operation &op, std::size_t i) {
  return rw.asBlock(op.operands[i], op.location);
}

namespace {

ir::Value *lowerMatmul(Rewriter &rw, ir::Operation &op) {
  ir::Value *a = blockOperand(rw, op, 0), *b = blockOperand(rw, op, 1);
  bool aVector = op.operands[0]->type.rank() == 1, bVector = op.operands[1]->type.rank() == 1;
  if (aVector) // v^T B = (B^T v)^T: as a column, B^T v
    return aVector && bVector
               ? rw.create(ops::Mul::name,
                           {rw.create(ops::Adjoint::name, {a}, {}, {}, op.location), b}, {}, {},
                           op.location)
               : rw.create(ops::Mul::name,
                           {rw.create(ops::Adjoint::name, {b}, {}, {}, op.location), a}, {}, {},
                           op.location);
  return rw.create(ops::Mul::name, {a, b}, {}, {}, op.location);
}

ir::Value *lowerConv2d(Rewriter &rw, ir::Operation &op) {
  const ir::Operation *kernel = op.operands[1]->definingOp;
  const ir::Type &x = op.operands[0]->type, &k = op.operands[1]->type;
  const ir::Type &out = op.getResult()->type;
  double l1 = 0;
  const std::string &init = ir::dataOrigin(*kernel);
  if (init == "inline") {
    const std::vector<double> values = ir::explicitValues(*kernel).value_or(std::vector<double>{});
    for (double v : values)
      l1 += std::fabs(v);
  } else if (init == "symbolic") {
    l1 = std::sqrt(k.elementCount()) * ir::sourceNorm(*kernel).value(); // l1 <= sqrt(n) l2
  } else {
    throw NotSupportedError(op.location.str() + ": lowering conv2d with a " + init +
                            " kernel is not supported yet (inline or symbolic kernels only)");
  }
  int64_t ancillas = ir::qubitsFor(static_cast<int64_t>(k.elementCount()));
  ir::AttrDict attrs =
      ops::conv2dAttributes(ops::qt::sourceName(*kernel), {x.shape[0], x.shape[1], x.shape[2]},
                            ops::qt::convStride(op), ops::qt::convPadding(op));
  ir::Value *conv = rw.create(ops::Lcu::name, {},
                              ir::Type::block(static_cast<int64_t>(out.elementCount()),
                                              static_cast<int64_t>(x.elementCount()), l1, ancillas),
                              std::move(attrs), op.location);
  return rw.create(ops::Mul::name, {conv, blockOperand(rw, op, 0)}, {}, {}, op.location);
}

} // namespace

bool lowerLinear(Rewriter &rw, ir::Operation &op) {
  if (ops::qt::isSource(op)) {
    if (op.getResult()->type.rank() == 4)
      return false; // a convolution kernel: read by the conv2d pattern
    rw.replaceWithBlock(op, encodeSource(rw, op));
    return true;
  }
  if (ops::is<ops::qt::Conv2d>(op)) {
    const ir::Operation *kernel = op.operands[1]->definingOp;
    if (!kernel || !ops::is<ops::qt::Weight>(*kernel) || !valueReady(op.operands[0]))
      return false;
    rw.replaceWithBlock(op, lowerConv2d(rw, op));
    return true;
  }
  if (ops::is<ops::qt::BlockOutput>(op) && operandsReady(op)) {
    // Seed 000 takes a layer's output out by l-infinity tomography and loads
    // it again (papers/000-transformer.md, section 1 and 6): the next layer's
    // circuit starts afresh instead of stacking this one's ancillas.
    ir::Value *out = rw.create(ops::Readout::name, {blockOperand(rw, op, 0)}, std::nullopt,
                               ops::readoutAttributes(ops::qt::blockName(op)), op.location);
    rw.replaceWithBlock(op, out);
    return true;
  }
  bool linear = ops::is<ops::qt::Matmul>(op) || ops::is<ops::qt::Transpose>(op) ||
                ops::is<ops::qt::Scale>(op) || ops::is<ops::qt::Add>(op) ||
                ops::is<ops::qt::Output>(op);
  if (!linear || !operandsReady(op))
    return false;
  if (ops::is<ops::qt::Output>(op)) {
    ir::AttrDict attrs = op.attributes;
    rw.create(ops::Output::name,
              {zeroPadded(rw, blockOperand(rw, op, 0), /*columns=*/false, op.location)},
              std::nullopt, std::move(attrs), op.location);
    return true;
  }
  ir::Value *block = nullptr;
  if (ops::is<ops::qt::Matmul>(op))
    block = lowerMatmul(rw, op);
  else if (ops::is<ops::qt::Transpose>(op))
    block = rw.create(ops::Adjoint::name, {blockOperand(rw, op, 0)}, {}, {}, op.location);
  else if (ops::is<ops::qt::Scale>(op))
    block = scaled(rw, blockOperand(rw, op, 0), ops::qt::scaleFactor(op), op.location);
  else
    block = rw.create(ops::Add::name, {blockOperand(rw, op, 0), blockOperand(rw, op, 1)}, {},
                      ops::addAttributes({1.0, 1.0}), op.location);
  rw.replaceWithBlock(op, block);
  return true;
}

} // namespace qsvtc::passes
