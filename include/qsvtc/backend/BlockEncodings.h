//===- BlockEncodings.h - Data as block-encoding gates ---------*- C++ -*-===//
//
// Gates that block-encode explicit matrices. Every gate here acts on
// `data` qubits first (data[0] = least significant bit of the row/column
// index) and then its ancillas, which start in and are projected on |0>:
// the block <0|U|0> is A / alpha, A zero-padded to 2^data x 2^data.
//
//  pauli: LCU of Pauli strings (numeric/Pauli.h), alpha = sum |a_k|,
//    ceil(log2 #terms) ancillas: PREPARE sqrt(|a_k| / alpha) on the
//    ancillas, SELECT applies X^x Z^z (and -1 for a negative a_k)
//    controlled on the ancillas spelling k, PREPARE^dagger.
//  dense: alpha = ||A||_F, `data` ancillas (state-preparation encoding,
//    Kerenidis-Prakash / GSLW Lemma 48 without QRAM): U = L^dagger R S with
//    S = SWAP(data, anc), R = preparation of the row norms ||A_i|| / ||A||_F
//    on the data qubits, L = the rows A_i / ||A_i|| prepared on the
//    ancillas, multiplexed over the data qubits. Then
//    <i,0|U|j,0> = <i, A_i/||A_i|| | (sum_k ||A_k|| / ||A||_F |k>) |j>
//                = A_ij / ||A||_F.
//    Costs O(4^data) rotations: for the small explicit weights it is for.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_BLOCKENCODINGS_H
#define QSVTC_BACKEND_BLOCKENCODINGS_H

#include "qsvtc/backend/Program.h"

#include <functional>

namespace qsvtc::backend {

struct Encoded {
  std::string gate; ///< the definition's name
  double alpha = 0;
  int ancillas = 0;
};

/// Defines `def` as a block encoding whose last `ancillas` qubits are its
/// ancillas (GateDef::dataQubits), with normalisation `alpha`.
Encoded defineBlock(Program &program, GateDef def, double alpha, int ancillas);

/// A linear combination of unitaries sum_k w_k V_k / sum |w_k| on the
/// qubits `select` (PREPARE sqrt(|w_k| / sum |w|) on the qubits `prep`,
/// `select(k, when)` adds V_k controlled by `when` = prep spelling k, a -1
/// for w_k < 0, PREPARE^dagger). The PREPARE gate is defined as
/// `name`_prep. Returns sum |w_k|.
using SelectTerm = std::function<void(std::size_t k, const std::vector<Control> &when)>;
double appendLcu(Program &program, GateBuilder &b, const std::string &name,
                 const std::vector<double> &weights, const std::vector<int> &prep,
                 const SelectTerm &select);

/// Both take the row-major rows x cols matrix `a` and define a gate named
/// `name` (made unique) on `dataQubits` + ancillas.
Encoded definePauliEncoding(Program &program, const std::string &name, const std::string &comment,
                            const std::vector<double> &a, int64_t rows, int64_t cols,
                            int dataQubits);
Encoded defineDenseEncoding(Program &program, const std::string &name, const std::string &comment,
                            const std::vector<double> &a, int64_t rows, int64_t cols,
                            int dataQubits);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_BLOCKENCODINGS_H
