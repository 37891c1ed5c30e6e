//===- GateCounts.h - Gates and depth of a Program, expanded ---*- C++ -*-===//
//
// What the emitted file costs once every gate definition is expanded, found
// without expanding it (the tiny transformer block expands to ~1e30 gates):
// each definition is summarised once and its summary reused at every call.
//
// Gate counts: per standard gate, with the controls it picks up from ctrl /
// negctrl modifiers (its own, as cx's, not counted) in the name:
// "ctrl(2)@x". Inverses count as the gate. Opaque oracles count as one gate
// named after them.
//
// Depth: the longest chain of gates that share a qubit, in the expanded
// circuit (gphase on no qubit takes no time; under a control it is a phase
// gate). A definition's summary is
//  - uncontrolled, on at most kExactArity qubits: the latency matrix
//    L[i][j] = longest chain from qubit i's input to qubit j's output
//    (-inf: none), composed exactly at each call (max-plus);
//  - uncontrolled, wider: its depth d, as if every input reached every
//    output after d (a block): an upper bound, and `depthExact` says so;
//  - under a control, exact at any width: every expanded gate touches the
//    control, so the gates form one chain; the summary is that chain's
//    length and each qubit's first and last gate in it.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_GATECOUNTS_H
#define QSVTC_BACKEND_GATECOUNTS_H

#include "qsvtc/backend/Program.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace qsvtc::backend {

struct GateCounts {
  /// Expanded standard gates by name ("ctrl(2)@x"); doubles, since real
  /// circuits overflow 64 bits (exact below 2^53).
  std::map<std::string, double> gates;
  /// How many times each definition runs in the expanded program.
  std::map<std::string, double> runs;
  double depth = 0;
  /// False when some wide definition was scheduled as a block (depth is
  /// then an upper bound).
  bool depthExact = true;

  /// All gates, gphase excluded (it acts on no qubit unless controlled).
  double total() const;
  /// {"gates": {...}, "total": n, "depth": d, "depth_exact": b}: the manifest's
  /// "circuit" (docs/manifest.md) and the resources report's.
  nlohmann::ordered_json toJson() const;
};

/// Definitions on more qubits than this are summarised by their depth.
inline constexpr int kExactArity = 24;

GateCounts countGates(const Program &program);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_GATECOUNTS_H
