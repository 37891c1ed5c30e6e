//===- Simulator.cpp - Statevector simulation in place --------------------===//
//
// StateVector drives the kernels (Kernels.h): one operation at a time in
// apply(), or, in run(), one-qubit chains merged (Fusion.h) and runs of
// gates on at most kBlockQubits qubits applied to cache-sized pieces of the
// state. Large gates and cache blocks are split over the worker pool.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Simulator.h"

#include "Fusion.h"
#include "Kernels.h"
#include "WorkerPool.h"
#include "qsvtc/runtime/Error.h"

#include <algorithm>
#include <bit>
#include <new>
#include <thread>

namespace qsvtc::runtime {

using namespace kernels;

namespace {

/// Below this many groups a gate runs on the calling thread only.
constexpr u64 kParallelThreshold = u64(1) << 14;

void checkOperation(const Operation &op, int n) {
  std::vector<int> all = op.targets;
  for (const Control &c : op.controls)
    all.push_back(c.qubit);
  for (int q : all)
    if (q < 0 || q >= n)
      throw Error("operation '" + op.name + "' acts on qubit " + std::to_string(q) + " of a " +
                  std::to_string(n) + "-qubit state");
  std::sort(all.begin(), all.end());
  if (std::adjacent_find(all.begin(), all.end()) != all.end())
    throw Error("operation '" + op.name + "' uses a qubit twice");
  const Eigen::Index dim = Eigen::Index(1) << op.targets.size();
  if (op.matrix.rows() != dim || op.matrix.cols() != dim)
    throw Error("operation '" + op.name + "' has a " + std::to_string(op.matrix.rows()) + "x" +
                std::to_string(op.matrix.cols()) + " matrix for " +
                std::to_string(op.targets.size()) + " targets");
}

unsigned defaultThreads() {
  return std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
}

} // namespace

StateVector::StateVector(int numQubits, unsigned numThreads) : n(numQubits) {
  if (numQubits < 0 || numQubits > kMaxQubits)
    throw Error("cannot simulate " + std::to_string(numQubits) +
                " qubits (the statevector simulator takes at most " + std::to_string(kMaxQubits) +
                ")");
  try {
    amps = Eigen::VectorXcd::Zero(Eigen::Index(1) << n);
  } catch (const std::bad_alloc &) {
    throw Error("out of memory for a " + std::to_string(n) + "-qubit statevector (" +
                std::to_string((u64(16) << n) >> 20) + " MiB)");
  }
  amps(0) = 1;
  // Small states never split a gate: no helper threads to start.
  const unsigned threads = numThreads ? numThreads : defaultThreads();
  pool = std::make_unique<WorkerPool>((u64(1) << n) >= 2 * kParallelThreshold ? threads : 1);
}

StateVector::~StateVector() = default;
StateVector::StateVector(StateVector &&) noexcept = default;
StateVector &StateVector::operator=(StateVector &&) noexcept = default;

unsigned StateVector::numThreads() const { return pool->size(); }

void StateVector::setBasisState(std::uint64_t index) {
  if (index >= u64(amps.size()))
    throw Error("basis state " + std::to_string(index) + " out of range");
  amps.setZero();
  amps(Eigen::Index(index)) = 1;
}

void StateVector::apply(const Operation &original) {
  checkOperation(original, n);
  const Operation op = simplify(original);
  const Layout l = makeLayout(op, n);
  Complex *a = amps.data();
  const Eigen::MatrixXcd &m = op.matrix;
  const Kernel k = chooseKernel(m);
  if (l.groups < kParallelThreshold || pool->size() == 1) {
    runKernel(k, a, l, m, 0, l.groups);
    return;
  }
  pool->parallelFor(l.groups, [&](u64 j0, u64 j1, unsigned) { runKernel(k, a, l, m, j0, j1); });
}

namespace {

u64 qubitMask(const Operation &op) {
  u64 mask = 0;
  for (int t : op.targets)
    mask |= u64(1) << t;
  for (const Control &c : op.controls)
    mask |= u64(1) << c.qubit;
  return mask;
}

/// Deposits the bits of `value` at the positions of `bits` (ascending).
u64 deposit(u64 value, const std::vector<int> &bits) {
  u64 out = 0;
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (value >> i & 1)
      out |= u64(1) << bits[i];
  return out;
}

} // namespace

void StateVector::run(const Circuit &circuit) {
  if (circuit.numQubits != n)
    throw Error("circuit has " + std::to_string(circuit.numQubits) + " qubits, the state " +
                std::to_string(n));
  for (const Operation &op : circuit.ops)
    checkOperation(op, n);
  const std::vector<Operation> ops = fuseSingleQubitGates(circuit.ops, n);
  if (n <= kBlockQubits + 1) {
    for (const Operation &op : ops)
      apply(op);
    return;
  }
  std::size_t i = 0;
  while (i < ops.size()) {
    std::size_t j = i;
    // The lowest kContiguousQubits qubits are always local, so that the
    // copies into the cache block move contiguous runs of amplitudes.
    u64 mask = (u64(1) << kContiguousQubits) - 1;
    while (j < ops.size() && std::popcount(mask | qubitMask(ops[j])) <= kBlockQubits)
      mask |= qubitMask(ops[j++]);
    if (j - i <= 1) {
      apply(ops[i]);
      i = std::max(j, i + 1);
      continue;
    }
    runBlocked(ops.data() + i, j - i, mask);
    i = j;
  }
}

/// Cache blocking: the operations [first, first+count) touch only the
/// qubits in `mask` (at most kBlockQubits). Pad them with the lowest other
/// qubits to a local set L of kBlockQubits; for each value of the remaining
/// (high) bits, copy the 2^|L| amplitudes into a per-thread buffer that
/// stays in the L2 cache, apply every operation there (renumbered to L),
/// and copy back. The state is streamed twice per block of gates instead
/// of once or twice per gate.
void StateVector::runBlocked(const Operation *first, std::size_t count, std::uint64_t mask) {
  std::vector<int> local, high;
  for (int q = 0; q < n; ++q)
    if (mask >> q & 1)
      local.push_back(q);
  for (int q = 0; q < n && static_cast<int>(local.size()) < kBlockQubits; ++q)
    if (!(mask >> q & 1))
      local.push_back(q);
  std::sort(local.begin(), local.end());
  for (int q = 0; q < n; ++q)
    if (std::find(local.begin(), local.end(), q) == local.end())
      high.push_back(q);
  std::vector<int> position(std::size_t(n), -1);
  for (std::size_t k = 0; k < local.size(); ++k)
    position[std::size_t(local[k])] = static_cast<int>(k);

  struct LocalOp {
    Operation op;
    Layout layout;
    Kernel kernel;
  };
  std::vector<LocalOp> localOps;
  for (std::size_t o = 0; o < count; ++o) {
    LocalOp lo{simplify(first[o]), {}, {}};
    for (int &t : lo.op.targets)
      t = position[std::size_t(t)];
    for (Control &c : lo.op.controls)
      c.qubit = position[std::size_t(c.qubit)];
    lo.layout = makeLayout(lo.op, kBlockQubits);
    lo.kernel = chooseKernel(lo.op.matrix);
    localOps.push_back(std::move(lo));
  }
  // The local qubits include 0..r-1 (r >= kContiguousQubits): a local
  // index is (upper bits, r contiguous low bits); upper -> global offset.
  const int r = std::countr_one(deposit(~u64(0) >> (64 - kBlockQubits), local));
  const std::vector<int> upperBits(local.begin() + r, local.end());
  std::vector<u64> upperTab(std::size_t(1) << upperBits.size());
  for (u64 v = 0; v < upperTab.size(); ++v)
    upperTab[v] = deposit(v, upperBits);
  const u64 run = u64(1) << r;
  const u64 chunkSize = u64(1) << kBlockQubits;
  const u64 chunks = u64(1) << high.size();
  if (buffers.size() < pool->size())
    buffers.resize(pool->size());
  Complex *a = amps.data();
  pool->parallelFor(chunks, [&](u64 c0, u64 c1, unsigned piece) {
    Eigen::VectorXcd &buf = buffers[piece];
    if (buf.size() != Eigen::Index(chunkSize))
      buf.resize(Eigen::Index(chunkSize));
    Complex *b = buf.data();
    for (u64 c = c0; c < c1; ++c) {
      const u64 hb = deposit(c, high);
      for (u64 u = 0; u < upperTab.size(); ++u)
        std::copy_n(a + (hb | upperTab[u]), run, b + (u << r));
      for (const LocalOp &lo : localOps)
        runKernel(lo.kernel, b, lo.layout, lo.op.matrix, 0, lo.layout.groups);
      for (u64 u = 0; u < upperTab.size(); ++u)
        std::copy_n(b + (u << r), run, a + (hb | upperTab[u]));
    }
  });
}

} // namespace qsvtc::runtime
