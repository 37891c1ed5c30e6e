//===- QsvtSequence.h - QSVT circuits from phase factors -------*- C++ -*-===//
//
// GSLW (arXiv 1806.01838) Thm 17 / Cor 18 with the phases in the
// reflection convention (qsp/Conventions.h): for a block encoding U of
// A / alpha (Hermitian A) with ancillas `anc` and a polynomial of degree d
// with phases psi_0..psi_d, the circuit applies, in time order,
//   Rot(psi_d), W_1, Rot(psi_{d-1}), W_2, ..., W_d, Rot(psi_0)
// with W_k = U (k odd) or U^dagger (k even) and Rot(psi) = e^{i psi (2 Pi - 1)},
// Pi = |0><0| on anc: a multi-controlled X marks Pi on a `signal` qubit,
// rz(2 psi) on it, and the X again. Its block is P(A / alpha) with
// Re P = p, the target polynomial.
//
// Real part: one more qubit r in |+> flips the signal qubit around the rz
// (cx r, signal), which runs the sequence with -psi, whose block is
// P*(A/alpha) (the 2x2 pieces of U are real reflections, so negating the
// phases conjugates); H on r at both ends leaves (P + P*)/2 = p.
// Mixed parity: a selector qubit s in |+> chooses between the even part's
// phases (s = 0) and the odd part's (s = 1) by crz on the rotation angles;
// the shorter sequence's extra W_k are controlled on the longer branch.
// Block: (p_even + p_odd) / 2, i.e. alpha doubles.
//
// Ancilla layout of the defined gate: data, anc (the operand's), signal, r,
// [s].
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_QSVTSEQUENCE_H
#define QSVTC_BACKEND_QSVTSEQUENCE_H

#include "qsvtc/backend/BlockEncodings.h"

#include <functional>

namespace qsvtc::backend {

/// `phases` (and `phasesOdd` for mixed parity, else empty) are Wx-symmetric
/// phases (design.md); converted to the reflection convention here.
/// Returns the gate with ancillas = operand's + 2 (+1 for mixed parity);
/// `alpha` is left to the caller (it is the IR op's factor / scale).
/// Mixed parity with `oddWeight` w: the selector is prepared by ry instead
/// of H and the block is (1 - w) p_even + w p_odd.
Encoded defineQsvt(Program &program, const std::string &name, const std::string &comment,
                   const Encoded &operand, int dataQubits, const std::vector<double> &phases,
                   const std::vector<double> &phasesOdd, double oddWeight = 0.5);

/// The same sequence for an operand whose input and output projectors
/// differ (GSLW Def. 15 / Thm 17): `markIn` and `markOut` flip the given
/// signal qubit on the input projector Pi and the output projector Pi~
/// (and are their own inverses). The operand acts on qubits [0, width);
/// the gate adds the signal and real-part qubits after them. Odd degree
/// only: the block <Pi~| . |Pi> is p(A) for A = Pi~ U Pi, p the target
/// polynomial of the Wx-symmetric `phases`. With Pi = all qubits |0> and
/// Pi~ = a state preparation's flags |0>, A has the one singular value
/// a = the success amplitude, and the gate prepares p(a) |psi> on flags
/// |0> (state mode's fixed-point amplification and amplitude transforms).
Encoded defineProjectedQsvt(Program &program, const std::string &name, const std::string &comment,
                            const Encoded &operand, int width, const std::vector<double> &phases,
                            const std::function<void(GateBuilder &, int)> &markIn,
                            const std::function<void(GateBuilder &, int)> &markOut);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_QSVTSEQUENCE_H
