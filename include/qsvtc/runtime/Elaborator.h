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

namespace qsvtc::runtime {

constexpr int kMaxPowQubits = 8;
constexpr int kMaxCircuitQubits = 62;
/// Limits that turn runaway input (huge loops, pow(10^9)) into an error.
constexpr std::size_t kMaxOperations = 20'000'000;
constexpr long long kMaxLoopIterations = 100'000'000;

/// The flat circuit of `program`.
Circuit elaborate(const Program &program);

/// Parses and elaborates QASM `text`, reported as file `name`.
Circuit readQasm(const std::string &text, const std::string &name);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_ELABORATOR_H
