//===- Simulator.h - Statevector simulation in place -----------*- C++ -*-===//
//
// A 2^n complex<double> amplitude vector; basis index bit q is qubit q (the
// global qubit numbering of Circuit). Gates are applied in place: a k-qubit
// operation with c controls visits the 2^(n-k-c) index groups whose control
// bits match, and multiplies each group's 2^k amplitudes by the 2^k x 2^k
// matrix. No 2^n x 2^n object is ever formed. Diagonal and 1- and 2-qubit
// matrices have their own kernels; large states are split over a fixed team
// of threads (default: min(2, hardware threads)).
//
// Memory: 16 * 2^n bytes (26 qubits: 1 GiB); more than kMaxQubits is
// refused with an Error rather than attempted.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_SIMULATOR_H
#define QSVTC_RUNTIME_SIMULATOR_H

#include "qsvtc/runtime/Circuit.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace qsvtc::runtime {

class WorkerPool;

class StateVector {
public:
  static constexpr int kMaxQubits = 30; ///< 16 GiB of amplitudes
  /// run() applies runs of gates that touch at most this many qubits on
  /// 2^kBlockQubits-amplitude pieces (8 MiB) that stay in cache. 19 rather
  /// than 16: a state-mode circuit's nested stages touch 17-19 qubits in
  /// a row, and 16 broke them into single gates (tiny_attention token 0:
  /// 36 s at 16, 24 s at 17 and 18, 16.6 s at 19, 20.7 s at 20; the random
  /// 20- and 26-qubit benchmarks within noise of 16).
  static constexpr int kBlockQubits = 19;
  /// Qubits 0..kContiguousQubits-1 are always in a cache block.
  static constexpr int kContiguousQubits = 3;

  /// |0...0> on `numQubits` qubits; numThreads 0 = min(2, hardware).
  explicit StateVector(int numQubits, unsigned numThreads = 0);
  ~StateVector();
  StateVector(StateVector &&) noexcept;
  StateVector &operator=(StateVector &&) noexcept;

  int numQubits() const { return n; }
  /// Threads that split each gate (1 for small states).
  unsigned numThreads() const;

  /// Sets the state to the basis state |index>.
  void setBasisState(std::uint64_t index);

  /// Applies `op`; throws Error if it names a qubit out of range, repeats a
  /// qubit, or its matrix has the wrong size.
  void apply(const Operation &op);

  /// Applies every operation of `circuit` in order (cache-blocked for
  /// states larger than 2^(kBlockQubits+1)).
  void run(const Circuit &circuit);

  const Eigen::VectorXcd &amplitudes() const { return amps; }
  Eigen::VectorXcd &amplitudes() { return amps; }

private:
  void runBlocked(const Operation *first, std::size_t count, std::uint64_t mask);

  int n;
  Eigen::VectorXcd amps;
  std::unique_ptr<WorkerPool> pool;
  std::vector<Eigen::VectorXcd> buffers; ///< one cache block per thread
};

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_SIMULATOR_H
