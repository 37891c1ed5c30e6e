//===- QtAttention.cpp - qt.attention: softmax(Q K^T / sqrt(d/h)) V -------===//
#include "Common.h"

#include "qsvtc/ops/QtOps.h"

#include <cmath>
#include <limits>

namespace qsvtc::ops::qt {

namespace {

using Eigen::MatrixXd;

std::optional<ir::Type> verifyAttention(const ir::Operation &op) {
  const ir::Type &q = tensorOperand(op, 0), &k = tensorOperand(op, 1), &v = tensorOperand(op, 2);
  for (const ir::Type *t : {&q, &k, &v})
    if (t->rank() != 2)
      fail("query, key and value must be matrices [seq, d]");
  if (q.shape[1] != k.shape[1])
    fail("query and key widths differ: " + q.str() + " and " + k.str());
  if (k.shape[0] != v.shape[0])
    fail("key and value lengths differ: " + k.str() + " and " + v.str());
  int64_t heads = op.getAttr("heads").getInt();
  if (heads < 1 || q.shape[1] % heads != 0 || v.shape[1] % heads != 0)
    fail("heads = " + std::to_string(heads) + " must divide the widths " +
         std::to_string(q.shape[1]) + " and " + std::to_string(v.shape[1]));
  if (op.hasAttr("causal")) { // seed 000 Cor. 1: token j sees tokens 0..j
    if (op.getAttr("causal").getInt() != 1)
      fail("causal must be 1 (or absent), got " + op.getAttr("causal").str());
    if (q.shape[0] != k.shape[0])
      fail("causal attention needs as many queries as keys, got " + q.str() + " and " + k.str());
  }
  return ir::Type::tensor({q.shape[0], v.shape[1]});
}

} // namespace

int64_t heads(const ir::Operation &attention) { return attention.getAttr("heads").getInt(); }

bool isCausal(const ir::Operation &attention) { return attention.hasAttr("causal"); }

ir::OpDefinition Attention::definition() const {
  return {name,
          "multi-head attention softmax(Q K^T / sqrt(d/h)) V",
          3,
          3,
          true,
          {{"heads", AttrKind::Int, true}, {"causal", AttrKind::Int, false}},
          verifyAttention};
}

Eigen::MatrixXd Attention::reference(const ir::Operation &op, const OperandValue &in) const {
  const MatrixXd &q = in(0), &k = in(1), &v = in(2);
  int64_t heads = op.getAttr("heads").getInt();
  Eigen::Index dh = q.cols() / heads, dv = v.cols() / heads;
  MatrixXd out(q.rows(), v.cols());
  const bool causal = op.hasAttr("causal");
  for (int64_t h = 0; h < heads; ++h) {
    MatrixXd scores = q.middleCols(h * dh, dh) * k.middleCols(h * dh, dh).transpose() /
                      std::sqrt(static_cast<double>(dh));
    if (causal) // token j attends to tokens 0..j: the rest weigh e^{-inf} = 0
      for (Eigen::Index j = 0; j < scores.rows(); ++j)
        for (Eigen::Index l = j + 1; l < scores.cols(); ++l)
          scores(j, l) = -std::numeric_limits<double>::infinity();
    out.middleCols(h * dv, dv) = rowSoftmax(scores) * v.middleCols(h * dv, dv);
  }
  return out;
}

} // namespace qsvtc::ops::qt
