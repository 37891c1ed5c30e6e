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

#include "Fusion.h"
#include "WorkerPool.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <bit>
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
  int numFixed = 0;
  u64 lowMask[64] = {}; ///< per fixed bit (ascending): bits below it
  u64 controlValue = 0;
  std::vector<u64> offset; ///< 2^k target offsets
  u64 groups = 0;

  /// Index j with a zero inserted at every fixed bit, controls OR-ed in.
  u64 base(u64 j) const {
    for (int i = 0; i < numFixed; ++i)
      j = ((j & ~lowMask[i]) << 1) | (j & lowMask[i]);
    return j | controlValue;
  }
};

Layout makeLayout(const Operation &op, int n) {
  Layout l;
  std::vector<int> fixed(op.targets.begin(), op.targets.end());
  for (const Control &c : op.controls) {
    fixed.push_back(c.qubit);
    if (c.positive)
      l.controlValue |= u64(1) << c.qubit;
  }
  std::sort(fixed.begin(), fixed.end());
  l.numFixed = static_cast<int>(fixed.size());
  for (int i = 0; i < l.numFixed; ++i)
    l.lowMask[i] = (u64(1) << fixed[i]) - 1;
  const std::size_t k = op.targets.size();
  l.offset.assign(std::size_t(1) << k, 0);
  for (std::size_t b = 0; b < l.offset.size(); ++b)
    for (std::size_t i = 0; i < k; ++i)
      if (b >> i & 1)
        l.offset[b] |= u64(1) << op.targets[i];
  l.groups = u64(1) << (n - l.numFixed);
  return l;
}

/// A cheaper equivalent of `op` for the kernels: a diagonal 1-target gate
/// whose |0> entry is 1 (p, t, s, z, and under ctrl cp, cz) only touches
/// the target-|1> half, so it becomes a phase controlled on the target too.
Operation simplify(const Operation &op) {
  if (op.targets.size() == 1 && op.matrix(0, 1) == Complex(0) &&
      op.matrix(1, 0) == Complex(0) && op.matrix(0, 0) == Complex(1)) {
    Operation phase;
    phase.name = op.name;
    phase.controls = op.controls;
    phase.controls.push_back({op.targets[0], true});
    phase.matrix = op.matrix.block(1, 1, 1, 1);
    return phase;
  }
  return op;
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

/// One nonzero per row and column (x, y, cx, swap, ...): row[c] is the row
/// of column c's entry.
bool isMonomial(const Eigen::MatrixXcd &m, std::vector<int> &row) {
  row.assign(std::size_t(m.cols()), -1);
  std::vector<bool> used(std::size_t(m.rows()), false);
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      if (m(r, c) == Complex(0))
        continue;
      if (row[std::size_t(c)] >= 0 || used[std::size_t(r)])
        return false;
      row[std::size_t(c)] = int(r);
      used[std::size_t(r)] = true;
    }
    if (row[std::size_t(c)] < 0)
      return false;
  }
  return true;
}

/// Calls fn(base, len) for runs of consecutive groups [j0, j1) whose
/// amplitudes are contiguous: groups j..j+len-1 have base indices
/// base..base+len-1 as long as no fixed bit lies below the run.
template <typename Fn>
inline void forRuns(const Layout &l, u64 j0, u64 j1, Fn fn) {
  if (l.numFixed == 0) {
    fn(j0 | l.controlValue, j1 - j0);
    return;
  }
  const u64 low = l.lowMask[0];
  if (low < 7) {
    // Runs shorter than 8: one group at a time, no run bookkeeping.
    for (u64 j = j0; j < j1; ++j)
      fn(l.base(j), 1);
    return;
  }
  u64 j = j0;
  while (j < j1) {
    const u64 len = std::min<u64>(j1 - j, (low + 1) - (j & low));
    fn(l.base(j), len);
    j += len;
  }
}

// ---- contiguous inner loops ------------------------------------------------
// Built for AVX2 and for the baseline, chosen at load time (GCC function
// multi-versioning): the build stays portable, and AVX2 machines run the
// complex arithmetic on four doubles at a time.

#define QSVTC_SIMD_CLONES __attribute__((target_clones("avx2", "default")))

QSVTC_SIMD_CLONES
void scaleRun(Complex *__restrict x, u64 len, Complex d) {
  for (u64 r = 0; r < len; ++r)
    x[r] = cmul(d, x[r]);
}

QSVTC_SIMD_CLONES
void rotateRun(Complex *__restrict x, Complex *__restrict y, u64 len,
               const Complex *m) {
  const Complex m00 = m[0], m01 = m[1], m10 = m[2], m11 = m[3];
  for (u64 r = 0; r < len; ++r) {
    const Complex u = x[r], v = y[r];
    x[r] = cmul(m00, u) + cmul(m01, v);
    y[r] = cmul(m10, u) + cmul(m11, v);
  }
}

/// Target bit 0, no controls: the pairs are adjacent amplitudes.
QSVTC_SIMD_CLONES
void rotateAdjacent(Complex *__restrict a, u64 pairs, const Complex *m) {
  const Complex m00 = m[0], m01 = m[1], m10 = m[2], m11 = m[3];
  for (u64 r = 0; r < pairs; ++r) {
    const Complex u = a[2 * r], v = a[2 * r + 1];
    a[2 * r] = cmul(m00, u) + cmul(m01, v);
    a[2 * r + 1] = cmul(m10, u) + cmul(m11, v);
  }
}

// ---- kernels: each handles groups [j0, j1) --------------------------------

struct Kernel {
  enum class Kind { Diagonal, Monomial, Dense1, Dense2, General } kind;
  std::vector<int> row; ///< Monomial: the row of each column's entry
};

void kernelDiagonal(Complex *a, const Layout &l, const Eigen::MatrixXcd &m,
                    u64 j0, u64 j1) {
  const std::size_t dim = l.offset.size();
  for (std::size_t i = 0; i < dim; ++i) {
    const Complex d = m(Eigen::Index(i), Eigen::Index(i));
    if (d == Complex(1))
      continue;
    const u64 off = l.offset[i];
    forRuns(l, j0, j1,
            [&](u64 b, u64 len) { scaleRun(a + (b | off), len, d); });
  }
}

void kernelMonomial(Complex *a, const Layout &l, const Eigen::MatrixXcd &m,
                    const std::vector<int> &row, u64 j0, u64 j1) {
  const std::size_t dim = l.offset.size();
  if (dim == 2) {
    const Complex m01 = m(0, 1), m10 = m(1, 0);
    const bool plain = m01 == Complex(1) && m10 == Complex(1);
    const u64 t = l.offset[1];
    forRuns(l, j0, j1, [&](u64 b, u64 len) {
      Complex *x = a + b, *y = a + (b | t);
      if (plain) {
        std::swap_ranges(x, x + len, y);
        return;
      }
      for (u64 r = 0; r < len; ++r) {
        const Complex u = x[r], v = y[r];
        x[r] = cmul(m01, v);
        y[r] = cmul(m10, u);
      }
    });
    return;
  }
  std::vector<Complex> phase(dim), v(dim);
  bool unitPhases = true;
  for (std::size_t c = 0; c < dim; ++c) {
    phase[c] = m(row[c], Eigen::Index(c));
    unitPhases = unitPhases && phase[c] == Complex(1);
  }
  if (dim == 4 && unitPhases && row[0] == 0 && row[1] == 2 && row[2] == 1 &&
      row[3] == 3) {
    // swap: exchange the |01> and |10> members of each group
    const u64 o1 = l.offset[1], o2 = l.offset[2];
    forRuns(l, j0, j1, [&](u64 b, u64 len) {
      std::swap_ranges(a + (b | o1), a + (b | o1) + len, a + (b | o2));
    });
    return;
  }
  forRuns(l, j0, j1, [&](u64 b, u64 len) {
    for (u64 r = 0; r < len; ++r) {
      for (std::size_t c = 0; c < dim; ++c)
        v[c] = a[(b | l.offset[c]) + r];
      for (std::size_t c = 0; c < dim; ++c)
        a[(b | l.offset[std::size_t(row[c])]) + r] =
            phase[c] == Complex(1) ? v[c] : cmul(phase[c], v[c]);
    }
  });
}

void kernel1(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0,
             u64 j1) {
  const Complex mm[4] = {m(0, 0), m(0, 1), m(1, 0), m(1, 1)};
  const u64 t = l.offset[1];
  if (l.numFixed == 1 && t == 1) {
    rotateAdjacent(a + 2 * j0, j1 - j0, mm);
    return;
  }
  if (l.numFixed == 1 && l.lowMask[0] < 7) {
    // Uncontrolled, target bit 1 or 2: the index arithmetic inline.
    const int p = std::countr_one(l.lowMask[0]);
    const u64 low = l.lowMask[0];
    for (u64 j = j0; j < j1; ++j) {
      const u64 b = ((j >> p) << (p + 1)) | (j & low);
      const Complex u = a[b], v = a[b | t];
      a[b] = cmul(mm[0], u) + cmul(mm[1], v);
      a[b | t] = cmul(mm[2], u) + cmul(mm[3], v);
    }
    return;
  }
  if (l.lowMask[0] < 7) {
    for (u64 j = j0; j < j1; ++j) {
      const u64 b = l.base(j);
      const Complex u = a[b], v = a[b | t];
      a[b] = cmul(mm[0], u) + cmul(mm[1], v);
      a[b | t] = cmul(mm[2], u) + cmul(mm[3], v);
    }
    return;
  }
  forRuns(l, j0, j1, [&](u64 b, u64 len) {
    rotateRun(a + b, a + (b | t), len, mm);
  });
}

void kernel2(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0,
             u64 j1) {
  Complex mm[4][4];
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c)
      mm[r][c] = m(r, c);
  const u64 o1 = l.offset[1], o2 = l.offset[2], o3 = l.offset[3];
  forRuns(l, j0, j1, [&](u64 base, u64 len) {
    for (u64 r = 0; r < len; ++r) {
      const u64 b = base + r;
      const Complex v[4] = {a[b], a[b | o1], a[b | o2], a[b | o3]};
      Complex w[4];
      for (int i = 0; i < 4; ++i)
        w[i] = cmul(mm[i][0], v[0]) + cmul(mm[i][1], v[1]) +
               cmul(mm[i][2], v[2]) + cmul(mm[i][3], v[3]);
      a[b] = w[0];
      a[b | o1] = w[1];
      a[b | o2] = w[2];
      a[b | o3] = w[3];
    }
  });
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
        s += cmul(m(Eigen::Index(r), Eigen::Index(c)), v[c]);
      w[r] = s;
    }
    for (std::size_t i = 0; i < dim; ++i)
      a[b | l.offset[i]] = w[i];
  }
}

Kernel chooseKernel(const Eigen::MatrixXcd &m) {
  Kernel k;
  if (isDiagonal(m))
    k.kind = Kernel::Kind::Diagonal;
  else if (isMonomial(m, k.row))
    k.kind = Kernel::Kind::Monomial;
  else if (m.rows() == 2)
    k.kind = Kernel::Kind::Dense1;
  else if (m.rows() == 4)
    k.kind = Kernel::Kind::Dense2;
  else
    k.kind = Kernel::Kind::General;
  return k;
}

void runKernel(const Kernel &k, Complex *a, const Layout &l,
               const Eigen::MatrixXcd &m, u64 j0, u64 j1) {
  switch (k.kind) {
  case Kernel::Kind::Diagonal:
    return kernelDiagonal(a, l, m, j0, j1);
  case Kernel::Kind::Monomial:
    return kernelMonomial(a, l, m, k.row, j0, j1);
  case Kernel::Kind::Dense1:
    return kernel1(a, l, m, j0, j1);
  case Kernel::Kind::Dense2:
    return kernel2(a, l, m, j0, j1);
  case Kernel::Kind::General:
    return kernelGeneral(a, l, m, j0, j1);
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
  // Small states never split a gate: no helper threads to start.
  const unsigned threads = numThreads ? numThreads : defaultThreads();
  pool = std::make_unique<WorkerPool>(
      (u64(1) << n) >= 2 * kParallelThreshold ? threads : 1);
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
  pool->parallelFor(l.groups,
                    [&](u64 j0, u64 j1, unsigned) { runKernel(k, a, l, m, j0, j1); });
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
    throw Error("circuit has " + std::to_string(circuit.numQubits) +
                " qubits, the state " + std::to_string(n));
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
    while (j < ops.size() &&
           std::popcount(mask | qubitMask(ops[j])) <= kBlockQubits)
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
void StateVector::runBlocked(const Operation *first, std::size_t count,
                             std::uint64_t mask) {
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
