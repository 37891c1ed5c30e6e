//===- Kernels.h - The simulator's per-gate loops ---------------*- C++ -*-===//
//
// Index arithmetic. For an operation on target bits T and control bits C
// (together the "fixed" bits F, sorted ascending), the amplitude groups are
// enumerated by j in [0, 2^(n-|F|)): insert a zero at each position of F
// into j (lowest first) and OR in the control values; that is the group's
// base index. Member b of the group (b in [0, 2^k)) is base | offset[b],
// where offset[b] sets target bit t_i when bit i of b is set. Callers may
// split [0, groups) into disjoint ranges (threads): the groups are disjoint,
// so no synchronisation is needed inside a gate. Private to runtime/.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_KERNELS_H
#define QSVTC_RUNTIME_KERNELS_H

#include "qsvtc/runtime/Circuit.h"

#include <cstdint>
#include <vector>

namespace qsvtc::runtime::kernels {

using u64 = std::uint64_t;

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

/// The layout of `op` in an n-qubit state.
Layout makeLayout(const Operation &op, int n);

/// A cheaper equivalent of `op` (see Kernels.cpp).
Operation simplify(const Operation &op);

/// Which loop applies a matrix: chosen once per operation.
struct Kernel {
  enum class Kind { Diagonal, Monomial, Dense1, Dense2, General } kind;
  std::vector<int> row; ///< Monomial: the row of each column's entry
};

Kernel chooseKernel(const Eigen::MatrixXcd &m);

/// Applies `m` (laid out by `l`) to the groups [j0, j1) of amplitudes `a`.
void runKernel(const Kernel &k, Complex *a, const Layout &l, const Eigen::MatrixXcd &m, u64 j0,
               u64 j1);

} // namespace qsvtc::runtime::kernels

#endif // QSVTC_RUNTIME_KERNELS_H
