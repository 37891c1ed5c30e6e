//===- Module.cpp - Values, operations and modules ------------------------===//
#include "qsvtc/ir/Module.h"

#include "qsvtc/support/Diagnostics.h"
#include "qsvtc/support/Error.h"

#include <fstream>
#include <iterator>

namespace qsvtc::ir {

std::string Location::str() const {
  if (!known())
    return "";
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

Error locatedError(const Location &loc, const std::string &message) {
  if (!loc.known())
    return Error("error: " + message);
  std::ifstream in(loc.file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Byte offset of line:column; without the file (or if the file changed
  // since), the message goes without its source line.
  std::size_t offset = 0;
  for (unsigned line = 1; line < loc.line && offset != std::string::npos; ++line) {
    offset = text.find('\n', offset);
    if (offset != std::string::npos)
      ++offset;
  }
  const std::size_t end = offset == std::string::npos ? offset : text.find('\n', offset);
  if (!in || offset == std::string::npos ||
      loc.column > (end == std::string::npos ? text.size() : end) - offset + 1)
    return Error(loc.str() + ": error: " + message);
  SourceFile source(loc.file, std::move(text));
  DiagnosticEngine diagnostics(source);
  diagnostics.error(offset + loc.column - 1, message);
  std::string formatted = diagnostics.text();
  if (!formatted.empty() && formatted.back() == '\n')
    formatted.pop_back();
  return Error(formatted);
}

Operation::Operation(std::string name, std::vector<Value *> operands,
                     std::optional<Type> resultType, AttrDict attributes, Location location,
                     std::string resultName)
    : operandList(std::move(operands)), attributes(std::move(attributes)),
      location(std::move(location)), name(std::move(name)) {
  for (Value *operand : operandList)
    operand->userList.push_back(this);
  if (resultType)
    result = std::make_unique<Value>(std::move(*resultType), std::move(resultName), this);
}

namespace {

/// Removes one entry of `user` from `value`'s use-list.
void dropUse(std::vector<Operation *> &users, const Operation *user) {
  auto it = std::find(users.begin(), users.end(), user);
  if (it != users.end())
    users.erase(it);
}

} // namespace

Operation::~Operation() {
  for (Value *operand : operandList)
    dropUse(operand->userList, this);
}

void Operation::setOperand(std::size_t i, Value *value) {
  Value *&slot = operandList.at(i);
  if (slot == value)
    return;
  dropUse(slot->userList, this);
  slot = value;
  value->userList.push_back(this);
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
                      std::optional<Type> resultType, AttrDict attributes, Location location,
                      std::string resultName) {
  return append(std::make_unique<Operation>(std::move(opName), std::move(operands),
                                            std::move(resultType), std::move(attributes),
                                            std::move(location), std::move(resultName)))
      ->getResult();
}

void Module::replaceAllUses(Value *from, Value *to) {
  if (from == to)
    return;
  const std::vector<Operation *> users = from->users(); // setOperand edits the list
  for (Operation *user : users)
    for (std::size_t i = 0; i < user->operands.size(); ++i)
      if (user->operands[i] == from)
        user->setOperand(i, to);
}

Module::~Module() { destroyLastToFirst(operations); }

void Module::destroyLastToFirst(std::vector<std::unique_ptr<Operation>> &ops) {
  while (!ops.empty())
    ops.pop_back();
}

} // namespace qsvtc::ir
