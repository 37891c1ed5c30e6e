//===- PolyTarget.h - What a qsvt.poly op asks the approximator -*- C++ -*-===//
//
// A qsvt.poly op applies a function g to its operand B (block encoding with
// normalisation alpha): to every entry (element-wise, by Hadamard powers)
// or to the singular values / eigenvalues (QSVT). The circuit evaluates a
// polynomial p of u = B / alpha in [-1, 1] with p ~ s f, where f is a
// catalog function with g(alpha u) = factor * f(u) and s <= 1 keeps
// max|p| below 1. So the encoded result is M = (factor / s) p(B / alpha).
// This file derives f, factor, s, the Lipschitz constant of g (for error
// propagation) and, for 1/x and 1/sqrt(x), the spectral gap from the
// entry lower bounds of the operand's construction (docs/lowering.md).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_POLYTARGET_H
#define QSVTC_COMPILER_PASSES_POLYTARGET_H

#include "DataFacts.h"
#include "qsvtc/approx/TargetFunction.h"

namespace qsvtc::passes {

/// Headroom below 1 for max|p| (the approximation engine's default eta).
constexpr double PolyEta = 1e-3;
/// Amplification leaves alpha = (1 + margin) * norm bound: a smaller margin
/// costs degree ~ 1 / margin.
constexpr double AmplifyMargin = 0.5;

struct PolyTarget {
  approx::TargetFunction f; // catalog function of u = B / alpha on its domain
  double factor = 1;        // g(alpha u) = factor * f(u)
  double scale = 1;         // s the engine will use: min(1, (1 - eta) / max|f|)
  /// |g(a) - g(b)| <= L |a - b| on the operand's range, which is also the
  /// Lipschitz constant of B -> g(B) in the Frobenius norm (element-wise;
  /// for QSVT, of eigenvalues or, odd g, of singular values).
  double lipschitz = 0;
  /// Frobenius-norm error of M per unit of sup |p - s f|: factor / s times
  /// frobeniusFactor (entrywise errors, or the rank's singular values).
  double errorGain = 1;
  /// Frobenius-norm error of the result from the smoothing itself (ReLU as
  /// softplus), outside the polynomial's share.
  double smoothingError = 0;
  /// The op is the identity (an amplification that is not needed).
  bool identity = false;
  /// The scale that sets the degree: 1/delta for functions with a gap
  /// (degree ~ log(1/eps) / delta), the window's slope k for amplification
  /// (~ k sqrt(log(1/eps))); 0 for smooth functions (low degree).
  double steepness = 0;
  /// The spectral gap the domain excludes around 0 (1/x, 1/sqrt(x),
  /// sign), 0 for other functions: spectralGap's value when chosen.
  double gap = 0;
};

/// The target of `poly` given its operand's current alpha; `epsilon` is the
/// spectral error allowed on its result (ReLU's sharpness depends on it).
/// Throws qsvtc::Error naming the op when no gap can be proven. The gap is
/// the larger of the structural bound and the data's (`facts`).
PolyTarget polyTarget(const ir::Operation &poly, double epsilon, const DataFacts &facts);

/// For 1/x, 1/sqrt(x) and sign on a diagonal or a matrix: the gap below
/// which the operand has no singular values (its `param`, or the entry
/// lower bounds of the diagonal's construction), replaced by the data's
/// where known; 0 for other functions. Throws like polyTarget when there
/// is none. It depends on the alphas upstream, not only the operand's
/// (softmax's exponentials are shifted by their operand's alpha).
double spectralGap(const ir::Operation &poly, const DataFacts &facts);
/// sqrt(R C) for an element-wise op on an R x C operand (one error per
/// entry), sqrt(min(R, C)) for QSVT (one per singular value): the Frobenius
/// norm of an error that is at most 1 per entry or in the spectral norm.
double frobeniusFactor(const ir::Type &operand, bool elementwise);

/// A lower bound on every entry of the matrix `value` encodes, from its
/// construction (-inf when nothing is known).
double entryLowerBound(const ir::Value *value);

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_POLYTARGET_H
