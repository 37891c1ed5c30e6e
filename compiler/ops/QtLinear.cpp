//===- QtLinear.cpp - qt.matmul, qt.transpose, qt.scale, qt.add -----------===//
#include "Common.h"

#include "qsvtc/ops/QtOps.h"

namespace qsvtc::ops::qt {

ir::OpDefinition Matmul::definition() const {
  return {name, "matrix product", 2, 2, true, {}, [](const ir::Operation &op) {
            const ir::Type &a = tensorOperand(op, 0), &b = tensorOperand(op, 1);
            if (a.rank() > 2 || b.rank() > 2)
              fail("operands must be vectors or matrices, got " + a.str() + " and " + b.str());
            int64_t inner = a.shape.back();
            int64_t bInner = b.shape.front();
            if (inner != bInner)
              fail("inner dimensions differ: " + a.str() + " @ " + b.str());
            std::vector<int64_t> shape;
            if (a.rank() == 2)
              shape.push_back(a.shape[0]);
            if (b.rank() == 2)
              shape.push_back(b.shape[1]);
            if (shape.empty())
              shape.push_back(1); // vector . vector: a 1-entry tensor
            return std::optional<ir::Type>(ir::Type::tensor(shape));
          }};
}

/// A @ B with docs/dsl.md's vector rule: a vector (held as a column) on the
/// left acts as a row; a vector result is held as a column again.
Eigen::MatrixXd Matmul::reference(const ir::Operation &op, const OperandValue &in) const {
  const bool leftVector = op.operands[0]->type.rank() == 1;
  Eigen::MatrixXd r =
      leftVector ? Eigen::MatrixXd(in(0).transpose() * in(1)) : Eigen::MatrixXd(in(0) * in(1));
  if (op.getResult()->type.rank() == 1 && r.rows() == 1)
    r.transposeInPlace();
  return r;
}

ir::OpDefinition Transpose::definition() const {
  return {name, "matrix transpose", 1, 1, true, {}, [](const ir::Operation &op) {
            const ir::Type &a = tensorOperand(op, 0);
            if (a.rank() != 2)
              fail("operand must be a matrix, got " + a.str());
            return std::optional<ir::Type>(ir::Type::tensor({a.shape[1], a.shape[0]}));
          }};
}

Eigen::MatrixXd Transpose::reference(const ir::Operation &, const OperandValue &in) const {
  return in(0).transpose();
}

double scaleFactor(const ir::Operation &scale) { return scale.getAttr("factor").getNumber(); }

void setScaleFactor(ir::Operation &scale, double factor) {
  scale.attributes["factor"] = ir::Attribute(factor);
}

ir::OpDefinition Scale::definition() const {
  return {name,
          "multiplication by a scalar",
          1,
          1,
          true,
          {{"factor", AttrKind::Number, true}},
          [](const ir::Operation &op) -> std::optional<ir::Type> { return tensorOperand(op, 0); }};
}

Eigen::MatrixXd Scale::reference(const ir::Operation &op, const OperandValue &in) const {
  return scaleFactor(op) * in(0);
}

ir::OpDefinition Add::definition() const {
  return {name,
          "sum of two tensors of one shape",
          2,
          2,
          true,
          {},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = tensorOperand(op, 0);
            for (std::size_t i = 1; i < op.operands.size(); ++i)
              if (tensorOperand(op, i) != a)
                fail("operand shapes differ: " + a.str() + " and " + operandType(op, i).str());
            return a;
          }};
}

Eigen::MatrixXd Add::reference(const ir::Operation &, const OperandValue &in) const {
  return in(0) + in(1);
}

} // namespace qsvtc::ops::qt
