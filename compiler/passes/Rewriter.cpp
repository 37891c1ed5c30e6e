//===- Rewriter.cpp - Rebuilding a module op by op ------------------------===//
#include "Rewriter.h"

#include "qsvtc/ir/Verifier.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

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
      if (current.hasResult() && module.useCount(current.getResult()) != 0)
        throw Error("internal: '" + current.getName() + "' replaced while still used");
      changed = true;
      retired.push_back(std::move(op)); // freed with the old list below
    } else {
      rebuilt.push_back(std::move(op));
    }
  }
  module.operations = std::move(rebuilt);
  rebuilt.clear();
  ir::Module::destroyLastToFirst(retired);
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
  module.replaceAllUses(tensor, cast);
}

Rewriter::~Rewriter() {
  // A pattern that threw left the walk half done: the visited and created
  // ops are here, the unvisited ones in the module. Give them all back in
  // order (definers first), so that the module frees users before definers.
  if (!rebuilt.empty()) {
    for (std::unique_ptr<ir::Operation> &op : module.operations)
      if (op)
        rebuilt.push_back(std::move(op));
    module.operations = std::move(rebuilt);
  }
  ir::Module::destroyLastToFirst(retired);
}

void Rewriter::dropUnusedCasts() {
  for (bool dropped = true; dropped;) {
    std::size_t before = module.operations.size();
    module.eraseIf([&](const ir::Operation &op) {
      return ops::is<ops::Cast>(op) && op.getResult()->users().empty();
    });
    dropped = module.operations.size() != before;
  }
}

} // namespace qsvtc::passes
