//===- BlockExtraction.cpp - Blocks and output states of circuits ---------===//
#include "qsvtc/runtime/BlockExtraction.h"

#include "qsvtc/runtime/Error.h"
#include "qsvtc/runtime/Simulator.h"

#include <algorithm>
#include <exception>
#include <set>
#include <thread>

namespace qsvtc::runtime {

namespace {

using u64 = std::uint64_t;

/// Up to this many qubits, block columns are split over two threads.
constexpr int kColumnSplitQubits = 16;

Eigen::VectorXcd project(const Eigen::VectorXcd &amps, const QubitPartition &p, u64 ancillaBits) {
  Eigen::VectorXcd v(Eigen::Index(1) << p.data.size());
  for (Eigen::Index i = 0; i < v.size(); ++i)
    v(i) = amps(Eigen::Index(globalIndex(u64(i), p, ancillaBits)));
  return v;
}

} // namespace

std::uint64_t globalIndex(u64 j, const QubitPartition &p, u64 ancillaBits) {
  u64 index = ancillaBits;
  for (std::size_t k = 0; k < p.data.size(); ++k)
    if (j >> k & 1)
      index |= u64(1) << p.data[k];
  return index;
}

std::uint64_t ancillaPattern(const QubitPartition &p) {
  u64 bits = 0;
  for (const ProjectedQubit &a : p.ancillas)
    if (a.state)
      bits |= u64(1) << a.qubit;
  return bits;
}

void checkPartition(const Circuit &circuit, const QubitPartition &partition) {
  std::set<int> seen;
  auto add = [&](int q, const char *role) {
    if (q < 0 || q >= circuit.numQubits)
      throw Error(std::string(role) + " qubit " + std::to_string(q) +
                  " is out of range (the circuit has " + std::to_string(circuit.numQubits) +
                  " qubits)");
    if (!seen.insert(q).second)
      throw Error(circuit.qubitName(q) + " is listed twice");
  };
  for (int q : partition.data)
    add(q, "data");
  for (const ProjectedQubit &a : partition.ancillas) {
    add(a.qubit, "ancilla");
    if (a.state != 0 && a.state != 1)
      throw Error("ancilla " + circuit.qubitName(a.qubit) + ": state must be 0 or 1");
  }
  for (int q = 0; q < circuit.numQubits; ++q)
    if (!seen.count(q))
      throw Error(circuit.qubitName(q) + " is neither a data qubit nor an ancilla");
}

namespace {

/// The circuit and partition with qubits renumbered by how many operations
/// touch them, least first. The simulator's loops are vectorised over runs
/// of consecutive amplitudes, which a gate's targets and controls on the
/// lowest qubits break up (a state-mode circuit touches its data qubits in
/// nearly every gate): the rarely touched qubits belong at the bottom.
/// Ancillas are all prepared and projected alike and data keep their
/// significance order, so the block and state are unchanged.
std::pair<Circuit, QubitPartition> relabelByUse(const Circuit &circuit,
                                                const QubitPartition &partition) {
  std::vector<double> uses(circuit.numQubits, 0);
  for (const Operation &op : circuit.ops) {
    for (int q : op.targets)
      uses[q] += 1;
    for (const Control &c : op.controls)
      uses[c.qubit] += 1;
  }
  std::vector<int> order(circuit.numQubits);
  for (int q = 0; q < circuit.numQubits; ++q)
    order[q] = q;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return uses[a] < uses[b]; });
  std::vector<int> to(circuit.numQubits);
  for (int k = 0; k < circuit.numQubits; ++k)
    to[order[k]] = k;
  Circuit out = circuit;
  for (Operation &op : out.ops) {
    for (int &q : op.targets)
      q = to[q];
    for (Control &c : op.controls)
      c.qubit = to[c.qubit];
  }
  QubitPartition p = partition;
  for (int &q : p.data)
    q = to[q];
  for (ProjectedQubit &a : p.ancillas)
    a.qubit = to[a.qubit];
  return {std::move(out), std::move(p)};
}

} // namespace

Eigen::MatrixXcd extractBlock(const Circuit &original, const QubitPartition &originalPartition) {
  checkPartition(original, originalPartition);
  const auto [circuit, partition] = relabelByUse(original, originalPartition);
  if (circuit.numQubits > kMaxBlockQubits)
    throw Error("block extraction of a " + std::to_string(circuit.numQubits) +
                "-qubit circuit (at most " + std::to_string(kMaxBlockQubits) + " qubits)");
  const u64 ancillaBits = ancillaPattern(partition);
  const Eigen::Index dim = Eigen::Index(1) << partition.data.size();
  Eigen::MatrixXcd block(dim, dim);
  // Columns [begin, end) on one state; small states split the columns over
  // threads (each with its own state), large ones split each gate instead.
  auto columns = [&](Eigen::Index begin, Eigen::Index end, unsigned threads) {
    StateVector sv(circuit.numQubits, threads);
    for (Eigen::Index j = begin; j < end; ++j) {
      sv.setBasisState(globalIndex(u64(j), partition, ancillaBits));
      sv.run(circuit);
      block.col(j) = project(sv.amplitudes(), partition, ancillaBits);
    }
  };
  const unsigned threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  if (threads == 1 || dim == 1 || circuit.numQubits > kColumnSplitQubits) {
    columns(0, dim, 0);
    return block;
  }
  std::exception_ptr failure;
  std::thread helper([&] {
    try {
      columns(dim / 2, dim, 1);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    columns(0, dim / 2, 1);
  } catch (...) {
    helper.join();
    throw;
  }
  helper.join();
  if (failure)
    std::rethrow_exception(failure);
  return block;
}

OutputState extractState(const Circuit &original, const QubitPartition &originalPartition) {
  checkPartition(original, originalPartition);
  const auto [circuit, partition] = relabelByUse(original, originalPartition);
  StateVector sv(circuit.numQubits);
  sv.run(circuit);
  OutputState out;
  const Eigen::VectorXcd &amps = sv.amplitudes();
  const u64 pattern = ancillaPattern(partition);
  out.data = project(amps, partition, pattern);
  out.successProbability = out.data.squaredNorm();
  // Summed directly, not as 1 - success: small garbage keeps its digits.
  u64 mask = 0;
  for (const ProjectedQubit &a : partition.ancillas)
    mask |= u64(1) << a.qubit;
  double garbage = 0;
  for (Eigen::Index i = 0; i < amps.size(); ++i)
    if ((u64(i) & mask) != pattern)
      garbage += std::norm(amps(i));
  out.garbageNorm = std::sqrt(garbage);
  return out;
}

} // namespace qsvtc::runtime
