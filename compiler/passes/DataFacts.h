//===- DataFacts.h - Norms and gaps of a numeric model's values -*- C++ -*-===//
//
// When every input and weight of a model is explicit, the lowered module's
// exact values (interp/Lowered.h) are known, and the error budget and the
// polynomials' domains can use the data's actual norms and spectral gaps
// instead of the worst-case bounds from alphas, which compound over
// products and make deep models' budgets underflow (docs/lowering.md).
// Margins: norms are taken 1.5x, gaps 0.5x, so the bounds hold for values
// within those factors of the exact ones (the approximations upstream are
// far closer). The circuit is then certified for this data, as it encodes
// this data. Symbolic models get no facts; their bounds follow the
// structure instead (structuralBounds: products, sums, amplifications'
// known norms, and the rows' norms a normalisation fixes), which is what
// lets amplification work without data.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_DATAFACTS_H
#define QSVTC_COMPILER_PASSES_DATAFACTS_H

#include "qsvtc/ir/Module.h"
#include "qsvtc/ops/Construction.h"

#include <unordered_map>

namespace qsvtc::passes {

class DataFacts {
public:
  DataFacts() = default; ///< no data: every bound falls back to the IR's
  /// Evaluates `module` exactly if it can (numeric data, supported ops).
  explicit DataFacts(const ir::Module &module);
  /// Re-evaluates when an alpha has changed since the last evaluation:
  /// exact values can depend on alphas (softmax's exponentials are
  /// shifted by their operand's alpha, which the polynomials upstream
  /// fix).
  void refresh(const ir::Module &module);

  /// An upper bound on ||M_v||_2: min(alpha, 1.5 ||M_v||) with data, else
  /// min(alpha, structuralNorm(v)).
  double normBound(const ir::Value *v) const;
  /// Half the smallest singular value of M_v (for a diagonal, of its
  /// entries' magnitudes), or 0 when unknown.
  double gapBound(const ir::Value *v) const;
  /// An upper bound on max |(M_v)_ij|: 1.5x the data's, else structural.
  double entryBound(const ir::Value *v) const;

  /// Upper bounds on a matrix's spectral norm, its rows' and columns'
  /// Euclidean norms and its entries' sizes.
  using Bounds = ops::Bounds;
  /// Bounds from v's construction (each op's Construction::bounds: |AB|
  /// <= |A||B|, |row_i(AB)| <= |row_i(A)||B|, |(AB)_ij| <=
  /// |row_i(A)||col_j(B)|, sums, vec/unvec and diagonals of entries, an
  /// amplification's `param` and `row_norm` (what a normalisation fixes);
  /// a polynomial's or an encoding's alpha bounds them all), then |M| <=
  /// sqrt(R) max|row| (Frobenius).
  /// Memoised until invalidate(): call it when alphas have changed.
  Bounds structuralBounds(const ir::Value *v) const;
  void invalidate() const { memo.clear(); }

private:
  struct Fact {
    double norm = 0, smallest = 0, entry = 0;
  };
  void evaluate(const ir::Module &module);
  std::unordered_map<const ir::Value *, Fact> facts;
  /// Every value's alpha when `facts` were evaluated.
  std::unordered_map<const ir::Value *, double> evaluatedAt;
  bool symbolic = false; ///< the module cannot be evaluated: no facts, ever
  mutable std::unordered_map<const ir::Value *, Bounds> memo;
};

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_DATAFACTS_H
