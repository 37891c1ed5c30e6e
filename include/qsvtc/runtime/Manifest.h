//===- Manifest.h - What a .qasm file is supposed to compute ---*- C++ -*-===//
//
// The manifest is the JSON file the QASM backend writes beside model.qasm
// (model.manifest.json). It says which qubits are data and which are
// ancillas (with the basis state they start in and are projected on), what
// the circuit's block or output state must equal (reference / alpha), and
// within which error. docs/manifest.md is the reference for the format;
// this file reads it strictly: an unknown key, a missing required key, a
// malformed entry or a reference of the wrong shape is an Error naming the
// file and the offending key.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_MANIFEST_H
#define QSVTC_RUNTIME_MANIFEST_H

#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/runtime/Circuit.h"
#include "qsvtc/runtime/CircuitStats.h"
#include "qsvtc/runtime/DefinitionClaims.h"

#include <nlohmann/json.hpp>

#include <array>
#include <map>

#include <optional>
#include <string>
#include <vector>

namespace qsvtc::runtime {

enum class ManifestKind { Block, State };
enum class ErrorNorm { Spectral, Frobenius, MaxAbs };
enum class PhasePolicy { Exact, Global };

/// A manifest qubit entry: one qubit `reg[index]`, or (no index) the whole
/// register, index 0 first.
struct QubitSpec {
  std::string reg;
  std::optional<int> index;
  int state = 0; ///< ancillas only
};

/// What the compiler counted in the circuit (optional "circuit" key):
/// gates by name ("ctrl(2)@x") and depth, as runtime/CircuitStats.h counts
/// them; an inexact depth is an upper bound.
struct ManifestCounts {
  std::map<std::string, double> gates;
  double depth = 0;
  bool depthExact = true;
};

struct Manifest {
  std::string name; ///< the file it was read from (for messages)
  ManifestKind kind = ManifestKind::Block;
  std::vector<QubitSpec> data;
  std::vector<QubitSpec> ancillas;
  double alpha = 1;
  /// Block: 2^d x 2^d. State: 2^d x 1.
  Eigen::MatrixXcd reference;
  double errorBound = 0;
  ErrorNorm norm = ErrorNorm::Spectral;
  PhasePolicy phase = PhasePolicy::Exact;
  std::string qasm;                     ///< optional: the .qasm it describes
  std::optional<ManifestCounts> counts; ///< optional "circuit"
  /// optional "shape": the model's rows x cols inside the padded reference
  std::optional<std::array<long long, 2>> shape;
  nlohmann::ordered_json provenance; ///< optional, free-form
  /// optional "definitions": per gate definition claims (compositional
  /// verification); none: the file can only be simulated whole
  std::optional<DefinitionClaims> definitions;
};

/// Parses manifest `text` read from `name`; throws DiagnosticError.
Manifest parseManifest(const std::string &text, const std::string &name);

/// Where a circuit's manifest lives: model.qasm -> model.manifest.json
/// (any other name: name.manifest.json). The tools and the Python package
/// all use this rule.
std::string manifestPathFor(const std::string &qasmPath);

/// The manifest's qubits as circuit qubit indices; throws DiagnosticError
/// for an unknown register, an index out of range, a qubit listed twice or
/// missing, or a reference whose size is not 2^(data qubits).
QubitPartition resolvePartition(const Manifest &manifest, const Circuit &circuit);

/// Throws DiagnosticError when the manifest's "circuit" counts are not the
/// file's: a gate count differs, or the depth differs (exceeds an inexact
/// depth, which is an upper bound). No "circuit": nothing to check.
void checkCounts(const Manifest &manifest, const CircuitStats &file);
/// The gate counts alone (a composed circuit's, whose depth is not known);
/// `rounded`: counts past 2^53 (sums in double) agree to 1e-12 relative.
void checkGateCounts(const Manifest &manifest, const std::map<std::string, double> &gates,
                     bool rounded);
const char *kindName(ManifestKind kind);
const char *normName(ErrorNorm norm);
const char *phaseName(PhasePolicy phase);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_MANIFEST_H
