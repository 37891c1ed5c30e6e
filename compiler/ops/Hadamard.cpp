//===- Hadamard.cpp - qsvt.hadamard: the element-wise product -------------===//
//
// A o B (seed 000 Thm 4): U_A (x) U_B on a doubled data register, CNOTs
// copy the column index; the second copy (log2 N qubits) becomes ancilla.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "passes/DataFacts.h"
#include "qsvtc/backend/Constructions.h"

namespace qsvtc::ops {

ir::OpDefinition Hadamard::definition() const {
  return {name,
          "element-wise product of block encodings",
          2,
          2,
          true,
          {},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
            if (a.shape != b.shape)
              fail("element-wise product needs equal shapes: " + a.str() + " and " + b.str());
            return ir::Type::block(a.shape[0], a.shape[1], a.alpha * b.alpha,
                                   addAncillas(addAncillas(a.ancillas, b.ancillas),
                                               ir::qubitsFor(std::max(a.shape[0], a.shape[1]))));
          }};
}

Bounds Hadamard::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  Bounds x = of(0), y = of(1);
  return {x.norm * y.norm, std::min(x.row * y.entry, x.entry * y.row),
          std::min(x.col * y.entry, x.entry * y.col), x.entry * y.entry};
}

std::vector<double> Hadamard::errorGains(const ir::Operation &op,
                                         const passes::DataFacts &facts) const {
  // |dA o B|_F <= max|B_ij| |dA|_F
  return {facts.entryBound(op.operands[1]), facts.entryBound(op.operands[0])};
}

bool Hadamard::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Hadamard::evaluate(const ir::Operation &, const OperandValue &in,
                                   interp::Semantics) const {
  return in(0).cwiseProduct(in(1));
}

backend::Encoded Hadamard::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                                int n) const {
  return backend::defineHadamard(ctx.program(), gate, ctx.comment(op), ctx.operand(op, 0),
                                 ctx.operand(op, 1), n);
}

bool Hadamard::mixesRegisters() const { return false; }

std::vector<double> Hadamard::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
