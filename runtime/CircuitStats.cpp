//===- CircuitStats.cpp - Gate counts and depth of a read circuit ---------===//
#include "qsvtc/runtime/CircuitStats.h"

#include "qsvtc/runtime/Gates.h"

#include <algorithm>

namespace qsvtc::runtime {

double CircuitStats::total() const {
  double n = 0;
  for (const auto &[name, count] : gates)
    if (name != "gphase")
      n += count;
  return n;
}

CircuitStats circuitStats(const Circuit &circuit) {
  CircuitStats stats;
  std::vector<double> layer(static_cast<std::size_t>(circuit.numQubits), 0.0);
  for (const Operation &op : circuit.ops) {
    const StdGate *std = findStdGate(op.name);
    const std::size_t own = std ? static_cast<std::size_t>(std->numControls) : 0;
    const std::size_t added = op.controls.size() - std::min(own, op.controls.size());
    stats.gates[added ? "ctrl(" + std::to_string(added) + ")@" + op.name : op.name] += 1;
    double start = 0;
    bool anyQubit = false;
    auto visit = [&](int q) {
      start = std::max(start, layer[q]);
      anyQubit = true;
    };
    for (int q : op.targets)
      visit(q);
    for (const Control &c : op.controls)
      visit(c.qubit);
    if (!anyQubit)
      continue;
    for (int q : op.targets)
      layer[q] = start + 1;
    for (const Control &c : op.controls)
      layer[c.qubit] = start + 1;
    stats.depth = std::max(stats.depth, start + 1);
  }
  return stats;
}

} // namespace qsvtc::runtime
