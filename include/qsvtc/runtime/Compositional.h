//===- Compositional.h - qsvt-verify --compositional -----------*- C++ -*-===//
//
// Verifies a circuit of any width definition by definition, as a proof
// checker would, from the manifest's per-definition claims
// (DefinitionClaims.h):
//  - a definition small enough (simulateUpTo qubits, and its expansion
//    cheap) is simulated whole: its block, or a helper's unitary;
//  - a larger one is composed (Composition.h): its body must satisfy the
//    composition rule, and its block is computed from its callees'
//    verified blocks;
//  - each block is compared with the definition's claim (alpha, value,
//    error), and the top level's block or state with the manifest's
//    reference, exactly as Verifier.h compares a simulated one.
// A body that breaks the rule or does not match its claim (other callees,
// other ancilla roles) is a DiagnosticError naming the definition: the
// file is not what its manifest says. Running past a limit (the composed
// circuit too wide) is a "refused" verdict instead: unverified, not wrong.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_COMPOSITIONAL_H
#define QSVTC_RUNTIME_COMPOSITIONAL_H

#include "qsvtc/runtime/Ast.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/runtime/Verifier.h"

#include <nlohmann/json.hpp>

namespace qsvtc::runtime {

struct CompositionalOptions {
  int simulateUpTo = 24;          ///< definitions up to this many qubits are simulated
  int maxReducedQubits = 24;      ///< a composed body's reduced circuit, at most
  double maxSimulationWork = 4e9; ///< gates x amplitudes x columns of one simulation
  int maxUnitaryQubits = 12;      ///< a unitary helper's whole matrix, at most
  Progress progress;              ///< a line per definition (Verifier.h)
};

struct DefinitionVerdict {
  enum class How { Simulated, Composed, Refused, Inlined };
  std::string name;
  std::string construction;
  How how = How::Refused;
  bool unitary = false; ///< a helper without a block claim
  bool state = false;   ///< a state preparation (its state from |0> claimed)
  int qubits = 0;
  int dataQubits = 0;
  int reducedQubits = 0; ///< composed: the simulated reduced width
  double operations = 0; ///< gates of its full expansion
  bool claimChecked = false;
  double error = 0; ///< ||alpha B - value||_2, plus alpha reuseError
  /// Composed: how far the composed block may be from the circuit's
  /// because of flags reused before they were clean (Composition.h).
  double reuseError = 0;
  double bound = 0;
  bool pass = false;
  std::string why; ///< refused: the limit it passed

  nlohmann::ordered_json toJson() const;
};

struct CompositionalReport {
  std::vector<DefinitionVerdict> definitions; ///< in file order
  VerifyReport top;                           ///< the whole circuit vs the reference
  DefinitionVerdict::How topHow = DefinitionVerdict::How::Composed;
  bool pass = false;

  std::string summary() const;
  nlohmann::ordered_json toJson() const;
};

/// Throws DiagnosticError for a manifest without "definitions", a claim
/// naming no definition, a definition without a claim, or a body that
/// does not match its claim or the composition rule.
CompositionalReport verifyCompositional(const Program &program, const Manifest &manifest,
                                        const CompositionalOptions &options = {});

const char *howName(DefinitionVerdict::How how);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_COMPOSITIONAL_H
