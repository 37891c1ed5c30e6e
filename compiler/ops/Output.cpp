//===- Output.cpp - qsvt.output: a circuit output and its error bound -----===//
//
// No result: the emitter writes one circuit per output, AllocateError
// splits its epsilon, resources count per output. It has no value or gate
// of its own.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

namespace qsvtc::ops {

namespace {

[[noreturn]] void noResult(const ir::Operation &op) {
  throw InternalError(op.location.str() + ": '" + op.getName() + "' has no result");
}

} // namespace

ir::OpDefinition Output::definition() const {
  return {name,
          "a circuit output with its error bound",
          1,
          1,
          false,
          {{"epsilon", AttrKind::Number, true}, {"name", AttrKind::String, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            checkOutputEpsilon(op);
            if (operandType(op, 0).isTensor())
              fail("operand must be a block encoding or a state");
            return std::nullopt;
          }};
}

Bounds Output::bounds(const ir::Operation &op, const OperandBounds &, double) const {
  noResult(op);
}

std::vector<double> Output::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Output::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Output::evaluate(const ir::Operation &op, const OperandValue &,
                                 interp::Semantics) const {
  noResult(op);
}

backend::Encoded Output::emit(const ir::Operation &op, EmitContext &, const std::string &,
                              int) const {
  noResult(op);
}

bool Output::mixesRegisters() const { return false; }

std::vector<double> Output::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
