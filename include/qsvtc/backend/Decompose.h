//===- Decompose.h - Modifiers to cx, ccx and one-qubit gates --*- C++ -*-===//
//
// `qsvtc --emit=qasm --decompose`: the same circuit for tools that lack
// OpenQASM 3's gate modifiers. Every controlled or inverted call of a
// definition becomes a definition of its own (`name_inv`, `name_c1`,
// `name_inv_c1`) whose body is built again from the original's; two or
// more controls are first ANDed into one work qubit, so one controlled
// version serves every control count. At the leaves, a gate
// with controls becomes cx, ccx and single-qubit stdgates (textbook
// identities, docs/backend.md). negctrl is X on the control around the
// call. More than two controls are ANDed by a Toffoli ladder into `work`
// qubits that start in |0> and are returned to |0>, so the block on
// <0|anc, work|...|0> is the original's.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_DECOMPOSE_H
#define QSVTC_BACKEND_DECOMPOSE_H

#include "qsvtc/backend/Program.h"

#include <cstddef>

namespace qsvtc::backend {

/// ~150 bytes each in memory: 60 million calls are ~9 GB.
inline constexpr std::size_t kMaxDecomposedCalls = 60'000'000;

/// `program` without ctrl/negctrl/inv: only stdgates without modifiers
/// (x, y, z, h, s, sdg, t, tdg, rx, ry, rz, p, cx, ccx, swap), gphase at
/// top level of an uncontrolled definition, and definitions built from
/// them. Appends register "work" when a ladder needs it. Throws Error
/// (saying so) when the definitions would hold more than `maxCalls` calls.
Program decomposeModifiers(const Program &program, std::size_t maxCalls = kMaxDecomposedCalls);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_DECOMPOSE_H
