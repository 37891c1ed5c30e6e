//===- DataFacts.cpp - Norms and gaps of a numeric model's values ---------===//
#include "DataFacts.h"

#include "qsvtc/interp/Lowered.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cmath>

namespace qsvtc::passes {

DataFacts::DataFacts(const ir::Module &module) {
  interp::BlockValues values;
  try {
    values = interp::evaluateLowered(module, interp::Semantics::Exact);
  } catch (const Error &) {
    return; // symbolic data or an op the interpreter lacks: no facts
  }
  for (const auto &[value, m] : values) {
    Fact f;
    Eigen::VectorXd s = Eigen::JacobiSVD<Eigen::MatrixXd>(m).singularValues();
    f.norm = s.size() ? s(0) : 0.0;
    f.entry = m.size() ? m.cwiseAbs().maxCoeff() : 0.0;
    // The smallest of its min(R, C) singular values: what 1/x and sign
    // (odd, so the padding's zeros stay 0) need bounded away from 0.
    if (m.rows() == m.cols() && m.isDiagonal(0.0))
      f.smallest = m.diagonal().cwiseAbs().minCoeff();
    else if (s.size())
      f.smallest = s(s.size() - 1);
    facts[value] = f;
  }
}

namespace {

using Bounds = DataFacts::Bounds;

Bounds structural(const ir::Value *v, std::unordered_map<const ir::Value *, Bounds> &memo) {
  auto it = memo.find(v);
  if (it != memo.end())
    return it->second;
  const ir::Operation *op = v->definingOp;
  const double alpha = v->type.alpha;
  const double rows = static_cast<double>(v->type.shape[0]),
               cols = static_cast<double>(v->type.shape[1]);
  Bounds b{alpha, alpha, alpha, alpha};
  if (op) {
    const std::string &name = op->getName();
    auto of = [&](std::size_t i) { return structural(op->operands[i], memo); };
    const std::string kind = name == "qsvt.lcu" ? op->getAttr("kind").getString() : "";
    if (kind == "uniform") { // the all-ones column
      b = {alpha, 1, alpha, 1};
    } else if (kind == "columns") { // a selector: one 1 per column
      b = {1, 1, 1, 1};
    } else if (name == "qsvt.mul") {
      Bounds x = of(0), y = of(1);
      b = {x.norm * y.norm, x.row * y.norm, x.norm * y.col, x.row * y.col};
    } else if (name == "qsvt.tensor") {
      Bounds x = of(0), y = of(1);
      b = {x.norm * y.norm, x.row * y.row, x.col * y.col, x.entry * y.entry};
    } else if (name == "qsvt.hadamard") {
      Bounds x = of(0), y = of(1);
      b = {x.norm * y.norm, std::min(x.row * y.entry, x.entry * y.row),
           std::min(x.col * y.entry, x.entry * y.col), x.entry * y.entry};
    } else if (name == "qsvt.add") {
      std::vector<double> c = ir::toDoubles(op->getAttr("coeffs"));
      b = {0, 0, 0, 0};
      for (std::size_t i = 0; i < c.size(); ++i) {
        Bounds x = of(i);
        double w = std::fabs(c[i]);
        b = {b.norm + w * x.norm, b.row + w * x.row, b.col + w * x.col, b.entry + w * x.entry};
      }
    } else if (name == "qsvt.vec") { // the entries as a column: |vec A| = |A|_F
      const ir::Type &in = op->operands[0]->type;
      Bounds x = of(0);
      double frobenius =
          std::min({std::sqrt(static_cast<double>(std::min(in.shape[0], in.shape[1]))) * x.norm,
                    std::sqrt(static_cast<double>(in.shape[0])) * x.row,
                    std::sqrt(static_cast<double>(in.shape[1])) * x.col});
      b = {frobenius, x.entry, frobenius, x.entry};
    } else if (name == "qsvt.unvec") {
      Bounds x = of(0);
      b = {x.norm, x.norm, x.norm, x.entry};
    } else if (name == "qsvt.diag_from_state") { // diag(x): |D| = max |x_i|
      double e = of(0).entry;
      b = {e, e, e, e};
    } else if (name == "qsvt.adjoint") {
      Bounds x = of(0);
      b = {x.norm, x.col, x.row, x.entry};
    } else if (name == "qsvt.readout") {
      b = of(0);
    } else if (name == "qsvt.real_part") { // (A + A^T) / 2
      Bounds x = of(0);
      double rowOrCol = (x.row + x.col) / 2;
      b = {x.norm, rowOrCol, rowOrCol, x.entry};
    } else if ((name == "qsvt.poly" || name == "qsvt.phases") &&
               op->getAttr("fn").getString() == "amplify") {
      b = of(0); // the same matrix, with a smaller alpha
      if (op->hasAttr("param"))
        b.norm = std::min(b.norm, op->getAttr("param").getNumber());
      if (op->hasAttr("row_norm"))
        b.row = std::min(b.row, op->getAttr("row_norm").getNumber());
    }
  }
  b.norm = std::min({b.norm, alpha, std::sqrt(rows) * b.row, std::sqrt(cols) * b.col});
  b.row = std::min(b.row, b.norm);
  b.col = std::min(b.col, b.norm);
  b.entry = std::min({b.entry, b.row, b.col});
  memo[v] = b;
  return b;
}

} // namespace

DataFacts::Bounds DataFacts::structuralBounds(const ir::Value *v) const {
  return structural(v, memo);
}

double DataFacts::normBound(const ir::Value *v) const {
  auto it = facts.find(v);
  double alpha = v->type.alpha;
  if (it == facts.end())
    return structuralBounds(v).norm;
  // alpha >= ||M_v|| for any circuit encoding M_v; a smaller alpha is a
  // placeholder (a polynomial not yet approximated, or downstream of one).
  double norm = it->second.norm;
  return alpha >= norm ? std::min(alpha, 1.5 * norm) : 1.5 * norm;
}

double DataFacts::entryBound(const ir::Value *v) const {
  auto it = facts.find(v);
  return it == facts.end() ? structuralBounds(v).entry : 1.5 * it->second.entry;
}

double DataFacts::gapBound(const ir::Value *v) const {
  auto it = facts.find(v);
  return it == facts.end() ? 0.0 : 0.5 * it->second.smallest;
}

} // namespace qsvtc::passes
