//===- Constructions.h - Constant blocks and entrywise algebra -*- C++ -*-===//
//
// Gates for the qsvt ops that are neither data nor QSVT sequences. Layout
// as everywhere in the backend: data qubits first (bit 0 = least
// significant), then ancillas, all |0> in the block.
//
//  uniform   the all-ones column 1_N: H^n (N = 2^n) or a state preparation
//            of 1/sqrt(N) on N entries; alpha sqrt(N), no ancilla.
//  centering I - J/N = (I + R)/2, R = V (I - 2|0><0|) V^dagger the
//            reflection about the uniform state V|0>: one LCU qubit, alpha 1.
//  columns   the N x w selector of columns [o, o + w) (o a multiple of w,
//            w a power of 2): X on the bits of o; an ancilla flags inputs
//            j >= w. alpha 1, one ancilla (none when w = N).
//  ones      J = 1_R 1_C^T = sqrt(RC) V_R |0><0| V_C^dagger, one ancilla
//            flags data != 0; alpha sqrt(RC) (the j = 0 Hadamard power).
//  hadamard  A o B (seed 000 Thm 4): CNOTs copy the column index into a
//            second data register, U_A and U_B act on one register each,
//            the CNOTs again; the second register is an ancilla (must be
//            |0>, i.e. row indices equal). alpha_A alpha_B.
//  diag      diag(psi) from a column's block encoding U_psi
//            (papers/amplitude-transforms.md 2.2): U_psi on a fresh n-qubit
//            register, then CNOTs from the data into it. alpha unchanged,
//            n more ancillas.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_CONSTRUCTIONS_H
#define QSVTC_BACKEND_CONSTRUCTIONS_H

#include "qsvtc/backend/BlockEncodings.h"

namespace qsvtc::backend {

Encoded defineUniform(Program &program, const std::string &name, const std::string &comment,
                      int64_t n, int dataQubits);
Encoded defineCentering(Program &program, const std::string &name, const std::string &comment,
                        int64_t n, int dataQubits);
Encoded defineColumns(Program &program, const std::string &name, const std::string &comment,
                      int64_t n, int64_t width, int64_t offset, int dataQubits);
Encoded defineOnes(Program &program, const std::string &name, const std::string &comment,
                   int64_t rows, int64_t cols, int dataQubits);
Encoded defineHadamard(Program &program, const std::string &name, const std::string &comment,
                       const Encoded &a, const Encoded &b, int dataQubits);
Encoded defineDiagonal(Program &program, const std::string &name, const std::string &comment,
                       const Encoded &column, int dataQubits);
/// A state preparation of the real unit vector v (a column block, no
/// ancilla): alpha = ||v|| of the unnormalised entries.
Encoded defineColumnState(Program &program, const std::string &name, const std::string &comment,
                          const std::vector<double> &entries, int dataQubits);

/// sum_j m_j (B / alpha)^{o j}, j = 0..d, as one LCU (seed 000 Thm 5):
/// term 0 is m_0 J, term j the j-th Hadamard power of B's gate. alpha =
/// |m_0| sqrt(RC) + sum_j |m_j|; ancillas = max(d a + (d - 1) n, 1) +
/// ceil(log2(d + 1)).
Encoded defineHadamardPolynomial(Program &program, const std::string &name,
                                 const std::string &comment, const Encoded &b,
                                 const std::vector<double> &monomials, int64_t rows,
                                 int64_t cols, int dataQubits);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_CONSTRUCTIONS_H
