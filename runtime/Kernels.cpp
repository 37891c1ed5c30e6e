//===- Kernels.cpp - The simulator's per-gate loops -----------------------===//
//
// One loop per matrix shape: diagonal (phases only, entries equal to 1
// skipped), monomial (a permutation with phases: x, cx, swap), dense 2x2,
// dense 4x4 and general. Amplitudes whose indices are consecutive are
// processed as runs, which the compiler vectorises.
//
// Complex products are spelled out in real arithmetic (cmul) so the compiler
// does not route them through the NaN-checking __muldc3 slow path.
//
//===----------------------------------------------------------------------===//
#include "Kernels.h"

#include <algorithm>
#include <bit>

namespace qsvtc::runtime::kernels {

namespace {

inline Complex cmul(Complex a, Complex b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
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
template <typename Fn> inline void forRuns(const Layout &l, u64 j0, u64 j1, Fn fn) {
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
void rotateRun(Complex *__restrict x, Complex *__restrict y, u64 len, const Complex *m) {
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

void kernelDiagonal(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0, u64 j1) {
  const std::size_t dim = l.offset.size();
  for (std::size_t i = 0; i < dim; ++i) {
    const Complex d = m(Eigen::Index(i), Eigen::Index(i));
    if (d == Complex(1))
      continue;
    const u64 off = l.offset[i];
    forRuns(l, j0, j1, [&](u64 b, u64 len) { scaleRun(a + (b | off), len, d); });
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
  if (dim == 4 && unitPhases && row[0] == 0 && row[1] == 2 && row[2] == 1 && row[3] == 3) {
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

void kernel1(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0, u64 j1) {
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
  forRuns(l, j0, j1, [&](u64 b, u64 len) { rotateRun(a + b, a + (b | t), len, mm); });
}

void kernel2(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0, u64 j1) {
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
        w[i] = cmul(mm[i][0], v[0]) + cmul(mm[i][1], v[1]) + cmul(mm[i][2], v[2]) +
               cmul(mm[i][3], v[3]);
      a[b] = w[0];
      a[b | o1] = w[1];
      a[b | o2] = w[2];
      a[b | o3] = w[3];
    }
  });
}

void kernelGeneral(Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0, u64 j1) {
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

} // namespace

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
  if (op.targets.size() == 1 && op.matrix(0, 1) == Complex(0) && op.matrix(1, 0) == Complex(0) &&
      op.matrix(0, 0) == Complex(1)) {
    Operation phase;
    phase.name = op.name;
    phase.controls = op.controls;
    phase.controls.push_back({op.targets[0], true});
    phase.matrix = op.matrix.block(1, 1, 1, 1);
    return phase;
  }
  return op;
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

void runKernel(const Kernel &k, Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0,
               u64 j1) {
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

} // namespace qsvtc::runtime::kernels
