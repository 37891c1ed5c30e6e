//===- DeadCode.cpp - Remove ops whose results nobody uses ----------------===//
//
// An op whose result is unused contributes nothing to any output; removing
// it removes its block encoding, its polynomial and its phases from the
// circuit. Model inputs (qt.input, qsvt.prepare) stay: they are the
// circuit's interface. Ops without results (outputs) always stay.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/passes/Passes.h"

#include <unordered_map>

namespace qsvtc::passes {

namespace {

bool removeDeadCode(ir::Module &module) {
  std::unordered_map<const ir::Value *, int> uses;
  for (const auto &op : module.operations)
    for (const ir::Value *operand : op->operands)
      ++uses[operand];
  std::vector<bool> dead(module.operations.size(), false);
  bool changed = false;
  // Walk backwards so a dead op's operands lose their use before we see them.
  for (std::size_t i = module.operations.size(); i-- > 0;) {
    const ir::Operation &op = *module.operations[i];
    bool interface = ops::is<ops::qt::Input>(op) || ops::is<ops::Prepare>(op);
    if (!op.hasResult() || interface || uses[op.getResult()] != 0)
      continue;
    dead[i] = true;
    changed = true;
    for (const ir::Value *operand : op.operands)
      --uses[operand];
  }
  std::size_t index = 0;
  module.eraseIf([&](const ir::Operation &) { return dead[index++]; });
  return changed;
}

} // namespace

PassInfo createDeadCodePass() {
  return {"dce", "remove operations whose results are unused (inputs stay)", removeDeadCode};
}

} // namespace qsvtc::passes
