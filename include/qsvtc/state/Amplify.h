//===- Amplify.h - Exact amplitude amplification ----------------*- C++ -*-===//
//
// A gate U on data + ancillas with U|0> = a |0_anc>|psi> + |bad> (a > 0
// known) becomes a gate U' with U'|0> = |0_anc>|psi> exactly
// (papers/amplification.md §1-2; Brassard-Hoyer-Mosca-Tapp Thm 4):
// K - 1 standard Grover iterates (S_g, U^dagger, S_0, U; reflections
// I - 2|0><0| on the flags and on everything) bring the good amplitude to
// sin((2K - 1) theta), sin theta = a, and one last iterate with phases
// (S_g(phi_g), S_0(phi_0): e^{i phi} on |0>) lands on sin = 1; a gphase makes
// the good amplitude +1. K = ceil(pi / (4 theta) - 1/2), 2K + 1 calls of U.
// The phases are found in the two-dimensional span{good, bad}, where the
// iterates act exactly as in the circuit.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_STATE_AMPLIFY_H
#define QSVTC_STATE_AMPLIFY_H

#include "qsvtc/backend/BlockEncodings.h"

namespace qsvtc::state {

struct AmplifySchedule {
  int iterates = 0;       ///< K (0: a = 1, nothing to do)
  double phiGood = 0;     ///< last iterate's phase on the flags' |0>
  double phiZero = 0;     ///< last iterate's phase on the all-zero state
  double globalPhase = 0; ///< gphase that makes the good amplitude +1
  double residual = 0;    ///< |bad amplitude| left (rounding only)
};

/// K = ceil(pi / (4 asin a) - 1/2) for success amplitude a, 0 for a = 1
/// (within 1e-13), infinity for a <= 0.
double amplificationIterates(double a);

/// The schedule for success amplitude `a` in (0, 1]; throws Error for a
/// outside it.
AmplifySchedule scheduleAmplification(double a);

/// U' from `child` (a column gate on `dataQubits` + child.ancillas, all
/// flags) and its schedule. alpha is child.alpha * a (the caller's).
/// With `meanFreeLength` L > 0 the good subspace is flags |0> and data
/// orthogonal to the uniform state |u> on L entries (the low qubits):
/// S_g is the flags' reflection times the reflection about |0>|u>
/// (V^dagger, zero phase, V with V|0> = |u>; H gates when L is a power
/// of two), so U' prepares the normalised mean-free part
/// of the row (layer norm's centering, no extra qubit).
backend::Encoded defineAmplified(backend::Program &program, const std::string &name,
                                 const std::string &comment, const backend::Encoded &child,
                                 int dataQubits, const AmplifySchedule &schedule,
                                 int64_t meanFreeLength = 0);

/// e^{i phi} on the state where every qubit of `qubits` is 0 (phi = pi: the
/// reflection I - 2|0><0|).
void appendZeroPhase(backend::GateBuilder &b, const std::vector<int> &qubits, double phi);

} // namespace qsvtc::state

#endif // QSVTC_STATE_AMPLIFY_H
