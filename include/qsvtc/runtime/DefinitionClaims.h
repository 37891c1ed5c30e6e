//===- DefinitionClaims.h - What each gate definition claims ----*- C++ -*-===//
//
// The manifest's optional "definitions" object: for each gate definition of
// the .qasm, what it implements (docs/manifest.md). A block definition puts
// its `data` data qubits first and its ancillas after them, all |0> in and
// out, and claims the block  alpha * <0|U|0> = value (the model's part,
// rows x cols, of the padded 2^data x 2^data block) within `error` in the
// spectral norm. A state preparation ("state": true) claims its state
// from |0> instead: alpha (<0_flags| (x) I) U |0> = value, a column. A
// unitary helper (a state preparation, a uniform
// superposition) claims no block: its parents use its whole unitary. The
// compositional verifier (Compositional.h) checks every claim.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_DEFINITIONCLAIMS_H
#define QSVTC_RUNTIME_DEFINITIONCLAIMS_H

#include "qsvtc/runtime/Circuit.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc::runtime {

/// Ancillas [first, first + count) of a definition and what they are for:
/// "operand" (the ancillas of a call of `definition`, projected with it)
/// or "own" (the construction's: an LCU index, a QSVT signal or real-part
/// qubit, a Hadamard product's second data copy).
struct AncillaRole {
  int first = 0;
  int count = 0;
  std::string role;
  std::string definition; ///< "operand" only
};

struct DefinitionClaim {
  std::string construction; ///< the op or helper that emitted it ("qsvt.mul", "prepare")
  std::optional<int> data;  ///< block definitions; none: a unitary helper
  /// A state preparation: it claims only its state from |0> on all its
  /// qubits, alpha (<0_flags| (x) I) U |0> = value (a column), not a block.
  bool state = false;
  std::vector<AncillaRole> ancillas;
  std::vector<std::string> children; ///< definitions its body calls, sorted
  std::optional<double> alpha;
  std::optional<Eigen::MatrixXcd> value; ///< alpha x block, the model's rows x cols
  double error = 0;                      ///< bound on ||alpha B - value||_2
  std::string irValue;                   ///< the IR value it encodes (informative)
};

using DefinitionClaims = std::map<std::string, DefinitionClaim>;

/// Parses the "definitions" object of manifest `name`; throws
/// DiagnosticError naming the definition and key for anything malformed.
DefinitionClaims parseDefinitionClaims(const nlohmann::ordered_json &j, const std::string &name);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_DEFINITIONCLAIMS_H
