//===- LowerPasses.cpp - The lowering passes, qt to qsvt ------------------===//
//
// lower-linear, lower-softmax, lower-norm, lower-activation and lower-matfn
// each apply one family of patterns (Lowering.h) where the operands are
// ready; lower-to-qsvt applies all of them in one walk and then requires
// that no qt op is left (convolution kernels, read by their conv2d, are
// dropped once unused).
//
//===----------------------------------------------------------------------===//
#include "Lowering.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/passes/Passes.h"

#include "qsvtc/support/Error.h"

namespace qsvtc::passes {

namespace {

using Pattern = bool (*)(Rewriter &, ir::Operation &);

PassInfo patternPass(const char *name, const char *summary, Pattern pattern) {
  return {name, summary, [pattern](ir::Module &module) {
            Rewriter rw(module);
            return rw.run([&](ir::Operation &op) { return pattern(rw, op); });
          }};
}

bool lowerAll(ir::Module &module) {
  checkDataAssumptions(module);
  Rewriter rw(module);
  bool changed = rw.run([&](ir::Operation &op) {
    for (Pattern p : {lowerLinear, lowerSoftmax, lowerNorm, lowerActivation, lowerMatrixFunction})
      if (p(rw, op))
        return true;
    return false;
  });
  // Kernels were read by their conv2d; nothing else uses them.
  module.eraseIf([&](const ir::Operation &op) {
    return ops::is<ops::qt::Weight>(op) && module.useCount(op.getResult()) == 0;
  });
  for (const auto &op : module.operations)
    if (ops::qt::tensorOp(*op) || ops::is<ops::Cast>(*op))
      throw ir::locatedError(op->location,
                             "'" + op->getName() + "' could not be lowered to the qsvt dialect");
  return changed;
}

} // namespace

PassInfo createLowerLinearPass() {
  return patternPass("lower-linear",
                     "inputs, weights, products, transposes, scales, sums, conv2d and outputs "
                     "to block-encoding algebra",
                     lowerLinear);
}
PassInfo createLowerSoftmaxPass() {
  return patternPass("lower-softmax",
                     "row-wise softmax and attention: element-wise exp, row sums, QSVT 1/x",
                     lowerSoftmax);
}
PassInfo createLowerNormPass() {
  return patternPass("lower-norm", "layer norm and RMS norm: centering, QSVT 1/sqrt(x)", lowerNorm);
}
PassInfo createLowerActivationPass() {
  return patternPass("lower-activation",
                     "element-wise activations (GELU, sigmoid, ...) as Hadamard-power "
                     "polynomials",
                     lowerActivation);
}
PassInfo createLowerMatrixFunctionPass() {
  return patternPass("lower-matfn", "matrix functions (exp, inverse, ...) as QSVT polynomials",
                     lowerMatrixFunction);
}
PassInfo createLowerToQsvtPass() {
  return {"lower-to-qsvt", "every lowering in one walk; fails if a qt op is left", lowerAll};
}

} // namespace qsvtc::passes
