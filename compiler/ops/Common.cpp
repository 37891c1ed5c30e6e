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

std::optional<std::size_t> regionEntryIndex(const ir::Operation &op) {
  if (!op.hasAttr(RegionEntry.name))
    return std::nullopt;
  return static_cast<std::size_t>(op.getAttr(RegionEntry.name).getInt());
}

void setRegionEntryIndex(ir::Operation &op, std::size_t operand) {
  op.attributes[RegionEntry.name] = ir::Attribute(static_cast<int64_t>(operand));
}

std::optional<double> regionLipschitz(const ir::Operation &op) {
  if (!op.hasAttr("lipschitz"))
    return std::nullopt;
  return op.getAttr("lipschitz").getNumber();
}

void setRegionLipschitz(ir::Operation &op, double lipschitz) {
  op.attributes["lipschitz"] = ir::Attribute(lipschitz);
}

void clearRegionLipschitz(ir::Operation &op) { op.attributes.erase("lipschitz"); }

std::optional<std::string> outputName(const ir::Operation &output) {
  if (!output.hasAttr("name"))
    return std::nullopt;
  return output.getAttr("name").getString();
}

double epsilonOf(const ir::Operation &op) {
  if (!isPolynomial(op) && !is<Readout>(op) && !is<Output>(op) && !is<qt::Output>(op))
    throw InternalError(op.location.str() + ": '" + op.getName() + "' has no epsilon");
  return op.getAttr("epsilon").getNumber();
}

void setEpsilon(ir::Operation &op, double epsilon) {
  if (!isPolynomial(op) && !is<Readout>(op))
    throw InternalError(op.location.str() + ": '" + op.getName() + "' has no error share");
  op.attributes["epsilon"] = ir::Attribute(epsilon);
}

std::string functionOrName(const ir::Operation &op) {
  return isPolynomial(op) ? PolyAttrs(op).fn() : op.getName();
}

std::string commentAttributes(const ir::Operation &op) {
  std::string c;
  if (is<Lcu>(op))
    c += std::string(" {kind = ") + lcuKindName(lcuKind(op)) + "}";
  if (isPolynomial(op))
    c += " {fn = " + PolyAttrs(op).fn() + "}";
  const bool hasSource = is<Lcu>(op) || is<Prepare>(op);
  if (hasSource && !op.getAttr("source").getString().empty())
    c += " of " + op.getAttr("source").getString();
  return c;
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
