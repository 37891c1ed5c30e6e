//===- Fusion.h - Merging single-qubit gates before simulation -------------===//
//
// Consecutive uncontrolled one-qubit gates on the same qubit are merged
// into one 2x2 matrix, also across operations on other qubits (with which
// they commute): each qubit keeps a pending product that is emitted just
// before the next operation touching that qubit, or at the end. Chains such
// as QSP's rz·rx·rz on the signal qubit become one pass over the state
// instead of three. Private to runtime/.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_FUSION_H
#define QSVTC_RUNTIME_FUSION_H

#include "qsvtc/runtime/Circuit.h"

#include <vector>

namespace qsvtc::runtime {

/// An operation list with the same product as `ops` and one-qubit chains
/// merged. Operations must already be valid for `numQubits` qubits.
std::vector<Operation> fuseSingleQubitGates(const std::vector<Operation> &ops, int numQubits);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_FUSION_H
