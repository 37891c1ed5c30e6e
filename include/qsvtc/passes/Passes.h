//===- Passes.h - The passes of qsvtc ---------------------------*- C++ -*-===//
//
// One factory per pass; PassRegistry.cpp registers them under their names.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_PASSES_PASSES_H
#define QSVTC_PASSES_PASSES_H

#include "qsvtc/passes/PassManager.h"

namespace qsvtc::passes {

/// canonicalize: folds scale(scale(x)), scale(x, 1), transpose(transpose(x)).
PassInfo createCanonicalizePass();
/// dce: removes ops whose results are unused (model inputs stay).
PassInfo createDeadCodePass();

/// The lowerings from the qt dialect to the qsvt dialect (docs/lowering.md).
PassInfo createLowerLinearPass();
PassInfo createLowerSoftmaxPass();
PassInfo createLowerNormPass();
PassInfo createLowerActivationPass();
PassInfo createLowerMatrixFunctionPass();
PassInfo createLowerToQsvtPass();

/// allocate-error: each poly op's share of its outputs' epsilon.
PassInfo createAllocateErrorPass();
/// approximate: certified polynomials for the poly ops (re-splits the
/// budget as alphas settle).
PassInfo createApproximatePass();
/// estimate-degrees: approximate's budget and types with estimated degrees
/// and no polynomials (resources of symbolic models).
PassInfo createEstimateDegreesPass();
/// find-phases: QSP phases for the QSVT polynomials (poly -> phases ops).
PassInfo createFindPhasesPass();

} // namespace qsvtc::passes

#endif // QSVTC_PASSES_PASSES_H
