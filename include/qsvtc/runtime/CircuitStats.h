//===- CircuitStats.h - Gate counts and depth of a read circuit -*- C++ -*-===//
//
// Counted on the flat operation list, the way a reader sees the file: each
// Operation is one standard gate with its modifiers applied. Names carry the
// controls the modifiers added (a gate's own, as cx's, are part of it):
// "ctrl(2)@x"; inverses count as the gate. Depth is the longest chain of
// operations that share a qubit (ASAP layers); a gphase on no qubit takes
// no time. The compiler counts the same things from its gate definitions
// without expanding them (backend/GateCounts.h); qsvt-verify compares.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_CIRCUITSTATS_H
#define QSVTC_RUNTIME_CIRCUITSTATS_H

#include "qsvtc/runtime/Circuit.h"

#include <map>
#include <string>

namespace qsvtc::runtime {

struct CircuitStats {
  std::map<std::string, double> gates;
  double depth = 0;
  /// All gates, gphase excluded.
  double total() const;
};

CircuitStats circuitStats(const Circuit &circuit);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_CIRCUITSTATS_H
