//===- Prepare.cpp - qsvt.prepare: an amplitude-encoded input state -------===//
//
// A state, not a block: the matrix-mode backend and interpreter have no
// value for it (state mode builds its own preparations, compiler/state/).
//
//===----------------------------------------------------------------------===//
#include "Common.h"

namespace qsvtc::ops {

ir::OpDefinition Prepare::definition() const {
  return {name,
          "state preparation of an amplitude-encoded input",
          0,
          0,
          true,
          {{"source", AttrKind::String, true}, {"norm", AttrKind::Number, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            return declaredResult(op, ir::Type::Kind::State);
          }};
}

Bounds Prepare::bounds(const ir::Operation &, const OperandBounds &, double alpha) const {
  return alphaBounds(alpha);
}

std::vector<double> Prepare::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Prepare::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Prepare::evaluate(const ir::Operation &op, const OperandValue &,
                                  interp::Semantics) const {
  notEvaluated(op, "'" + op.getName() + "'");
}

backend::Encoded Prepare::emit(const ir::Operation &op, EmitContext &, const std::string &,
                               int) const {
  noCircuit(op);
}

bool Prepare::mixesRegisters() const { return false; }

std::vector<double> Prepare::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
