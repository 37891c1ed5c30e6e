//===- Pauli.h - Pauli decomposition of a real matrix ----------*- C++ -*-===//
//
// A = sum_{x,z} a_{x,z} X^x Z^z on n qubits (X^x Z^z = tensor product of
// X^{x_k} Z^{z_k}, qubit k = bit k of the row/column index; Y = iXZ is not a
// separate letter, so for real A every coefficient is real):
//   a_{x,z} = Tr(Z^z X^x A) / 2^n = 2^-n sum_i (-1)^{popcount(z & i)} A[i ^ x][i].
// For each x a Walsh-Hadamard transform over i gives every z: O(4^n n).
// The lowering's alpha (sum |a|) and the backend's LCU use this one list,
// so the circuit has exactly the terms the resource count assumes.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_PAULI_H
#define QSVTC_NUMERIC_PAULI_H

#include <cstdint>
#include <vector>

namespace qsvtc::numeric {

struct PauliTerm {
  uint64_t x = 0; ///< bit k: X on qubit k
  uint64_t z = 0; ///< bit k: Z on qubit k (applied first: the term is X^x Z^z)
  double coefficient = 0;
};

/// The nonzero terms (|a| > 1e-15, relative to the padded dimension) of the
/// row-major rows x cols matrix `a`, zero-padded to 2^n x 2^n with
/// n = ceil(log2 max(rows, cols)); ordered by (x, z).
std::vector<PauliTerm> pauliDecompose(const std::vector<double> &a, int64_t rows, int64_t cols);

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_PAULI_H
