//===- Rewriter.cpp - Rebuilding a module op by op ------------------------===//
#include "Rewriter.h"

#include "qsvtc/ir/Verifier.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

#include <unordered_map>

namespace qsvtc::passes {

bool Rewriter::run(const std::function<bool(ir::Operation &)> &pattern) {
  bool changed = false;
  rebuilt.clear();
  for (next = 0; next < module.operations.size(); ++next) {
    std::unique_ptr<ir::Operation> &op = module.operations[next];
    ir::Operation &current = *op;
    ++next; // ops created by the pattern go before the ones not yet visited
    bool replaced = pattern(current);
    --next;
    if (replaced) {
      if (current.hasResult() && usesOf(current.getResult()) != 0)
        throw Error("internal: '" + current.getName() + "' replaced while still used");
      changed = true;
      retired.push_back(std::move(op)); // freed with the old list below
    } else {
      rebuilt.push_back(std::move(op));
    }
  }
  module.operations = std::move(rebuilt);
  retired.clear();
  dropUnusedCasts();
  return changed;
}

ir::Value *Rewriter::create(const std::string &name, std::vector<ir::Value *> operands,
                            std::optional<ir::Type> type, ir::AttrDict attributes,
                            const ir::Location &location, std::string resultName) {
  const ir::OpDefinition *def = ir::lookupOp(name);
  if (!def)
    throw Error("internal: unknown op '" + name + "'");
  bool inferred = !type && def->hasResult;
  auto op = std::make_unique<ir::Operation>(
      name, std::move(operands), inferred ? std::optional<ir::Type>(ir::Type::tensor({1})) : type,
      std::move(attributes), location, std::move(resultName));
  if (inferred) {
    try {
      op->getResult()->type = *ir::inferResultType(*op);
    } catch (const Error &e) {
      throw ir::locatedError(location, "'" + name + "' op: " + e.what());
    }
  }
  rebuilt.push_back(std::move(op));
  return rebuilt.back()->getResult();
}

ir::Value *Rewriter::asBlock(ir::Value *value, const ir::Location &location) {
  if (!value->type.isTensor())
    return value;
  ir::Operation *def = value->definingOp;
  if (def && ops::is<ops::Cast>(*def) && def->operands[0]->type.isBlock())
    return def->operands[0];
  throw InternalError(location.str() + ": a tensor value without a block encoding "
                                       "reached a lowering (an op it depends on was not lowered)");
}

void Rewriter::replaceWithBlock(ir::Operation &op, ir::Value *block) {
  ir::Value *tensor = op.getResult();
  if (block->name.empty())
    block->name = tensor->name;
  // Users of the tensor see a cast of the block until they are lowered too.
  ir::Value *cast = create(ops::Cast::name, {block}, tensor->type, {}, op.location);
  replaceUses(tensor, cast);
}

void Rewriter::replaceUses(ir::Value *from, ir::Value *to) {
  for (std::size_t i = next; i < module.operations.size(); ++i)
    if (module.operations[i])
      for (ir::Value *&operand : module.operations[i]->operands)
        if (operand == from)
          operand = to;
  for (auto &op : rebuilt)
    if (op.get() != to->definingOp)
      for (ir::Value *&operand : op->operands)
        if (operand == from)
          operand = to;
}

std::size_t Rewriter::usesOf(const ir::Value *value) const {
  std::size_t uses = 0;
  for (std::size_t i = next + 1; i < module.operations.size(); ++i)
    if (module.operations[i])
      for (const ir::Value *operand : module.operations[i]->operands)
        uses += operand == value;
  for (const auto &op : rebuilt)
    for (const ir::Value *operand : op->operands)
      uses += operand == value;
  return uses;
}

void Rewriter::dropUnusedCasts() {
  for (bool dropped = true; dropped;) {
    std::unordered_map<const ir::Value *, int> uses;
    for (const auto &op : module.operations)
      for (const ir::Value *operand : op->operands)
        ++uses[operand];
    std::size_t before = module.operations.size();
    module.eraseIf([&](const ir::Operation &op) {
      return ops::is<ops::Cast>(op) && uses[op.getResult()] == 0;
    });
    dropped = module.operations.size() != before;
  }
}

} // namespace qsvtc::passes
