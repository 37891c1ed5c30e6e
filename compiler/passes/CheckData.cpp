//===- CheckData.cpp - A numeric model's stated assumptions vs its data ---===//
//
// A spec states facts about its data that the lowering builds on: kappa
// bounds a matrix function's condition number (the polynomial's gap), and
// `matrix exp` / `matrix invsqrt` act on eigenvalues, so their operand is
// symmetric. A false fact gives a circuit far outside its epsilon, so when
// every value can be evaluated exactly (numeric data) each one is measured
// first and a false one is refused with the measured number. Symbolic
// models state them unchecked (docs/dsl.md).
//
//===----------------------------------------------------------------------===//
#include "Lowering.h"

#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cmath>

namespace qsvtc::passes {

namespace {

using Eigen::MatrixXd;

[[noreturn]] void refuse(const ir::Operation &op, const std::string &message) {
  throw ir::locatedError(op.location, "'matrix " + ops::qt::functionName(op) + "' " + message);
}

/// Eigenvalue functions need A = A^T; entries typed to 17 digits are
/// symmetric to the last bit, so the tolerance only absorbs arithmetic
/// upstream (scales, sums, products).
void checkSymmetric(const ir::Operation &op, const MatrixXd &a) {
  if (a.rows() != a.cols())
    refuse(op, "acts on eigenvalues: its operand must be square, got " + std::to_string(a.rows()) +
                   " x " + std::to_string(a.cols()));
  const double asym = (a - a.transpose()).cwiseAbs().maxCoeff();
  const double size = std::max(a.cwiseAbs().maxCoeff(), 1e-300);
  if (asym > 1e-10 * size)
    refuse(op, "acts on eigenvalues: its operand must be symmetric, but max |A - A^T| = " +
                   ir::formatFloat(asym) + " (max |A| = " + ir::formatFloat(size) +
                   ") on this data");
}

/// kappa >= sigma_max / sigma_min (|lambda| for invsqrt), measured.
void checkKappa(const ir::Operation &op, const MatrixXd &a, bool eigen) {
  Eigen::VectorXd s = eigen ? Eigen::VectorXd(Eigen::SelfAdjointEigenSolver<MatrixXd>(
                                                  (a + a.transpose()) / 2, Eigen::EigenvaluesOnly)
                                                  .eigenvalues()
                                                  .cwiseAbs())
                            : Eigen::VectorXd(Eigen::JacobiSVD<MatrixXd>(a).singularValues());
  if (s.size() == 0)
    return;
  const double largest = s.maxCoeff(), smallest = s.minCoeff();
  const double kappa = ops::qt::kappa(op).value();
  const double cond = smallest > 0 ? largest / smallest : HUGE_VAL;
  if (!(kappa >= cond * (1 - 1e-9)))
    refuse(op,
           "has kappa = " + ir::formatFloat(kappa) + ", but its operand's condition number is " +
               ir::formatFloat(cond) + " on this data (largest " +
               std::string(eigen ? "|eigenvalue| " : "singular value ") + ir::formatFloat(largest) +
               ", smallest " + ir::formatFloat(smallest) + "); give kappa >= the condition number");
}

} // namespace

void checkDataAssumptions(const ir::Module &module) {
  // The exact forward pass only for a model with something to check.
  const bool any = std::any_of(module.operations.begin(), module.operations.end(),
                               [](const auto &op) { return ops::is<ops::qt::Matfn>(*op); });
  if (!any)
    return;
  std::map<const ir::Value *, MatrixXd> values;
  try {
    values = interp::evaluateValues(module);
  } catch (const NotSupportedError &) {
    return; // symbolic data or an op the interpreter cannot evaluate
  }
  for (const auto &op : module.operations) {
    if (!ops::is<ops::qt::Matfn>(*op))
      continue;
    const MatrixXd &a = values.at(op->operands[0]);
    const std::string &fn = ops::qt::functionName(*op);
    if (fn == "exp" || fn == "invsqrt")
      checkSymmetric(*op, a);
    if (ops::qt::kappa(*op) && (fn == "inverse" || fn == "invsqrt" || fn == "sign"))
      checkKappa(*op, a, fn == "invsqrt");
  }
}

} // namespace qsvtc::passes
