//===- Simulator.cpp - Statevector simulation in place --------------------===//
//
// Index arithmetic. For an operation on target bits T and control bits C
// (together the "fixed" bits F, sorted ascending), the amplitude groups are
// enumerated by j in [0, 2^(n-|F|)): insert a zero at each position of F
// into j (lowest first) and OR in the control values; that is the group's
// base index. Member b of the group (b in [0, 2^k)) is base | offset[b],
// where offset[b] sets target bit t_i when bit i of b is set. Threads take
// disjoint ranges of j, hence disjoint groups: no synchronisation inside a
// gate.
//
// Complex products are spelled out in real arithmetic (cmul) so the compiler
// does not route them through the NaN-checking __muldc3 slow path.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Simulator.h"

#include "WorkerPool.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <new>
#include <thread>

namespace qsvtc::runtime {

namespace {

using u64 = std::uint64_t;

/// Below this many groups a gate runs on the calling thread only.
constexpr u64 kParallelThreshold = u64(1) << 14;

inline Complex cmul(Complex a, Complex b) {
  return {a.real() * b.real() - a.imag() * b.imag(),
          a.real() * b.imag() + a.imag() * b.real()};
}

/// The fixed-bit layout of one operation.
struct Layout {
  std::vector<int> fixedSorted; ///< target and control bits, ascending
  u64 controlValue = 0;
  std::vector<u64> offset; ///< 2^k target offsets
  u64 groups = 0;

  u64 base(u64 j) const {
    for (int p : fixedSorted)
      j = ((j >> p) << (p + 1)) | (j & ((u64(1) << p) - 1));
    return j | controlValue;
  }
};

Layout makeLayout(const Operation &op, int n) {
  Layout l;
  for (int t : op.targets)
    l.fixedSorted.push_back(t);
  for (const Control &c : op.controls) {
    l.fixedSorted.push_back(c.qubit);
    if (c.positive)
      l.controlValue |= u64(1) << c.qubit;
  }
  std::sort(l.fixedSorted.begin(), l.fixedSorted.end());
  const std::size_t k = op.targets.size();
  l.offset.assign(std::size_t(1) << k, 0);
  for (std::size_t b = 0; b < l.offset.size(); ++b)
    for (std::size_t i = 0; i < k; ++i)
      if (b >> i & 1)
        l.offset[b] |= u64(1) << op.targets[i];
  l.groups = u64(1) << (n - static_cast<int>(l.fixedSorted.size()));
  return l;
}

void checkOperation(const Operation &op, int n) {
  std::vector<int> all = op.targets;
  for (const Control &c : op.controls)
    all.push_back(c.qubit);
  for (int q : all)
    if (q < 0 || q >= n)
      throw Error("operation '" + op.name + "' acts on qubit " +
                  std::to_string(q) + " of a " + std::to_string(n) +
                  "-qubit state");
  std::sort(all.begin(), all.end());
  if (std::adjacent_find(all.begin(), all.end()) != all.end())
    throw Error("operation '" + op.name + "' uses a qubit twice");
  const Eigen::Index dim = Eigen::Index(1) << op.targets.size();
  if (op.matrix.rows() != dim || op.matrix.cols() != dim)
    throw Error("operation '" + op.name + "' has a " +
                std::to_string(op.matrix.rows()) + "x" +
                std::to_string(op.matrix.cols()) + " matrix for " +
                std::to_string(op.targets.size()) + " targets");
}

bool isDiagonal(const Eigen::MatrixXcd &m) {
  for (Eigen::Index c = 0; c < m.cols(); ++c)
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      if (r != c && m(r, c) != Complex(0))
        return false;
  return true;
}

// ---- kernels: each handles groups [j0, j1) --------------------------------

void kernelDiagonal(Complex *a, const Layout &l, const Eigen::MatrixXcd &m,
                    u64 j0, u64 j1) {
  const std::size_t dim = l.offset.size();
  for (u64 j = j0; j < j1; ++j) {
    const u64 b = l.base(j);
    for (std::size_t i = 0; i < dim; ++i)
      a[b | l.offset[i]] = cmul(m(i, i), a[b | l.offset[i]]);
  }
}

void kernel1(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0,
             u64 j1) {
  const Complex m00 = m(0, 0), m01 = m(0, 1), m10 = m(1, 0), m11 = m(1, 1);
  const u64 t = l.offset[1];
  if (l.fixedSorted.size() == 1) {
    // Uncontrolled: contiguous runs of length t, vectorisable.
    const int p = l.fixedSorted[0];
    const u64 low = (u64(1) << p) - 1;
    u64 j = j0;
    while (j < j1) {
      const u64 b = ((j >> p) << (p + 1)) | (j & low);
      const u64 run = std::min<u64>(j1 - j, (low + 1) - (j & low));
      Complex *x = a + b, *y = a + b + t;
      for (u64 r = 0; r < run; ++r) {
        const Complex u = x[r], v = y[r];
        x[r] = cmul(m00, u) + cmul(m01, v);
        y[r] = cmul(m10, u) + cmul(m11, v);
      }
      j += run;
    }
    return;
  }
  for (u64 j = j0; j < j1; ++j) {
    const u64 b = l.base(j);
    const Complex u = a[b], v = a[b | t];
    a[b] = cmul(m00, u) + cmul(m01, v);
    a[b | t] = cmul(m10, u) + cmul(m11, v);
  }
}

void kernel2(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0,
             u64 j1) {
  Complex mm[4][4];
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c)
      mm[r][c] = m(r, c);
  const u64 o1 = l.offset[1], o2 = l.offset[2], o3 = l.offset[3];
  for (u64 j = j0; j < j1; ++j) {
    const u64 b = l.base(j);
    const Complex v[4] = {a[b], a[b | o1], a[b | o2], a[b | o3]};
    Complex w[4];
    for (int r = 0; r < 4; ++r)
      w[r] = cmul(mm[r][0], v[0]) + cmul(mm[r][1], v[1]) +
             cmul(mm[r][2], v[2]) + cmul(mm[r][3], v[3]);
    a[b] = w[0];
    a[b | o1] = w[1];
    a[b | o2] = w[2];
    a[b | o3] = w[3];
  }
}

void kernelGeneral(Complex *a, const Layout &l, const Eigen::MatrixXcd &m,
                   u64 j0, u64 j1) {
  const std::size_t dim = l.offset.size();
  std::vector<Complex> v(dim), w(dim);
  for (u64 j = j0; j < j1; ++j) {
    const u64 b = l.base(j);
    for (std::size_t i = 0; i < dim; ++i)
      v[i] = a[b | l.offset[i]];
    for (std::size_t r = 0; r < dim; ++r) {
      Complex s = 0;
      for (std::size_t c = 0; c < dim; ++c)
        s += cmul(m(r, c), v[c]);
      w[r] = s;
    }
    for (std::size_t i = 0; i < dim; ++i)
      a[b | l.offset[i]] = w[i];
  }
}

unsigned defaultThreads() {
  return std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
}

} // namespace

StateVector::StateVector(int numQubits, unsigned numThreads) : n(numQubits) {
  if (numQubits < 0 || numQubits > kMaxQubits)
    throw Error("cannot simulate " + std::to_string(numQubits) +
                " qubits (the statevector simulator takes at most " +
                std::to_string(kMaxQubits) + ")");
  try {
    amps = Eigen::VectorXcd::Zero(Eigen::Index(1) << n);
  } catch (const std::bad_alloc &) {
    throw Error("out of memory for a " + std::to_string(n) +
                "-qubit statevector (" +
                std::to_string((u64(16) << n) >> 20) + " MiB)");
  }
  amps(0) = 1;
  pool = std::make_unique<WorkerPool>(numThreads ? numThreads
                                                 : defaultThreads());
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

void StateVector::apply(const Operation &op) {
  checkOperation(op, n);
  const Layout l = makeLayout(op, n);
  Complex *a = amps.data();
  const Eigen::MatrixXcd &m = op.matrix;
  const std::size_t k = op.targets.size();
  void (*kernel)(Complex *, const Layout &, const Eigen::MatrixXcd &, u64,
                 u64) = kernelGeneral;
  if (isDiagonal(m))
    kernel = kernelDiagonal;
  else if (k == 1)
    kernel = kernel1;
  else if (k == 2)
    kernel = kernel2;
  if (l.groups < kParallelThreshold || pool->size() == 1) {
    kernel(a, l, m, 0, l.groups);
    return;
  }
  pool->parallelFor(l.groups,
                    [&](u64 j0, u64 j1) { kernel(a, l, m, j0, j1); });
}

void StateVector::run(const Circuit &circuit) {
  if (circuit.numQubits != n)
    throw Error("circuit has " + std::to_string(circuit.numQubits) +
                " qubits, the state " + std::to_string(n));
  for (const Operation &op : circuit.ops)
    apply(op);
}

} // namespace qsvtc::runtime
