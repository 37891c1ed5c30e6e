//===- Canonicalize.cpp - Local algebraic simplifications -----------------===//
//
// Rewrites, repeated until none applies:
//   scale(scale(x, a), b)      -> scale(x, a*b)
//   scale(x, 1.0)              -> x
//   transpose(transpose(x))    -> x
// Ops left without uses by a rewrite are erased (the rest is dce's job).
// Fewer ops means fewer block encodings and fewer ancillas later.
//
// Before:                                  After:
//   %0 = qt.scale %X {factor = 2.0}          %1 = qt.scale %X {factor = 1.0}
//   %1 = qt.scale %0 {factor = 0.5}            ... uses of %1 use %X
//
//===----------------------------------------------------------------------===//
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/passes/Passes.h"

#include <unordered_set>

namespace qsvtc::passes {

namespace {

/// One sweep over the module; returns true if anything changed.
bool canonicalizeOnce(ir::Module &module) {
  bool changed = false;
  std::unordered_set<const ir::Operation *> touched; // ops that lost a use
  for (auto &opPtr : module.operations) {
    ir::Operation &op = *opPtr;
    if (ops::is<ops::qt::Scale>(op) && ops::definedBy<ops::qt::Scale>(op.operands[0])) {
      ir::Operation *inner = op.operands[0]->definingOp;
      ops::qt::setScaleFactor(op, ops::qt::scaleFactor(op) * ops::qt::scaleFactor(*inner));
      op.setOperand(0, inner->operands[0]);
      touched.insert(inner);
      changed = true;
    }
    if (ops::is<ops::qt::Scale>(op) && ops::qt::scaleFactor(op) == 1.0) {
      module.replaceAllUses(op.getResult(), op.operands[0]);
      touched.insert(&op);
      changed = true;
    } else if (ops::is<ops::qt::Transpose>(op) &&
               ops::definedBy<ops::qt::Transpose>(op.operands[0])) {
      ir::Operation *inner = op.operands[0]->definingOp;
      module.replaceAllUses(op.getResult(), inner->operands[0]);
      touched.insert(&op);
      touched.insert(inner);
      changed = true;
    }
  }
  // Erase touched ops that are now unused, latest first (so an op's
  // operands lose their last use before they are looked at).
  for (bool erased = true; erased;) {
    erased = false;
    for (auto it = module.operations.rbegin(); it != module.operations.rend(); ++it) {
      ir::Operation *op = it->get();
      if (touched.count(op) && op->hasResult() && module.useCount(op->getResult()) == 0) {
        touched.erase(op);
        module.eraseIf([op](const ir::Operation &o) { return &o == op; });
        erased = true;
        break;
      }
    }
  }
  return changed;
}

} // namespace

PassInfo createCanonicalizePass() {
  return {"canonicalize", "fold scale-of-scale, unit scales and double transposes",
          [](ir::Module &module) {
            bool changed = false;
            while (canonicalizeOnce(module))
              changed = true;
            return changed;
          }};
}

} // namespace qsvtc::passes
