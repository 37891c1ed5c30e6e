//===- Module.h - Values, operations and modules ----------------*- C++ -*-===//
//
// The IR is a flat SSA list: a module holds operations in order; an
// operation has a dotted name (qt.matmul), operands (values defined
// earlier), at most one result, attributes and a source location. Nested
// regions are not needed: repeated blocks of the model are unrolled by the
// frontend, so each layer's weights stay distinct values.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_MODULE_H
#define QSVTC_IR_MODULE_H

#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc::ir {

class Operation;

/// Where an operation came from: "model.qtf":7:3 (line 0 = unknown).
struct Location {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;

  bool known() const { return line != 0; }
  /// "model.qtf:7:3", or "" when unknown.
  std::string str() const;
  bool operator==(const Location &) const = default;
};

/// The error a pass reports at `loc`: "file:line:col: error: message", then
/// the source line and a caret under the column when the file can be read
/// (the frontend's format, support/Diagnostics.h); "error: message" when
/// the location is unknown.
Error locatedError(const Location &loc, const std::string &message);

class Value {
public:
  Value(Type type, std::string name, Operation *definingOp)
      : type(std::move(type)), name(std::move(name)), definingOp(definingOp) {}

  Type type;
  /// Name hint used by the printer ("Q" prints as %Q); may be empty.
  std::string name;
  Operation *definingOp;
};

class Operation {
public:
  Operation(std::string name, std::vector<Value *> operands, std::optional<Type> resultType,
            AttrDict attributes, Location location = {}, std::string resultName = "");

  const std::string &getName() const { return name; }
  /// "qt" for qt.matmul.
  std::string getDialect() const;

  std::vector<Value *> operands;
  AttrDict attributes;
  Location location;

  Value *getResult() const { return result.get(); }
  bool hasResult() const { return result != nullptr; }

  bool hasAttr(const std::string &key) const { return attributes.count(key) != 0; }
  /// The attribute `key`; throws qsvtc::Error naming the op if absent.
  const Attribute &getAttr(const std::string &key) const;
  /// A boolean attribute that defaults to false when absent
  /// ("elementwise", "identity", "estimated").
  bool getFlag(const std::string &key) const { return hasAttr(key) && getAttr(key).getBool(); }

private:
  std::string name;
  std::unique_ptr<Value> result;
};

class Module {
public:
  explicit Module(std::string name = "") : name(std::move(name)) {}

  std::string name;
  std::vector<std::unique_ptr<Operation>> operations;

  /// Appends an operation and returns it.
  Operation *append(std::unique_ptr<Operation> op);
  /// Builds and appends an operation; returns its result (nullptr if none).
  Value *create(std::string opName, std::vector<Value *> operands, std::optional<Type> resultType,
                AttrDict attributes = {}, Location location = {}, std::string resultName = "");

  /// Replaces every use of `from` by `to` in operations after `from`'s.
  void replaceAllUses(Value *from, Value *to);
  /// Removes the operations for which `dead` is true (their results must
  /// have no remaining uses).
  template <typename Pred> void eraseIf(Pred dead) {
    std::erase_if(operations, [&](const std::unique_ptr<Operation> &op) { return dead(*op); });
  }
  /// Number of operations using `value` as an operand.
  std::size_t useCount(const Value *value) const;
};

} // namespace qsvtc::ir

#endif // QSVTC_IR_MODULE_H
