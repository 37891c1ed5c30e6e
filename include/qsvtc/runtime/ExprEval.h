//===- ExprEval.h - Constant expressions of OpenQASM 3 ---------*- C++ -*-===//
//
// Evaluates an Expr once every name in it is bound (gate parameters, loop
// variables, constants). Integers stay integers under + - * / % ** (with
// OpenQASM 3's integer division, so 1/2 is 0 as the spec says), and turn
// into floats when mixed with one. '^' is OpenQASM 3's bitwise XOR: only on
// integers; a float operand is an error pointing at '**'. Built-in
// constants: pi π tau τ euler ℇ. Functions: sin cos tan exp ln sqrt arccos
// arcsin arctan.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_EXPREVAL_H
#define QSVTC_RUNTIME_EXPREVAL_H

#include "qsvtc/runtime/Ast.h"

#include <map>
#include <string>

namespace qsvtc::runtime {

struct Value {
  double v = 0;
  bool isInt = false;
};

using Bindings = std::map<std::string, Value>;

/// The value of `e`; throws DiagnosticError (located in `file`) for an
/// unknown name or function, a division by zero or a non-finite result.
Value evaluate(const Expr &e, const Bindings &vars, const SourceFile &file);

/// evaluate() that must give an integer (qubit index, loop bound, ctrl
/// count); `what` names it in the error.
long long evaluateInt(const Expr &e, const Bindings &vars, const SourceFile &file,
                      const std::string &what);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_EXPREVAL_H
