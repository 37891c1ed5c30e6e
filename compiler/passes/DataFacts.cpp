//===- DataFacts.cpp - Norms and gaps of a numeric model's values ---------===//
#include "DataFacts.h"

#include "qsvtc/interp/Lowered.h"
#include "qsvtc/ops/Construction.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cmath>

namespace qsvtc::passes {

DataFacts::DataFacts(const ir::Module &module) { evaluate(module); }

void DataFacts::refresh(const ir::Module &module) {
  if (symbolic)
    return;
  for (const auto &op : module.operations)
    if (op->hasResult()) {
      auto it = evaluatedAt.find(op->getResult());
      if (it == evaluatedAt.end() || it->second != op->getResult()->type.alpha) {
        evaluate(module);
        return;
      }
    }
}

void DataFacts::evaluate(const ir::Module &module) {
  facts.clear();
  evaluatedAt.clear();
  memo.clear();
  for (const auto &op : module.operations)
    if (op->hasResult())
      evaluatedAt[op->getResult()] = op->getResult()->type.alpha;
  interp::BlockValues values;
  try {
    values = interp::evaluateLowered(module, interp::Semantics::Exact);
  } catch (const Error &) {
    symbolic = true; // symbolic data or an op the interpreter lacks: no facts
    return;
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
  // A value without a construction (a tensor op's, in a partly lowered
  // module) is bounded by its alpha alone.
  if (const ops::Construction *c = op ? ops::construction(*op) : nullptr)
    b = c->bounds(
        *op, [&](std::size_t i) { return structural(op->operands[i], memo); }, alpha);
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
