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
//  vec       vec(A), the R x C entries as a column (entry (i, j) at i C' + j,
//            C' = 2^ceil(log2 C), the padding zero): H on the column bits of
//            the data, CNOTs copy them into A's register, U_A, then A's
//            row bits are swapped into the data's high bits. alpha_A
//            sqrt(C'); A's register becomes ancillas.
//  unvec     the R x C matrix of a column v (the inverse reshape):
//            U_v on a fresh register, CNOTs from its column bits into the
//            input (|0> only when they equal the input's j), H on those
//            bits (|0> with amplitude 1/sqrt(C')), then its row bits and a
//            zero pad are swapped into the data. alpha_v sqrt(C').
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
/// A 1 x 1 block c: a phase sign(c) on one idle ancilla, alpha |c|.
Encoded defineScalar(Program &program, const std::string &name, const std::string &comment,
                     double c);

/// flag ^= [x >= k] for x spelled by `index` (low bit first): one
/// multi-controlled X per aligned block of [k, 2^w), at most w of them.
/// With the flag an ancilla projected on |0>, a block keeps x < k only.
void flagIndexAtLeast(GateBuilder &b, const std::vector<int> &index, uint64_t k, int flag);

Encoded defineColumns(Program &program, const std::string &name, const std::string &comment,
                      int64_t n, int64_t width, int64_t offset, int dataQubits);
Encoded defineOnes(Program &program, const std::string &name, const std::string &comment,
                   int64_t rows, int64_t cols, int dataQubits);
Encoded defineHadamard(Program &program, const std::string &name, const std::string &comment,
                       const Encoded &a, const Encoded &b, int dataQubits);
Encoded defineDiagonal(Program &program, const std::string &name, const std::string &comment,
                       const Encoded &column, int dataQubits);
/// `a` acts on `aQubits` data qubits; the result on log2(rows cols).
Encoded defineVec(Program &program, const std::string &name, const std::string &comment,
                  const Encoded &a, int64_t rows, int64_t cols, int aQubits);
/// The result acts on `dataQubits` = ceil(log2 max(rows, cols)).
Encoded defineUnvec(Program &program, const std::string &name, const std::string &comment,
                    const Encoded &column, int64_t rows, int64_t cols, int dataQubits);
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
                                 const std::vector<double> &monomials, int64_t rows, int64_t cols,
                                 int dataQubits);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_CONSTRUCTIONS_H
