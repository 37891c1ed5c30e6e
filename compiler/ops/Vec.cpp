//===- Vec.cpp - qsvt.vec: a matrix's entries as one column ---------------===//
//
// vec(A): the R x C matrix as the column of its entries, row-major over the
// padded columns (entry (i, j) at i C' + j, C' = 2^ceil(log2 C); the padding
// is zero). The circuit (docs/backend.md) copies a uniform index over the C
// columns into A's register: alpha_A sqrt(C), A's register becomes ancillas.
// A's padded columns are never read, so the padding is zero in the circuit
// too, even when A's is not (an element-wise function's f(0)).
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "qsvtc/backend/Constructions.h"

#include <cmath>

namespace qsvtc::ops {

ir::OpDefinition Vec::definition() const {
  return {name,
          "the column of a matrix's entries, row-major (columns padded to 2^k)",
          1,
          1,
          true,
          {RegionEntry},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = blockOperand(op, 0);
            int64_t padded = paddedSize(a.shape[1]);
            return ir::Type::block(a.shape[0] * padded, 1, a.alpha * std::sqrt(double(a.shape[1])),
                                   a.ancillas + ir::qubitsFor(std::max(a.shape[0], a.shape[1])));
          }};
}

Bounds Vec::bounds(const ir::Operation &op, const OperandBounds &of, double) const {
  // The entries as a column: |vec A| = |A|_F.
  const ir::Type &in = op.operands[0]->type;
  Bounds x = of(0);
  double frobenius =
      std::min({std::sqrt(static_cast<double>(std::min(in.shape[0], in.shape[1]))) * x.norm,
                std::sqrt(static_cast<double>(in.shape[0])) * x.row,
                std::sqrt(static_cast<double>(in.shape[1])) * x.col});
  return {frobenius, x.entry, frobenius, x.entry};
}

std::vector<double> Vec::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Vec::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Vec::evaluate(const ir::Operation &, const OperandValue &in,
                              interp::Semantics) const {
  const Eigen::MatrixXd &a = in(0);
  Eigen::Index padded = Eigen::Index{1} << ir::qubitsFor(a.cols());
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(a.rows() * padded, 1);
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      r(i * padded + j, 0) = a(i, j);
  return r;
}

backend::Encoded Vec::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                           int) const {
  const ir::Type &in = op.operands[0]->type;
  return backend::defineVec(ctx.program(), gate, ctx.comment(op), ctx.operand(op, 0), in.shape[0],
                            in.shape[1], dataQubitsOf(in));
}

bool Vec::mixesRegisters() const { return true; }

std::vector<double> Vec::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
