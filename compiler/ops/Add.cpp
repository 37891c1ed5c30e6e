//===- Add.cpp - qsvt.add: a linear combination of block encodings --------===//
//
// sum_i c_i A_i (LCU): PREPARE sqrt(|c_i| alpha_i / alpha) on a selection
// register after the operands' shared ancillas; SELECT runs operand i when
// it spells i (with -1 for c_i < 0).
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include <cmath>

namespace qsvtc::ops {

namespace {

std::optional<ir::Type> verifyAdd(const ir::Operation &op) {
  std::vector<double> coeffs = ir::toDoubles(op.getAttr("coeffs"));
  if (coeffs.size() != op.operands.size())
    fail("'coeffs' has " + std::to_string(coeffs.size()) + " entries for " +
         std::to_string(op.operands.size()) + " operands");
  const ir::Type &first = blockOperand(op, 0);
  double alpha = 0;
  int64_t ancillas = 0;
  for (std::size_t i = 0; i < op.operands.size(); ++i) {
    const ir::Type &t = blockOperand(op, i);
    if (t.shape != first.shape)
      fail("operand shapes differ: " + first.str() + " and " + t.str());
    alpha += std::abs(coeffs[i]) * t.alpha;
    ancillas = std::max(ancillas, t.ancillas);
  }
  if (!(alpha > 0))
    fail("all coefficients are zero");
  return ir::Type::block(
      first.shape[0], first.shape[1], alpha,
      addAncillas(ancillas, ir::qubitsFor(static_cast<int64_t>(op.operands.size()))));
}

} // namespace

std::vector<double> addCoefficients(const ir::Operation &add) {
  return ir::toDoubles(add.getAttr("coeffs"));
}

ir::AttrDict addAttributes(const std::vector<double> &c) { return {{"coeffs", ir::floatList(c)}}; }

ir::OpDefinition Add::definition() const {
  return {name,     "linear combination of block encodings (LCU)",
          1,        -1,
          true,     {{"coeffs", AttrKind::List, true}},
          verifyAdd};
}

Bounds Add::bounds(const ir::Operation &op, const OperandBounds &of, double) const {
  std::vector<double> c = ir::toDoubles(op.getAttr("coeffs"));
  Bounds b{0, 0, 0, 0};
  for (std::size_t i = 0; i < c.size(); ++i) {
    Bounds x = of(i);
    double w = std::fabs(c[i]);
    b = {b.norm + w * x.norm, b.row + w * x.row, b.col + w * x.col, b.entry + w * x.entry};
  }
  return b;
}

std::vector<double> Add::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  // |d(sum c_i A_i)|_F <= sum |c_i| |dA_i|_F
  std::vector<double> c = ir::toDoubles(op.getAttr("coeffs"));
  for (double &w : c)
    w = std::fabs(w);
  return c;
}

bool Add::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Add::evaluate(const ir::Operation &op, const OperandValue &in,
                              interp::Semantics) const {
  std::vector<double> c = ir::toDoubles(op.getAttr("coeffs"));
  Eigen::MatrixXd r = c[0] * in(0);
  for (std::size_t i = 1; i < c.size(); ++i)
    r += c[i] * in(i);
  return r;
}

backend::Encoded Add::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                           int n) const {
  std::vector<double> coeffs = ir::toDoubles(op.getAttr("coeffs"));
  int shared = 0;
  double alpha = 0;
  for (std::size_t i = 0; i < coeffs.size(); ++i) {
    shared = std::max(shared, ctx.operand(op, i).ancillas);
    alpha += std::fabs(coeffs[i]) * ctx.operand(op, i).alpha;
  }
  int m = static_cast<int>(ir::qubitsFor(static_cast<int64_t>(coeffs.size())));
  std::vector<double> weights;
  std::vector<int> prep;
  for (std::size_t i = 0; i < coeffs.size(); ++i)
    weights.push_back(coeffs[i] * ctx.operand(op, i).alpha);
  for (int q = 0; q < m; ++q)
    prep.push_back(n + shared + q);
  backend::GateDef def{gate, n + shared + m, ctx.comment(op), {}};
  backend::GateBuilder b(def.body);
  backend::appendLcu(ctx.program(), b, gate, weights, prep,
                     [&](std::size_t i, const std::vector<backend::Control> &when) {
                       const backend::Encoded &a = ctx.operand(op, i);
                       b.call(a.gate, {}, backend::qubitRange(0, n + a.ancillas), when);
                     });
  return backend::defineBlock(ctx.program(), std::move(def), alpha, shared + m);
}

bool Add::mixesRegisters() const { return false; }

std::vector<double> Add::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
