//===- Ast.h - The parsed OpenQASM 3 program -------------------*- C++ -*-===//
//
// The parser's output: expressions and statements exactly as written, with
// source locations. Nothing is evaluated here; the Elaborator turns the
// program into a flat Circuit (expanding gate definitions, modifiers, loops
// and register broadcasts).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_AST_H
#define QSVTC_RUNTIME_AST_H

#include "qsvtc/runtime/Diagnostic.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc::runtime {

/// expr ::= number | identifier | unary-op expr | expr binary-op expr
///        | function '(' expr ')'
struct Expr {
  enum class Kind { Integer, Float, Identifier, Unary, Binary, Call };
  Kind kind = Kind::Integer;
  SourceLoc loc;
  double number = 0;                       ///< Integer / Float literal value
  std::string name;                        ///< identifier, operator ("-", "**") or function
  std::vector<std::unique_ptr<Expr>> args; ///< operands or call arguments
};
using ExprPtr = std::unique_ptr<Expr>;

/// A qubit operand: `q`, `q[expr]` (an index into a register), or a gate's
/// formal qubit name inside a gate body.
struct QubitOperand {
  std::string name;
  ExprPtr index; ///< null: the whole register (broadcast) or a formal
  SourceLoc loc;
};

/// modifier ::= 'ctrl' ['(' expr ')'] '@' | 'negctrl' ['(' expr ')'] '@'
///            | 'inv' '@' | 'pow' '(' expr ')' '@'
struct Modifier {
  enum class Kind { Ctrl, NegCtrl, Inv, Pow };
  Kind kind = Kind::Inv;
  ExprPtr arg; ///< ctrl count (null = 1) or the power
  SourceLoc loc;
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

struct Stmt {
  enum class Kind {
    GateCall,  ///< modifiers name(params) operands;  (also gphase)
    GateDef,   ///< gate name(params) qubits { body }
    QubitDecl, ///< qubit[n] name; / qubit name; / qreg name[n];
    ConstDecl, ///< const float x = expr; (also non-const with initialiser)
    For,       ///< for uint i in [a:b] / [a:step:b] body
    Measure,   ///< measure q -> c; / c = measure q;  (accepted, ignored)
    Ignored,   ///< barrier, bit / creg declarations: no effect
  };
  Kind kind = Kind::GateCall;
  SourceLoc loc;
  std::string name; ///< gate, register, constant or loop variable name
  SourceLoc nameLoc;

  // GateCall
  std::vector<Modifier> modifiers;
  std::vector<ExprPtr> params;        ///< GateCall arguments
  std::vector<QubitOperand> operands; ///< GateCall / Measure qubits (top level)
  /// A GateCall inside a gate body: its qubits as positions in the gate's
  /// qubit arguments (operands stays empty). Four bytes an operand: bodies
  /// of wide circuits list thousands of qubits per line.
  std::vector<int> formals;

  // GateDef
  std::vector<std::string> paramNames;
  std::vector<std::string> qubitNames;
  std::vector<SourceLoc> qubitNameLocs;

  // QubitDecl (size, null = one qubit), ConstDecl (value), For (range)
  ExprPtr size;
  ExprPtr value;
  bool isIntType = false; ///< ConstDecl declared int/uint
  ExprPtr rangeStart, rangeStep, rangeEnd;

  // GateDef / For
  std::vector<StmtPtr> body;
};

struct Program {
  SourceFile source;
  bool includesStdgates = false;
  std::vector<StmtPtr> statements;
};

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_AST_H
