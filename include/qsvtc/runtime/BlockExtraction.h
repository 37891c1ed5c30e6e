//===- BlockExtraction.h - Blocks and output states of circuits *- C++ -*-===//
//
// A block encoding U of A/α on data qubits D with ancillas projected on a
// basis state |a>: the block is B = (<a| ⊗ I_D) U (|a> ⊗ I_D), a 2^|D| x
// 2^|D| matrix. Column j of B is obtained by simulating U on the basis input
// whose data bits spell j (bit k of j is data qubit D[k], so D[0] is the
// least significant) and whose ancilla bits spell a, then reading the
// amplitudes with the same ancilla bits. Cost: 2^|D| simulations.
//
// The output state of a state-preparation circuit is (<a| ⊗ I_D) U |0...0>:
// the data-register vector left after projecting the ancillas, whose squared
// norm is the success probability.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_BLOCKEXTRACTION_H
#define QSVTC_RUNTIME_BLOCKEXTRACTION_H

#include "qsvtc/runtime/Circuit.h"

#include <cstdint>

namespace qsvtc::runtime {

struct ProjectedQubit {
  int qubit = 0;
  int state = 0; ///< 0 or 1
};

/// Which circuit qubits are data (in significance order) and which are
/// ancillas with the basis state they are prepared in and projected on.
struct QubitPartition {
  std::vector<int> data;
  std::vector<ProjectedQubit> ancillas;
};

/// Block extraction simulates at most this many qubits.
constexpr int kMaxBlockQubits = 24;

/// The basis index whose data bits spell column `j` (bit k on data[k]) and
/// whose ancilla bits are `ancillaBits` (ancillaPattern: each ancilla's
/// projected state): where column j's simulation starts.
std::uint64_t globalIndex(std::uint64_t j, const QubitPartition &p, std::uint64_t ancillaBits);
std::uint64_t ancillaPattern(const QubitPartition &p);

/// Throws Error unless every qubit of `circuit` is exactly once in
/// `partition` (data or ancilla) and every ancilla state is 0 or 1.
void checkPartition(const Circuit &circuit, const QubitPartition &partition);

/// The block <a|U|a> restricted to the data qubits.
Eigen::MatrixXcd extractBlock(const Circuit &circuit, const QubitPartition &partition);

struct OutputState {
  Eigen::VectorXcd data;         ///< (<a| ⊗ I) U |0...0>, unnormalised
  double successProbability = 0; ///< ||data||^2
  /// ||(I - |a><a|) U |0...0>||, the part projected away, summed directly
  /// (accurate when small, unlike sqrt(1 - successProbability)).
  double garbageNorm = 0;
};

/// The projected output state of `circuit` started in |0...0>.
OutputState extractState(const Circuit &circuit, const QubitPartition &partition);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_BLOCKEXTRACTION_H
