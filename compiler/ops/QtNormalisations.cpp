//===- QtNormalisations.cpp - qt.softmax, qt.layernorm, qt.rmsnorm --------===//
#include "Common.h"

#include "qsvtc/ops/QtOps.h"

#include <cmath>

namespace qsvtc::ops::qt {

namespace {

using Eigen::MatrixXd;

std::optional<ir::Type> verifyAxisOp(const ir::Operation &op) {
  const ir::Type &a = tensorOperand(op, 0);
  int64_t axis = op.getAttr("axis").getInt();
  if (axis < 0 || axis >= a.rank())
    fail("axis " + std::to_string(axis) + " is out of range for " + a.str());
  return a;
}

std::optional<ir::Type> verifyNorm(const ir::Operation &op) {
  if (op.hasAttr("epsilon"))
    positive(op, "epsilon");
  // min_std: a lower bound on every row's standard deviation (state mode).
  if (op.hasAttr("min_std"))
    positive(op, "min_std");
  return verifyAxisOp(op);
}

MatrixXd normalizeRows(const ir::Operation &op, const MatrixXd &x, bool center) {
  const NormParams p = normParams(op);
  const double eps = p.epsilon, gamma = p.gamma, beta = p.beta;
  MatrixXd y(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::RowVectorXd r = x.row(i);
    if (center)
      r.array() -= r.mean();
    double var = r.squaredNorm() / static_cast<double>(r.size());
    y.row(i) = (gamma / std::sqrt(var + eps)) * r.array() + beta;
  }
  return y;
}

/// `rowwise` applied along the op's axis: rows for the last axis of a
/// matrix, the column otherwise (axis 0; a vector is a column).
template <typename F> MatrixXd alongAxis(const ir::Operation &op, const MatrixXd &m, F rowwise) {
  if (axis(op) == 0)
    return rowwise(MatrixXd(m.transpose())).transpose();
  return rowwise(m);
}

std::vector<ir::AttrSpec> normAttributes(bool centred) {
  std::vector<ir::AttrSpec> specs = {{"axis", AttrKind::Int, true},
                                     {"gamma", AttrKind::Number, false}};
  if (centred)
    specs.push_back({"beta", AttrKind::Number, false});
  specs.push_back({"epsilon", AttrKind::Number, false});
  specs.push_back({"min_std", AttrKind::Number, false});
  return specs;
}

} // namespace

int64_t axis(const ir::Operation &op) { return op.getAttr("axis").getInt(); }

NormParams normParams(const ir::Operation &norm) {
  NormParams p;
  if (norm.hasAttr("gamma"))
    p.gamma = norm.getAttr("gamma").getNumber();
  if (norm.hasAttr("beta"))
    p.beta = norm.getAttr("beta").getNumber();
  if (norm.hasAttr("epsilon"))
    p.epsilon = norm.getAttr("epsilon").getNumber();
  if (norm.hasAttr("min_std"))
    p.minStd = norm.getAttr("min_std").getNumber();
  return p;
}

ir::OpDefinition Softmax::definition() const {
  return {name, "softmax along an axis", 1, 1, true, {{"axis", AttrKind::Int, true}}, verifyAxisOp};
}

Eigen::MatrixXd Softmax::reference(const ir::Operation &op, const OperandValue &in) const {
  return alongAxis(op, in(0), rowSoftmax);
}

ir::OpDefinition LayerNorm::definition() const {
  return {name, "layer normalisation along an axis", 1, 1, true, normAttributes(true), verifyNorm};
}

Eigen::MatrixXd LayerNorm::reference(const ir::Operation &op, const OperandValue &in) const {
  return alongAxis(op, in(0), [&](const MatrixXd &m) { return normalizeRows(op, m, true); });
}

ir::OpDefinition RmsNorm::definition() const {
  return {name, "RMS normalisation along an axis", 1, 1, true, normAttributes(false), verifyNorm};
}

Eigen::MatrixXd RmsNorm::reference(const ir::Operation &op, const OperandValue &in) const {
  return alongAxis(op, in(0), [&](const MatrixXd &m) { return normalizeRows(op, m, false); });
}

} // namespace qsvtc::ops::qt
