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

  /// The operations using this value, once per operand slot (its
  /// use-list; Operation keeps it current).
  const std::vector<Operation *> &users() const { return userList; }

private:
  friend class Operation;
  std::vector<Operation *> userList;
};

class Operation {
  std::vector<Value *> operandList;

public:
  Operation(std::string name, std::vector<Value *> operands, std::optional<Type> resultType,
            AttrDict attributes, Location location = {}, std::string resultName = "");
  /// Leaves the use-lists of its operands (their definers must still live:
  /// Module destroys users before definers).
  ~Operation();
  Operation(const Operation &) = delete;
  Operation &operator=(const Operation &) = delete;

  const std::string &getName() const { return name; }
  /// "qt" for qt.matmul.
  std::string getDialect() const;

  /// Read-only: setOperand keeps the operands' use-lists right.
  const std::vector<Value *> &operands = operandList;
  void setOperand(std::size_t i, Value *value);
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
  /// Destroys the operations last to first (users before their operands).
  ~Module();
  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;

  std::string name;
  std::vector<std::unique_ptr<Operation>> operations;

  /// Appends an operation and returns it.
  Operation *append(std::unique_ptr<Operation> op);
  /// Builds and appends an operation; returns its result (nullptr if none).
  Value *create(std::string opName, std::vector<Value *> operands, std::optional<Type> resultType,
                AttrDict attributes = {}, Location location = {}, std::string resultName = "");

  /// Replaces every use of `from` by `to` (through its use-list).
  void replaceAllUses(Value *from, Value *to);
  /// Removes the operations for which `dead` is true (asked of each in
  /// order, before any is removed; their results must have no uses left
  /// but among themselves).
  template <typename Pred> void eraseIf(Pred dead) {
    std::vector<std::unique_ptr<Operation>> kept, erased;
    for (std::unique_ptr<Operation> &op : operations)
      (dead(*op) ? erased : kept).push_back(std::move(op));
    operations = std::move(kept);
    destroyLastToFirst(erased);
  }
  /// Number of operand slots using `value`.
  std::size_t useCount(const Value *value) const { return value->users().size(); }

  /// Destroys `ops` last to first, so that users go before their operands'
  /// definers.
  static void destroyLastToFirst(std::vector<std::unique_ptr<Operation>> &ops);
};

} // namespace qsvtc::ir

#endif // QSVTC_IR_MODULE_H
