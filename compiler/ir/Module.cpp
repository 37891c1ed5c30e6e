//===- Module.cpp - Values, operations and modules ------------------------===//
#include "qsvtc/ir/Module.h"

#include "qsvtc/support/Error.h"

namespace qsvtc::ir {

std::string Location::str() const {
  if (!known())
    return "";
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

Operation::Operation(std::string name, std::vector<Value *> operands,
                     std::optional<Type> resultType, AttrDict attributes,
                     Location location, std::string resultName)
    : operands(std::move(operands)), attributes(std::move(attributes)),
      location(std::move(location)), name(std::move(name)) {
  if (resultType)
    result = std::make_unique<Value>(std::move(*resultType), std::move(resultName), this);
}

std::string Operation::getDialect() const { return name.substr(0, name.find('.')); }

const Attribute &Operation::getAttr(const std::string &key) const {
  auto it = attributes.find(key);
  if (it == attributes.end())
    throw Error("'" + name + "' op has no attribute '" + key + "'");
  return it->second;
}

Operation *Module::append(std::unique_ptr<Operation> op) {
  operations.push_back(std::move(op));
  return operations.back().get();
}

Value *Module::create(std::string opName, std::vector<Value *> operands,
                      std::optional<Type> resultType, AttrDict attributes,
                      Location location, std::string resultName) {
  return append(std::make_unique<Operation>(std::move(opName), std::move(operands),
                                            std::move(resultType), std::move(attributes),
                                            std::move(location), std::move(resultName)))
      ->getResult();
}

void Module::replaceAllUses(Value *from, Value *to) {
  for (auto &op : operations)
    for (Value *&operand : op->operands)
      if (operand == from)
        operand = to;
}

std::size_t Module::useCount(const Value *value) const {
  std::size_t uses = 0;
  for (const auto &op : operations)
    for (const Value *operand : op->operands)
      uses += operand == value;
  return uses;
}

} // namespace qsvtc::ir
