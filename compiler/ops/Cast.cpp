//===- Cast.cpp - qsvt.cast: a tensor seen as the block encoding it -------===//
//
// Only between lowerings: a module ready for a circuit has none left.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

namespace qsvtc::ops {

ir::OpDefinition Cast::definition() const {
  return {name,
          "a tensor seen as the block that encodes it, or back (between lowerings)",
          1,
          1,
          true,
          {},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &from = operandType(op, 0);
            const ir::Type &to = resultType(op);
            if (from.isState() || to.isState() || from.isTensor() == to.isTensor())
              fail("casts a tensor to a block or back, got " + from.str() + " to " + to.str());
            const ir::Type &tensor = from.isTensor() ? from : to;
            const ir::Type &block = from.isTensor() ? to : from;
            if (ir::encodedShape(tensor) != block.shape)
              fail(tensor.str() + " is not encoded by " + block.str());
            return to;
          }};
}

Bounds Cast::bounds(const ir::Operation &, const OperandBounds &, double alpha) const {
  return alphaBounds(alpha);
}

std::vector<double> Cast::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Cast::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Cast::evaluate(const ir::Operation &op, const OperandValue &,
                               interp::Semantics) const {
  notEvaluated(op, "'" + op.getName() + "'");
}

backend::Encoded Cast::emit(const ir::Operation &op, EmitContext &, const std::string &,
                            int) const {
  noCircuit(op);
}

bool Cast::mixesRegisters() const { return false; }

std::vector<double> Cast::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
