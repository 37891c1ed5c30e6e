//===- QtFunctions.cpp - qt.elementwise and qt.matfn ----------------------===//
//
// An element-wise function maps every entry (approx/Activations.h lists
// them); a matrix function maps singular values (odd: sign, inverse) or
// eigenvalues (exp, invsqrt, poly), which QSVT does.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ops/QtOps.h"

#include <cmath>

namespace qsvtc::ops::qt {

namespace {

using Eigen::MatrixXd;

std::optional<ir::Type> verifyMatfn(const ir::Operation &op) {
  const ir::Type &a = tensorOperand(op, 0);
  std::string fn =
      oneOfNames(op.getAttr("fn").getString(), matrixFunctionNames(), "matrix function");
  if (a.rank() != 2)
    fail("a matrix function needs a matrix operand, got " + a.str());
  if (fn == "poly" && !op.hasAttr("coef"))
    fail("fn = \"poly\" needs attribute 'coef' (Chebyshev coefficients)");
  if (op.hasAttr("kappa") && positive(op, "kappa") < 1)
    fail("'kappa' (condition number bound) must be >= 1");
  // Odd functions map the singular values of an m x n matrix and keep its
  // shape; the inverse is n x m; the rest act on eigenvalues (square).
  if (fn == "inverse")
    return ir::Type::tensor({a.shape[1], a.shape[0]});
  if (fn != "sign" && a.shape[0] != a.shape[1])
    fail("matrix function '" + fn + "' acts on eigenvalues and needs a square matrix, got " +
         a.str());
  return a;
}

/// f of the eigenvalues of the symmetric part (the lowering requires a
/// symmetric operand for eigenvalue functions).
template <typename F> MatrixXd eigenFunction(const MatrixXd &a, F f) {
  Eigen::SelfAdjointEigenSolver<MatrixXd> es((a + a.transpose()) / 2);
  Eigen::VectorXd v = es.eigenvalues().unaryExpr(f);
  return es.eigenvectors() * v.asDiagonal() * es.eigenvectors().transpose();
}

} // namespace

const std::vector<std::string> &matrixFunctionNames() {
  static const std::vector<std::string> names = {"exp", "inverse", "invsqrt", "sign", "poly"};
  return names;
}

const std::string &functionName(const ir::Operation &op) { return op.getAttr("fn").getString(); }

std::optional<double> kappa(const ir::Operation &matfn) {
  if (!matfn.hasAttr("kappa"))
    return std::nullopt;
  return matfn.getAttr("kappa").getNumber();
}

ir::OpDefinition Elementwise::definition() const {
  return {name,
          "a function applied to every entry",
          1,
          1,
          true,
          {{"fn", AttrKind::String, true}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            static const std::vector<std::string> names = approx::dslActivationNames();
            oneOfNames(op.getAttr("fn").getString(), names, "element-wise function");
            return tensorOperand(op, 0);
          }};
}

Eigen::MatrixXd Elementwise::reference(const ir::Operation &op, const OperandValue &in) const {
  const std::string &fn = op.getAttr("fn").getString();
  return in(0).unaryExpr([&](double x) { return interp::elementwise(fn, x); });
}

ir::OpDefinition Matfn::definition() const {
  return {name,
          "a function of a matrix's singular values or eigenvalues (QSVT)",
          1,
          1,
          true,
          {{"fn", AttrKind::String, true},
           {"coef", AttrKind::List, false},
           {"kappa", AttrKind::Number, false}},
          verifyMatfn};
}

Eigen::MatrixXd Matfn::reference(const ir::Operation &op, const OperandValue &in) const {
  const MatrixXd &a = in(0);
  const std::string &fn = op.getAttr("fn").getString();
  if (fn == "exp")
    return eigenFunction(a, [](double x) { return std::exp(x); });
  if (fn == "invsqrt")
    return eigenFunction(a, [](double x) { return 1 / std::sqrt(std::fabs(x)); });
  Eigen::JacobiSVD<MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  if (fn == "sign")
    return svd.matrixU() * svd.matrixV().transpose();
  if (fn == "inverse") {
    Eigen::VectorXd s = svd.singularValues();
    double cut = s.size() ? s(0) * 1e-12 : 0;
    for (Eigen::Index i = 0; i < s.size(); ++i)
      s(i) = s(i) > cut ? 1 / s(i) : 0;
    return svd.matrixV() * s.asDiagonal() * svd.matrixU().transpose();
  }
  notInReference(op, "'matrix " + fn + "'");
}

} // namespace qsvtc::ops::qt
