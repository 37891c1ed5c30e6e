//===- Regions.cpp - A construction's Lipschitz constant as a whole -------===//
#include "Regions.h"

#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

#include <unordered_set>

namespace qsvtc::passes {

namespace {

/// Visits the ops `output` depends on, depth first, without crossing
/// `stop(op)` ops (visited, not entered).
template <class Stop, class Visit> void walkBack(const ir::Value *output, Stop stop, Visit visit) {
  std::unordered_set<const ir::Operation *> seen;
  std::vector<const ir::Operation *> work{output->definingOp};
  while (!work.empty()) {
    const ir::Operation *op = work.back();
    work.pop_back();
    if (!op || !seen.insert(op).second)
      continue;
    visit(*op);
    if (stop(*op))
      continue;
    for (const ir::Value *operand : op->operands)
      work.push_back(operand->definingOp);
  }
}

} // namespace

void markRegion(const ir::Value *input, ir::Value *output, double lipschitz) {
  std::vector<std::pair<ir::Operation *, int64_t>> readers;
  walkBack(
      output, [&](const ir::Operation &op) { return op.getResult() == input; },
      [&](const ir::Operation &op) {
        for (std::size_t i = 0; i < op.operands.size(); ++i)
          if (op.operands[i] == input)
            readers.emplace_back(const_cast<ir::Operation *>(&op), static_cast<int64_t>(i));
      });
  if (readers.size() != 1)
    throw InternalError("a region has " + std::to_string(readers.size()) +
                        " ops reading its input, not one");
  ops::setRegionEntryIndex(*readers[0].first, static_cast<std::size_t>(readers[0].second));
  ops::setRegionLipschitz(*output->definingOp, lipschitz);
}

const ir::Operation *regionEntry(const ir::Operation &op) {
  if (!ops::regionLipschitz(op) || !op.hasResult())
    return nullptr;
  const ir::Operation *entry = nullptr;
  int entries = 0;
  // Not past another region's end either: with this region's entry gone,
  // the walk must not find an older region's.
  auto stop = [&](const ir::Operation &o) {
    return ops::regionEntryIndex(o) || (&o != &op && ops::regionLipschitz(o));
  };
  walkBack(op.getResult(), stop, [&](const ir::Operation &o) {
    if (ops::regionEntryIndex(o)) {
      ++entries;
      entry = &o;
    }
  });
  return entries == 1 ? entry : nullptr;
}

const ir::Value *regionInput(const ir::Operation &op) {
  const ir::Operation *entry = regionEntry(op);
  return entry ? entry->operands[*ops::regionEntryIndex(*entry)] : nullptr;
}

} // namespace qsvtc::passes
