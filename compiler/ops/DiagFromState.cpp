//===- DiagFromState.cpp - qsvt.diag_from_state: a column onto a diagonal ===//
//
// One-call CNOT construction (papers/amplitude-transforms.md 2.2): the
// column's amplitudes onto a diagonal, log2(N) more ancillas.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "qsvtc/backend/Constructions.h"

namespace qsvtc::ops {

ir::OpDefinition DiagFromState::definition() const {
  return {name,
          "diagonal block encoding of a column's amplitudes",
          1,
          1,
          true,
          {RegionEntry},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &s = operandType(op, 0);
            if (s.isTensor() || (s.isBlock() && s.shape[1] != 1))
              fail("operand must be a state or an N x 1 block, got " + s.str());
            int64_t n = s.shape[0];
            return ir::Type::block(n, n, s.alpha, s.ancillas + ir::qubitsFor(n));
          }};
}

Bounds DiagFromState::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  double e = of(0).entry; // diag(x): |D| = max |x_i|
  return {e, e, e, e};
}

std::vector<double> DiagFromState::errorGains(const ir::Operation &op,
                                              const passes::DataFacts &) const {
  return ones(op);
}

bool DiagFromState::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd DiagFromState::evaluate(const ir::Operation &, const OperandValue &in,
                                        interp::Semantics) const {
  return in(0).col(0).asDiagonal();
}

backend::Encoded DiagFromState::emit(const ir::Operation &op, EmitContext &ctx,
                                     const std::string &gate, int n) const {
  return backend::defineDiagonal(ctx.program(), gate, ctx.comment(op), ctx.operand(op, 0), n);
}

bool DiagFromState::mixesRegisters() const { return false; }

std::vector<double> DiagFromState::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
