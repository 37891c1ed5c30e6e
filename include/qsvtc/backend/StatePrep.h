//===- StatePrep.h - Real state preparation by rotation trees --*- C++ -*-===//
//
// Möttönen, Vartiainen, Bergholm, Salomaa (quant-ph/0407010): a uniformly
// controlled rotation ("multiplexor") with k controls is 2^k single-qubit
// rotations and 2^k CNOTs, ordered along a Gray code; a real state on m
// qubits is a tree of m multiplexed R_y, top (most significant) qubit
// first. Amplitudes may be negative: the leaves use the signed pair
// (a, b) -> 2 atan2(b, a), which reproduces both signs.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_STATEPREP_H
#define QSVTC_BACKEND_STATEPREP_H

#include "qsvtc/backend/Program.h"

namespace qsvtc::backend {

/// R_y(angles[j]) on `target` when the controls spell j (controls[b] is bit
/// b of j). `axis` is "ry" or "rz".
void multiplexedRotation(GateBuilder &b, const std::string &axis, const std::vector<double> &angles,
                         const std::vector<int> &controls, int target);

/// |0..0> -> sum_i v_i |i> on `qubits` (qubits[0] = least significant);
/// v is real with ||v|| = 1 and 2^qubits.size() entries (missing ones 0).
void prepareRealState(GateBuilder &b, const std::vector<double> &v, const std::vector<int> &qubits);

/// |s>|0..0> -> |s> (sum_i states[s]_i |i>) for every value s of `select`
/// (select[0] least significant): one real state per select value, each of
/// norm 1 (an all-zero row gets |0>).
void prepareRealStatesMultiplexed(GateBuilder &b, const std::vector<std::vector<double>> &states,
                                  const std::vector<int> &select, const std::vector<int> &qubits);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_STATEPREP_H
