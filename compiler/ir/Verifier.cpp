//===- Verifier.cpp - Op registry and module verification -----------------===//
#include "qsvtc/ir/Verifier.h"

#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

namespace qsvtc::ir {

namespace {

const std::map<std::string, OpDefinition> &registry() {
  static const std::map<std::string, OpDefinition> ops = [] {
    std::map<std::string, OpDefinition> all;
    for (const OpDefinition &def : registeredOps())
      all.emplace(def.name, def);
    return all;
  }();
  return ops;
}

const char *kindName(AttrSpec::Kind kind) {
  switch (kind) {
  case AttrSpec::Kind::Int:
    return "an integer";
  case AttrSpec::Kind::Number:
    return "a number";
  case AttrSpec::Kind::Bool:
    return "a bool";
  case AttrSpec::Kind::String:
    return "a string";
  case AttrSpec::Kind::List:
    return "a list";
  case AttrSpec::Kind::Any:
    return "any value";
  }
  return "";
}

bool hasKind(const Attribute &a, AttrSpec::Kind kind) {
  switch (kind) {
  case AttrSpec::Kind::Int:
    return a.isInt();
  case AttrSpec::Kind::Number:
    return a.isNumber();
  case AttrSpec::Kind::Bool:
    return a.isBool();
  case AttrSpec::Kind::String:
    return a.isString();
  case AttrSpec::Kind::List:
    return a.isList();
  case AttrSpec::Kind::Any:
    return true;
  }
  return false;
}

/// No attribute of any op holds NaN or an infinity (also inside lists):
/// every pass after the verifier may compute with it.
bool allFinite(const Attribute &a) {
  if (a.isFloat())
    return std::isfinite(a.getNumber());
  if (a.isList())
    return std::all_of(a.getList().begin(), a.getList().end(), allFinite);
  return true;
}

/// Structural checks common to all ops, then the op's own verify.
std::optional<Type> checkOp(const OpDefinition &def, const Operation &op) {
  int count = static_cast<int>(op.operands.size());
  if (count < def.minOperands || (def.maxOperands >= 0 && count > def.maxOperands)) {
    std::string expected = def.minOperands == def.maxOperands
                               ? std::to_string(def.minOperands)
                               : "at least " + std::to_string(def.minOperands);
    throw Error("expects " + expected + " operand(s), got " + std::to_string(count));
  }
  if (def.hasResult != op.hasResult())
    throw Error(def.hasResult ? "must have a result" : "has no result");
  for (const AttrSpec &spec : def.attributes) {
    auto it = op.attributes.find(spec.name);
    if (it == op.attributes.end()) {
      if (spec.required)
        throw Error("requires attribute '" + spec.name + "'");
      continue;
    }
    if (!hasKind(it->second, spec.kind))
      throw Error("attribute '" + spec.name + "' must be " + kindName(spec.kind) + ", got " +
                  it->second.str());
    if (!allFinite(it->second))
      throw Error("attribute '" + spec.name + "' holds a non-finite number");
  }
  if (op.hasResult()) {
    const Type &r = op.getResult()->type;
    if (!r.isTensor() && !(std::isfinite(r.alpha) && r.alpha > 0))
      throw Error("the result's alpha must be positive and finite");
  }
  for (const auto &[key, value] : op.attributes)
    if (std::none_of(def.attributes.begin(), def.attributes.end(),
                     [&](const AttrSpec &s) { return s.name == key; }))
      throw Error("unknown attribute '" + key + "'");
  return def.verify(op);
}

} // namespace

const OpDefinition *lookupOp(const std::string &opName) {
  auto it = registry().find(opName);
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<const OpDefinition *> allOps() {
  std::vector<const OpDefinition *> out;
  for (const auto &[name, def] : registry())
    out.push_back(&def);
  return out;
}

std::optional<Type> inferResultType(const Operation &op) {
  const OpDefinition *def = lookupOp(op.getName());
  if (!def)
    throw Error("unknown operation '" + op.getName() + "'");
  return checkOp(*def, op);
}

void verify(const Module &module) {
  std::unordered_set<const Value *> defined;
  for (const auto &op : module.operations) {
    std::string where = op->location.known() ? op->location.str() + ": " : "";
    std::string prefix = where + "error: '" + op->getName() + "' op";
    if (op->hasResult())
      prefix += " (result " + op->getResult()->type.str() + ")";
    for (const Value *operand : op->operands)
      if (!defined.count(operand))
        throw Error(prefix + ": uses a value defined after it or not at all");
    std::optional<Type> expected;
    try {
      expected = inferResultType(*op);
    } catch (const Error &e) {
      throw Error(prefix + ": " + e.what());
    }
    if (expected && *expected != op->getResult()->type)
      throw Error(prefix + ": result type should be " + expected->str());
    if (op->hasResult())
      defined.insert(op->getResult());
  }
}

} // namespace qsvtc::ir
