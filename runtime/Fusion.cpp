//===- Fusion.cpp - Merging single-qubit gates before simulation ----------===//
#include "Fusion.h"

#include <optional>

namespace qsvtc::runtime {

namespace {

bool isSingleQubitGate(const Operation &op) {
  return op.targets.size() == 1 && op.controls.empty();
}

} // namespace

std::vector<Operation> fuseSingleQubitGates(const std::vector<Operation> &ops, int numQubits) {
  std::vector<std::optional<Operation>> pending(static_cast<std::size_t>(numQubits));
  std::vector<Operation> out;
  out.reserve(ops.size());
  auto flush = [&](int q) {
    std::optional<Operation> &p = pending[std::size_t(q)];
    if (p) {
      out.push_back(std::move(*p));
      p.reset();
    }
  };
  for (const Operation &op : ops) {
    if (isSingleQubitGate(op)) {
      std::optional<Operation> &p = pending[std::size_t(op.targets[0])];
      if (p) {
        p->matrix = op.matrix * p->matrix; // later gate on the left
        p->name += "+" + op.name;
      } else {
        p = op;
      }
      continue;
    }
    for (int t : op.targets)
      flush(t);
    for (const Control &c : op.controls)
      flush(c.qubit);
    out.push_back(op);
  }
  for (int q = 0; q < numQubits; ++q)
    flush(q);
  return out;
}

} // namespace qsvtc::runtime
