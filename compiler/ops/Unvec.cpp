//===- Unvec.cpp - qsvt.unvec: a column of entries back to the matrix -----===//
//
// unvec(v) {rows = R, cols = C}: the R C' x 1 column back to the R x C
// matrix. The column's register, and the input register beyond the R rows,
// become ancillas: alpha_v sqrt(C). The circuit unprepares a uniform state
// on the C columns, so the result's padded columns are exactly zero.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "qsvtc/backend/Constructions.h"

#include <cmath>

namespace qsvtc::ops {

ir::AttrDict unvecAttributes(int64_t rows, int64_t cols) {
  return {{"rows", ir::Attribute(rows)}, {"cols", ir::Attribute(cols)}};
}

ir::OpDefinition Unvec::definition() const {
  return {name,
          "a column of R C' entries as the R x C matrix (vec's inverse)",
          1,
          1,
          true,
          {{"rows", AttrKind::Int, true}, {"cols", AttrKind::Int, true}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &v = blockOperand(op, 0);
            int64_t rows = op.getAttr("rows").getInt(), cols = op.getAttr("cols").getInt();
            if (rows < 1 || cols < 1 || v.shape[1] != 1 || v.shape[0] != rows * paddedSize(cols))
              fail("unvec to " + std::to_string(rows) + " x " + std::to_string(cols) +
                   " needs a column of rows * 2^ceil(log2 cols) entries, got " + v.str());
            int64_t n = ir::qubitsFor(std::max(rows, cols));
            return ir::Type::block(rows, cols, v.alpha * std::sqrt(double(cols)),
                                   v.ancillas + ir::qubitsFor(v.shape[0]) + n -
                                       ir::qubitsFor(rows));
          }};
}

Bounds Unvec::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  Bounds x = of(0);
  return {x.norm, x.norm, x.norm, x.entry};
}

std::vector<double> Unvec::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Unvec::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Unvec::evaluate(const ir::Operation &op, const OperandValue &in,
                                interp::Semantics) const {
  Eigen::Index rows = op.getAttr("rows").getInt(), cols = op.getAttr("cols").getInt();
  Eigen::Index padded = Eigen::Index{1} << ir::qubitsFor(cols);
  Eigen::MatrixXd r(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j)
      r(i, j) = in(0)(i * padded + j, 0);
  return r;
}

backend::Encoded Unvec::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                             int n) const {
  const ir::Type &type = op.getResult()->type;
  return backend::defineUnvec(ctx.program(), gate, ctx.comment(op), ctx.operand(op, 0),
                              type.shape[0], type.shape[1], n);
}

bool Unvec::mixesRegisters() const { return true; }

std::vector<double> Unvec::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
