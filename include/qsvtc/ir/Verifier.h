//===- Verifier.h - Op definitions and their checks -------------*- C++ -*-===//
//
// Every op of the qt and qsvt dialects has an OpDefinition, built by its
// class in compiler/ops/: its operand count, whether it has a result, its
// attributes, and a verify function that checks operand types and
// attributes and computes the result type the op must have. verify(module) runs these between
// passes; errors name the op, its result and its source location.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_VERIFIER_H
#define QSVTC_IR_VERIFIER_H

#include "qsvtc/ir/Module.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc::ir {

struct AttrSpec {
  enum class Kind { Int, Number, Bool, String, List, Any };
  std::string name;
  Kind kind;
  bool required;
};

struct OpDefinition {
  std::string name;
  std::string summary;
  int minOperands;
  int maxOperands; // -1: unbounded
  bool hasResult;
  std::vector<AttrSpec> attributes; // unknown attributes are rejected
  /// Checks operands and attributes beyond their kinds and returns the
  /// result type the op must have (nullopt for ops without a result).
  /// Throws qsvtc::Error with a message (no location: the caller adds it).
  std::function<std::optional<Type>(const Operation &)> verify;
};

/// Every op's definition. The IR does not know its ops: each is a class of
/// the op library above it (compiler/ops/, whose Registry.cpp defines this).
std::vector<OpDefinition> registeredOps();

/// The definition of `opName`, or nullptr when no dialect defines it.
const OpDefinition *lookupOp(const std::string &opName);
/// All ops, sorted by name (for --help and docs).
std::vector<const OpDefinition *> allOps();

/// Checks every op; throws qsvtc::Error listing the first failure as
/// "file:line:col: error: 'qt.matmul' op ...".
void verify(const Module &module);

/// The result type `op` should have (runs its definition's verify).
std::optional<Type> inferResultType(const Operation &op);

} // namespace qsvtc::ir

#endif // QSVTC_IR_VERIFIER_H
