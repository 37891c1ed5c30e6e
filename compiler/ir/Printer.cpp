//===- Printer.cpp - IR to text -------------------------------------------===//
#include "qsvtc/ir/Printer.h"

#include <cctype>
#include <unordered_map>

namespace qsvtc::ir {

namespace {

/// A name hint prints as-is if it is an identifier (so never a number).
bool isPrintableName(const std::string &name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$'))
      return false;
  return true;
}

class ModulePrinter {
public:
  ModulePrinter(const Module &module, const PrintOptions &options)
      : module(module), options(options) {}

  std::string run() {
    assignNames();
    out += "module @" + module.name + " {\n";
    for (const auto &op : module.operations)
      printOperation(*op);
    out += "}\n";
    return out;
  }

private:
  void assignNames() {
    std::unordered_map<std::string, int> uses;
    for (const auto &op : module.operations)
      if (op->hasResult())
        ++uses[op->getResult()->name];
    int next = 0;
    for (const auto &op : module.operations) {
      if (!op->hasResult())
        continue;
      const std::string &hint = op->getResult()->name;
      // (append, not "%" + s: GCC 12 warns falsely on that form)
      std::string name = "%";
      name.append(isPrintableName(hint) && uses[hint] == 1 ? hint : std::to_string(next++));
      names[op->getResult()] = std::move(name);
    }
  }

  std::string nameOf(const Value *value) {
    auto it = names.find(value);
    return it != names.end() ? it->second : "%<<undefined>>";
  }

  void printOperation(const Operation &op) {
    out += "  ";
    if (op.hasResult())
      out += nameOf(op.getResult()) + " = ";
    out += op.getName();
    for (std::size_t i = 0; i < op.operands.size(); ++i)
      out += (i ? ", " : " ") + nameOf(op.operands[i]);
    if (!op.attributes.empty()) {
      out += " {";
      bool first = true;
      for (const auto &[key, value] : op.attributes) {
        out += (first ? "" : ", ") + key + " = " + value.str();
        first = false;
      }
      out += "}";
    }
    if (op.hasResult())
      out += " : " + op.getResult()->type.str();
    if (options.locations && op.location.known())
      out += " loc(\"" + op.location.file + "\":" + std::to_string(op.location.line) + ":" +
             std::to_string(op.location.column) + ")";
    out += "\n";
  }

  const Module &module;
  const PrintOptions &options;
  std::unordered_map<const Value *, std::string> names;
  std::string out;
};

} // namespace

std::string print(const Module &module, const PrintOptions &options) {
  return ModulePrinter(module, options).run();
}

} // namespace qsvtc::ir
