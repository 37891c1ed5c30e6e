//===- Adjoint.cpp - qsvt.adjoint: U^dagger encodes A^T (real A) ----------===//
#include "Common.h"

namespace qsvtc::ops {

ir::OpDefinition Adjoint::definition() const {
  return {name,
          "U^dagger: a block encoding of A^T (real A)",
          1,
          1,
          true,
          {},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = blockOperand(op, 0);
            return ir::Type::block(a.shape[1], a.shape[0], a.alpha, a.ancillas);
          }};
}

Bounds Adjoint::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  Bounds x = of(0);
  return {x.norm, x.col, x.row, x.entry};
}

std::vector<double> Adjoint::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Adjoint::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Adjoint::evaluate(const ir::Operation &, const OperandValue &in,
                                  interp::Semantics) const {
  return in(0).transpose();
}

backend::Encoded Adjoint::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                               int n) const {
  const backend::Encoded &a = ctx.operand(op, 0);
  backend::GateDef def{gate, n + a.ancillas, ctx.comment(op), {}};
  backend::GateBuilder(def.body).call(a.gate, {}, backend::qubitRange(0, n + a.ancillas), {},
                                      /*inverse=*/true);
  return backend::defineBlock(ctx.program(), std::move(def), a.alpha, a.ancillas);
}

bool Adjoint::mixesRegisters() const { return false; }

std::vector<double> Adjoint::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
