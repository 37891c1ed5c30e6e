//===- Common.cpp - Helpers the qsvt constructions share ------------------===//
#include "Common.h"

#include "qsvtc/ops/QtOps.h"

namespace qsvtc::ops {

const ir::Type &declaredResult(const ir::Operation &op, ir::Type::Kind kind) {
  const ir::Type &type = resultType(op);
  if (type.kind != kind)
    fail("result has the wrong kind: " + type.str());
  if (!(type.alpha > 0) || type.ancillas < 0)
    fail("result needs alpha > 0 and anc >= 0, got " + type.str());
  return type;
}

int64_t paddedSize(int64_t n) { return int64_t{1} << ir::qubitsFor(n); }

int dataQubitsOf(const ir::Type &t) {
  return static_cast<int>(ir::qubitsFor(std::max(t.shape[0], t.shape[1])));
}

void noCircuit(const ir::Operation &op, const std::string &what) {
  throw NotSupportedError(op.location.str() + ": " + op.getName() + ": " + what +
                          " has no circuit in the OpenQASM backend yet");
}

Eigen::MatrixXd rowSoftmax(const Eigen::MatrixXd &a) {
  Eigen::MatrixXd s(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    Eigen::RowVectorXd e = (a.row(i).array() - a.row(i).maxCoeff()).exp();
    s.row(i) = e / e.sum();
  }
  return s;
}

void notEvaluated(const ir::Operation &op, const std::string &what) {
  throw NotSupportedError(op.location.str() + ": the lowered-IR interpreter does not evaluate " +
                          what + " yet");
}

namespace qt {

void notInReference(const ir::Operation &op, const std::string &what) {
  throw NotSupportedError(op.location.str() + ": the reference interpreter does not evaluate " +
                          what + " yet");
}

} // namespace qt

} // namespace qsvtc::ops
