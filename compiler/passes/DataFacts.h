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
// this data. Symbolic models get no facts; their norm bounds follow the
// structure instead (structuralNorm: products, sums, amplifications' known
// norms), which is what lets amplification work without data.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_DATAFACTS_H
#define QSVTC_COMPILER_PASSES_DATAFACTS_H

#include "qsvtc/ir/Module.h"

#include <unordered_map>

namespace qsvtc::passes {

class DataFacts {
public:
  DataFacts() = default; ///< no data: every bound falls back to the IR's
  /// Evaluates `module` exactly if it can (numeric data, supported ops).
  explicit DataFacts(const ir::Module &module);

  /// An upper bound on ||M_v||_2: min(alpha, 1.5 ||M_v||) with data, else
  /// min(alpha, structuralNorm(v)).
  double normBound(const ir::Value *v) const;
  /// Half the smallest singular value of M_v (for a diagonal, of its
  /// entries' magnitudes), or 0 when unknown.
  double gapBound(const ir::Value *v) const;

  /// A bound on ||M_v||_2 from v's construction: |AB| <= |A||B|,
  /// |sum c_i A_i| <= sum |c_i||A_i|, |vec A| = |A|_F <= sqrt(min(R, C))|A|,
  /// an amplification's `param`; a polynomial's or an encoding's alpha.
  static double structuralNorm(const ir::Value *v);

private:
  struct Fact {
    double norm = 0, smallest = 0;
  };
  std::unordered_map<const ir::Value *, Fact> facts;
};

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_DATAFACTS_H
