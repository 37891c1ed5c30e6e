//===- Permutation.h - Basis-state permutations as gates -------*- C++ -*-===//
//
// |x> -> |perm[x]> on a few qubits, for index maps between layouts (the
// tensor product's i 2^k + j -> i r + j). A permutation is a product of
// transpositions, applied one at a time in the order that moves each
// state to its place; a transposition (a b) is a multi-controlled X on one
// bit t where a and b differ, conjugated by CNOTs from t onto their other
// differing bits (which makes a and b differ in t only). O(2^n n) gates:
// for the small explicit blocks it serves.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_PERMUTATION_H
#define QSVTC_BACKEND_PERMUTATION_H

#include "qsvtc/backend/Program.h"

#include <cstdint>
#include <vector>

namespace qsvtc::backend {

/// Appends gates mapping |x> to |perm[x]> on `qubits` (qubits[0] least
/// significant); perm is a permutation of 0 .. 2^qubits.size() - 1.
void appendBasisPermutation(GateBuilder &b, const std::vector<uint64_t> &perm,
                            const std::vector<int> &qubits);

/// The permutation of 0 .. size - 1 that sends `from[i]` to `to[i]` (both
/// lists of distinct values) and the other values, in increasing order, to
/// the values no `to` names, in increasing order.
std::vector<uint64_t> completePermutation(const std::vector<uint64_t> &from,
                                          const std::vector<uint64_t> &to, uint64_t size);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_PERMUTATION_H
