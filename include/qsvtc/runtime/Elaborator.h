//===- Elaborator.h - From the parsed program to a flat circuit *- C++ -*-===//
//
// Expands a parsed program into a Circuit:
//  1. qubit / qreg declarations lay registers out one after the other;
//  2. gate calls are checked (known gate, parameter and qubit counts, no
//     repeated qubit, indices in range) and broadcast over whole registers;
//  3. a call of a `gate` definition expands its body recursively with the
//     parameters bound; stdgates.inc gates and U become one Operation each;
//  4. modifiers apply from the innermost (rightmost) outwards:
//       ctrl(n)/negctrl(n): the first n qubit arguments become controls of
//         every operation of the inner expansion (a controlled product is
//         the product of the controlled factors; gphase turns into a phase
//         on the controls' subspace);
//       inv: the inner operations in reverse order, each inverted;
//       pow(k): integer k repeats the inner expansion k times (its inverse
//         |k| times for k < 0; k = 0 is the identity); non-integer k takes
//         the principal power of the inner expansion's unitary (at most
//         kMaxPowQubits qubits), eigenvalues e^{iθ} with θ in (-π, π]
//         raised to e^{ikθ} (so pow(0.5) @ z is s, as stdgates.inc says);
//  5. for loops run with the loop variable bound (ranges include both ends,
//     as in OpenQASM 3).
// Every error is a located DiagnosticError.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_ELABORATOR_H
#define QSVTC_RUNTIME_ELABORATOR_H

#include "qsvtc/runtime/Ast.h"
#include "qsvtc/runtime/Circuit.h"

#include <memory>

namespace qsvtc::runtime {

constexpr int kMaxPowQubits = 8;
constexpr int kMaxCircuitQubits = 62;
/// Qubits of a circuit verified by composition (calls kept, never
/// simulated whole), and controls of one gate.
constexpr int kMaxComposedQubits = 1 << 20;
/// Limits that turn runaway input (huge loops, pow(10^9)) into an error.
constexpr std::size_t kMaxOperations = 20'000'000;
constexpr long long kMaxLoopIterations = 100'000'000;

/// The flat circuit of `program`. With `keepCalls`, the top level's calls
/// of gate definitions stay single operations (Operation::call).
Circuit elaborate(const Program &program, bool keepCalls = false);

struct GateDefinition {
  std::string name;
  int arity = 0;
  int numParams = 0;
  SourceLoc loc;
};

class Elaborator;

/// A program's gate definitions, defined and checked once (as elaborate()
/// checks them: callees defined earlier, so no cycles), then elaborated
/// one at a time: what the compositional verifier reads.
class DefinitionTable {
public:
  explicit DefinitionTable(const Program &program);
  ~DefinitionTable();
  DefinitionTable(const DefinitionTable &) = delete;
  DefinitionTable &operator=(const DefinitionTable &) = delete;

  /// In file order.
  const std::vector<GateDefinition> &definitions() const { return defs; }
  /// Definition `name` applied to qubits 0..arity-1 (one register "a"):
  /// its body expanded, or with `keepCalls` its calls of other definitions
  /// kept as single call operations (one level). Throws for an unknown
  /// name or a definition with parameters.
  Circuit body(const std::string &name, bool keepCalls) const;
  /// The program's registers and top-level statements.
  Circuit topLevel(bool keepCalls) const;

private:
  std::unique_ptr<Elaborator> elaborator;
  std::vector<GateDefinition> defs;
};

/// Parses and elaborates QASM `text`, reported as file `name`.
Circuit readQasm(const std::string &text, const std::string &name);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_ELABORATOR_H
