//===- Registry.cpp - Every qsvt construction, by name --------------------===//
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"

#include "qsvtc/support/Error.h"

#include <map>
#include <memory>

namespace qsvtc::ops {

namespace {

template <class Op> using Registry = std::map<std::string, std::unique_ptr<Op>, std::less<>>;

const Registry<Construction> &registry() {
  static const auto all = [] {
    Registry<Construction> ops;
#define QSVTC_REGISTER(Class, Name) ops.emplace(Name, std::make_unique<Class>());
    QSVTC_QSVT_OPS(QSVTC_REGISTER)
#undef QSVTC_REGISTER
    return ops;
  }();
  return all;
}

const Registry<qt::TensorOp> &qtRegistry() {
  static const auto all = [] {
    Registry<qt::TensorOp> ops;
#define QSVTC_REGISTER_QT(Class, Name) ops.emplace(Name, std::make_unique<qt::Class>());
    QSVTC_QT_OPS(QSVTC_REGISTER_QT)
#undef QSVTC_REGISTER_QT
    return ops;
  }();
  return all;
}

/// Each registered op's definition, checked to carry the name it is
/// registered under.
template <class Op> std::vector<ir::OpDefinition> definitions(const Registry<Op> &ops) {
  std::vector<ir::OpDefinition> defs;
  for (const auto &[name, op] : ops) {
    defs.push_back(op->definition());
    if (defs.back().name != name)
      throw InternalError("the op registered as '" + name + "' defines '" + defs.back().name + "'");
  }
  return defs;
}

} // namespace

const Construction *construction(const ir::Operation &op) {
  auto it = registry().find(op.getName());
  return it == registry().end() ? nullptr : it->second.get();
}

const Construction &constructionOf(const ir::Operation &op) {
  if (const Construction *c = construction(op))
    return *c;
  throw InternalError(op.location.str() + ": '" + op.getName() + "' is not a qsvt construction");
}

std::vector<ir::OpDefinition> qsvtDefinitions() { return definitions(registry()); }

namespace qt {

const TensorOp *tensorOp(const ir::Operation &op) {
  auto it = qtRegistry().find(op.getName());
  return it == qtRegistry().end() ? nullptr : it->second.get();
}

std::vector<ir::OpDefinition> qtDefinitions() { return definitions(qtRegistry()); }

} // namespace qt

std::vector<double> ones(const ir::Operation &op) {
  return std::vector<double>(op.operands.size(), 1.0);
}

} // namespace qsvtc::ops

std::vector<qsvtc::ir::OpDefinition> qsvtc::ir::registeredOps() {
  std::vector<OpDefinition> all = ops::qt::qtDefinitions();
  for (OpDefinition &def : ops::qsvtDefinitions())
    all.push_back(std::move(def));
  return all;
}
