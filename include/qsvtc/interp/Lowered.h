//===- Lowered.h - What every qsvt value encodes, classically --*- C++ -*-===//
//
// Evaluates a lowered module op by op in double precision: the matrix M
// each block value encodes (its circuit's block is M / alpha). Two
// semantics for polynomial ops:
//  - Exact: the function the op stands for (exp, 1/x, GELU, the identity
//    for amplification, ...), so the result is the model's value reached
//    through the lowering's algebra; the approximate pass reads gaps and
//    norms of the actual data from it;
//  - Polynomial: (factor / scale) p(B / alpha_in) with the op's certified
//    Chebyshev coefficients, entrywise or on the spectrum, i.e. what the
//    circuit computes up to its phase factors' error. Tests check that it
//    is within the output epsilon of the exact forward pass (Reference.h).
// Matrices are unpadded (R x C, vectors as columns).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_INTERP_LOWERED_H
#define QSVTC_INTERP_LOWERED_H

#include "qsvtc/ir/Module.h"

#include <Eigen/Dense>

#include <map>

namespace qsvtc::interp {

enum class Semantics { Exact, Polynomial };

using BlockValues = std::map<const ir::Value *, Eigen::MatrixXd>;

/// M for every block value of `module`. Throws NotSupportedError for ops
/// or data it cannot evaluate (symbolic data, casts, convolutions) and
/// Error when Polynomial semantics meet an op not yet approximated.
BlockValues evaluateLowered(const ir::Module &module, Semantics semantics);

/// The value of each qsvt.output, in order.
std::vector<Eigen::MatrixXd> loweredOutputs(const ir::Module &module, Semantics semantics);

} // namespace qsvtc::interp

#endif // QSVTC_INTERP_LOWERED_H
