//===- OpChecks.h - Small checks shared by the op verifiers -----*- C++ -*-===//
//
// Each check throws qsvtc::Error with a message about the op; the verifier
// adds the op name and location in front.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_OPS_OPCHECKS_H
#define QSVTC_COMPILER_OPS_OPCHECKS_H

#include "qsvtc/ir/Module.h"
#include "qsvtc/support/Error.h"

#include <initializer_list>
#include <string>

namespace qsvtc::ir::checks {

[[noreturn]] inline void fail(const std::string &message) { throw Error(message); }

inline const Type &operandType(const Operation &op, std::size_t i) {
  return op.operands.at(i)->type;
}

inline const Type &tensorOperand(const Operation &op, std::size_t i) {
  const Type &type = operandType(op, i);
  if (!type.isTensor())
    fail("operand #" + std::to_string(i) + " must be a tensor, got " + type.str());
  return type;
}

inline const Type &blockOperand(const Operation &op, std::size_t i) {
  const Type &type = operandType(op, i);
  if (!type.isBlock())
    fail("operand #" + std::to_string(i) + " must be a block encoding, got " + type.str());
  return type;
}

inline const Type &stateOperand(const Operation &op, std::size_t i) {
  const Type &type = operandType(op, i);
  if (!type.isState())
    fail("operand #" + std::to_string(i) + " must be a state, got " + type.str());
  return type;
}

inline const Type &resultType(const Operation &op) { return op.getResult()->type; }

template <class Names>
std::string oneOfNames(const std::string &value, const Names &allowed, const std::string &what) {
  std::string list;
  for (const auto &a : allowed) {
    if (value == a)
      return value;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  fail(what + " '" + value + "' is not one of: " + list);
}

inline std::string oneOf(const std::string &value, std::initializer_list<const char *> allowed,
                         const std::string &what) {
  return oneOfNames(value, allowed, what);
}

inline double positive(const Operation &op, const std::string &key) {
  double v = op.getAttr(key).getNumber();
  if (!(v > 0))
    fail("'" + key + "' must be positive, got " + op.getAttr(key).str());
  return v;
}

/// a + b (or a * b) ancillas; throws instead of overflowing: block
/// encodings built by products of products grow exponentially with depth.
inline int64_t addAncillas(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum) || sum > (int64_t{1} << 62))
    fail("the ancilla count exceeds 2^62: products of block encodings stack their "
         "ancillas, so this construction grows exponentially with the model's depth");
  return sum;
}

} // namespace qsvtc::ir::checks

#endif // QSVTC_COMPILER_OPS_OPCHECKS_H
