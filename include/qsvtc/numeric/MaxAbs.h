//===- MaxAbs.h - max |p| on [-1, 1], located and bounded ------*- C++ -*-===//
//
// QSP takes a polynomial only if |p| < 1 on all of [-1, 1], and near 1 every
// solver's cost grows like 1 / (1 - max|p|). A max over a sampling grid can
// miss the peak by ~1e-5 relative and let 1 + 3e-6 through. This finds the
// maximum with a rigorous upper bound: in theta (x = cos theta) the
// polynomial is a cosine sum whose value and first three derivatives on a
// dense grid come from four DCTs; on each grid cell a cubic Taylor model
// plus the fourth-order remainder (sum k^4 |c_k| h^4 / 24) and a rounding
// term bounds |p|, and cells whose bound could hold the maximum are
// subdivided, their models re-evaluated by Clenshaw, until the bound and a
// value actually attained meet (docs/phases.md, "max|p|").
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_MAXABS_H
#define QSVTC_NUMERIC_MAXABS_H

#include <vector>

namespace qsvtc::numeric {

struct MaxAbs {
  double value = 0;     ///< |p(at)|: the largest value found at a point (attained, to rounding)
  double at = 1;        ///< that point x in [-1, 1]
  double upper = 0;     ///< max|p| <= upper, rigorously (Taylor remainder and rounding included)
  int refinedCells = 0; ///< grid cells subdivided to close the gap
  /// False when the refinement's budget (~1 s) ran out first (many nearly
  /// equal peaks near `decide`), or above degree 8192, where only a grid of
  /// 8 (d + 1) points is sampled. `upper` is still a bound, but a loose
  /// one; `value` is attained as always.
  bool complete = true;
};

/// max |p| on [-1, 1] for p = sum_k coef[k] T_k. Cells are refined until
/// upper - value <= tol, where tol shrinks with the distance to `decide`:
/// max(1e-15 sum|c_k|, 0.05 |decide - value|), or until the rounding bound
/// (~8 d eps sum|c_k|) stops them. So `value < decide <= upper` is left open
/// only within rounding of `decide`, and 1 - max|p| is known to ~5%
/// whenever it is larger than that (enough for messages and grid sizes).
MaxAbs maxAbsChebyshev(const std::vector<double> &coef, double decide = 1.0);

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_MAXABS_H
