//===- QtSources.cpp - qt.input and qt.weight: the model's data -----------===//
#include "Common.h"

#include "qsvtc/interp/Reference.h"
#include "qsvtc/ops/QtOps.h"

namespace qsvtc::ops::qt {

namespace {

/// The data source and its consistency with the type.
std::optional<ir::Type> verifySource(const ir::Operation &op) {
  const ir::Type &type = resultType(op);
  if (!type.isTensor() || type.rank() < 1 || type.rank() > 4)
    fail("result must be a tensor of rank 1 to 4, got " + type.str());
  std::string init =
      oneOf(op.getAttr("init").getString(), {"random", "csv", "npy", "inline", "symbolic"}, "init");
  if (op.hasAttr("norm"))
    positive(op, "norm");
  auto need = [&](const char *key) {
    if (!op.hasAttr(key))
      fail("init = \"" + init + "\" needs attribute '" + key + "'");
  };
  if (init == "random")
    need("seed");
  if (init == "csv" || init == "npy")
    need("path");
  if (init == "symbolic")
    need("norm");
  if (init == "inline") {
    need("values");
    double count = static_cast<double>(op.getAttr("values").getList().size());
    if (count != type.elementCount())
      fail("'values' has " + std::to_string(static_cast<int64_t>(count)) +
           " entries but the type " + type.str() + " has " +
           std::to_string(static_cast<int64_t>(type.elementCount())));
  }
  return type;
}

std::vector<ir::AttrSpec> sourceAttributes() {
  return {{"name", AttrKind::String, true},  {"init", AttrKind::String, true},
          {"seed", AttrKind::Int, false},    {"norm", AttrKind::Number, false},
          {"path", AttrKind::String, false}, {"values", AttrKind::List, false}};
}

Eigen::MatrixXd sourceValue(const ir::Operation &op) {
  std::optional<Eigen::MatrixXd> m = interp::sourceMatrix(op);
  if (!m)
    notInReference(op, "symbolic '" + sourceName(op) + "' (it has no entries)");
  return *m;
}

} // namespace

const std::string &sourceName(const ir::Operation &source) {
  return source.getAttr("name").getString();
}

ir::OpDefinition Input::definition() const {
  return {name, "an amplitude-encoded input tensor", 0, 0, true, sourceAttributes(), verifySource};
}

Eigen::MatrixXd Input::reference(const ir::Operation &op, const OperandValue &) const {
  return sourceValue(op);
}

ir::OpDefinition Weight::definition() const {
  return {name,        "a weight tensor (explicit, random, from a file, or symbolic)",
          0,           0,
          true,        sourceAttributes(),
          verifySource};
}

Eigen::MatrixXd Weight::reference(const ir::Operation &op, const OperandValue &) const {
  return sourceValue(op);
}

} // namespace qsvtc::ops::qt
