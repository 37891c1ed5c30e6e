//===- QtBoundaries.cpp - qt.block_output and qt.output -------------------===//
//
// A block's output marks a layer boundary (lowered to a readout); a model
// output carries the error bound its circuit must meet.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "qsvtc/ops/QtOps.h"

namespace qsvtc::ops::qt {

const std::string &blockName(const ir::Operation &blockOutput) {
  return blockOutput.getAttr("block").getString();
}

ir::OpDefinition BlockOutput::definition() const {
  return {name,
          "the output of one copy of a block: a layer boundary",
          1,
          1,
          true,
          {{"block", AttrKind::String, true}},
          [](const ir::Operation &op) -> std::optional<ir::Type> { return tensorOperand(op, 0); }};
}

Eigen::MatrixXd BlockOutput::reference(const ir::Operation &, const OperandValue &in) const {
  return in(0);
}

ir::OpDefinition Output::definition() const {
  return {name,
          "a model output with its error bound",
          1,
          1,
          false,
          {{"epsilon", AttrKind::Number, true}, {"name", AttrKind::String, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            checkOutputEpsilon(op);
            tensorOperand(op, 0);
            return std::nullopt;
          }};
}

Eigen::MatrixXd Output::reference(const ir::Operation &, const OperandValue &in) const {
  return in(0);
}

} // namespace qsvtc::ops::qt
