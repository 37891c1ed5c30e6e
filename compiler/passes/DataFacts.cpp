//===- DataFacts.cpp - Norms and gaps of a numeric model's values ---------===//
#include "DataFacts.h"

#include "qsvtc/interp/Lowered.h"
#include "qsvtc/support/Error.h"

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
    if (m.rows() == m.cols() && m.isDiagonal(0.0))
      f.smallest = m.diagonal().cwiseAbs().minCoeff();
    else if (m.rows() == m.cols() && s.size())
      f.smallest = s(s.size() - 1);
    facts[value] = f;
  }
}

namespace {

double structural(const ir::Value *v, std::unordered_map<const ir::Value *, double> &memo) {
  auto it = memo.find(v);
  if (it != memo.end())
    return it->second;
  const ir::Operation *op = v->definingOp;
  double alpha = v->type.alpha, bound = alpha;
  if (op) {
    const std::string &name = op->getName();
    auto of = [&](std::size_t i) { return structural(op->operands[i], memo); };
    if (name == "qsvt.mul" || name == "qsvt.tensor" || name == "qsvt.hadamard") {
      bound = of(0) * of(1);
    } else if (name == "qsvt.add") {
      std::vector<double> c = ir::toDoubles(op->getAttr("coeffs"));
      bound = 0;
      for (std::size_t i = 0; i < c.size(); ++i)
        bound += std::fabs(c[i]) * of(i);
    } else if (name == "qsvt.vec") {
      const ir::Type &in = op->operands[0]->type;
      bound = std::sqrt(static_cast<double>(std::min(in.shape[0], in.shape[1]))) * of(0);
    } else if (name == "qsvt.adjoint" || name == "qsvt.unvec" ||
               name == "qsvt.diag_from_state" || name == "qsvt.readout" ||
               name == "qsvt.real_part") {
      bound = of(0);
    } else if ((name == "qsvt.poly" || name == "qsvt.phases") &&
               op->getAttr("fn").getString() == "amplify") {
      bound = of(0); // the same matrix, with a smaller alpha
      if (op->hasAttr("param"))
        bound = std::min(bound, op->getAttr("param").getNumber());
    }
  }
  bound = std::min(bound, alpha);
  memo[v] = bound;
  return bound;
}

} // namespace

double DataFacts::structuralNorm(const ir::Value *v) {
  std::unordered_map<const ir::Value *, double> memo;
  return structural(v, memo);
}

double DataFacts::normBound(const ir::Value *v) const {
  auto it = facts.find(v);
  double alpha = v->type.alpha;
  if (it == facts.end())
    return structuralNorm(v);
  // alpha >= ||M_v|| for any circuit encoding M_v; a smaller alpha is a
  // placeholder (a polynomial not yet approximated, or downstream of one).
  double norm = it->second.norm;
  return alpha >= norm ? std::min(alpha, 1.5 * norm) : 1.5 * norm;
}

double DataFacts::gapBound(const ir::Value *v) const {
  auto it = facts.find(v);
  return it == facts.end() ? 0.0 : 0.5 * it->second.smallest;
}

} // namespace qsvtc::passes
