//===- LowerMatrixFunction.cpp - QSVT of singular values / eigenvalues ----===//
//
// `matrix f(A)` becomes one QSVT polynomial of A's block encoding: exp on
// the eigenvalues of a symmetric A, 1/x (pseudo-inverse) and sign on the
// singular values, 1/sqrt(x) on the eigenvalues. 1/x, 1/sqrt(x) and sign
// need a gap: kappa bounds alpha / sigma_min, so the spectrum lies outside
// (-alpha/kappa, alpha/kappa); the inverse is the adjoint of the odd
// polynomial's block. A user polynomial (matrix poly) is not
// lowered yet.
//
//===----------------------------------------------------------------------===//
#include "Lowering.h"

#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"

namespace qsvtc::passes {

bool lowerMatrixFunction(Rewriter &rw, ir::Operation &op) {
  if (!ops::is<ops::qt::Matfn>(op) || !operandsReady(op))
    return false;
  const std::string &fn = ops::qt::functionName(op);
  if (fn == "poly")
    throw NotSupportedError(op.location.str() +
                            ": lowering 'matrix poly' (a user polynomial) is not supported yet");
  ir::Value *a = blockOperand(rw, op, 0);
  ops::PolySpec spec{fn};
  if (fn == "inverse" || fn == "invsqrt" || fn == "sign") {
    const std::optional<double> kappa = ops::qt::kappa(op);
    if (!kappa)
      throw ir::locatedError(
          op.location,
          "'matrix " + fn +
              "' needs kappa = (a bound on alpha / smallest singular value) to be lowered");
    spec.gap = a->type.alpha / *kappa;
  }
  ir::Value *f = polynomial(rw, a, spec, op.location);
  // The odd polynomial 1/x makes U p(S) V^T, shaped like A = U S V^T; the
  // pseudo-inverse V S^-1 U^T is its transpose (A's are real).
  if (fn == "inverse")
    f = rw.create(ops::Adjoint::name, {f}, {}, {}, op.location);
  rw.replaceWithBlock(op, f);
  return true;
}

} // namespace qsvtc::passes
