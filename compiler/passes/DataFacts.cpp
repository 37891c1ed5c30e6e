//===- DataFacts.cpp - Norms and gaps of a numeric model's values ---------===//
#include "DataFacts.h"

#include "qsvtc/interp/Lowered.h"
#include "qsvtc/support/Error.h"

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

double DataFacts::normBound(const ir::Value *v) const {
  auto it = facts.find(v);
  double alpha = v->type.alpha;
  return it == facts.end() ? alpha : std::min(alpha, 1.5 * it->second.norm);
}

double DataFacts::gapBound(const ir::Value *v) const {
  auto it = facts.find(v);
  return it == facts.end() ? 0.0 : 0.5 * it->second.smallest;
}

} // namespace qsvtc::passes
