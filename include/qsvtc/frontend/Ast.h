//===- Ast.h - Syntax tree of a model spec ----------------------*- C++ -*-===//
//
// The parser's output: a model is a list of declarations; expressions are
// one node type with a kind (as in chibicc), each with its source range.
// Names are resolved and shapes checked later, by Sema.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_FRONTEND_AST_H
#define QSVTC_FRONTEND_AST_H

#include "qsvtc/support/Diagnostics.h"

#include <memory>
#include <string>
#include <vector>

namespace qsvtc::frontend {

struct SourceRange {
  std::size_t begin = 0;
  std::size_t end = 0; // one past the last byte
  std::size_t length() const { return end > begin ? end - begin : 1; }
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct NamedArg {
  std::string name;
  SourceRange nameRange;
  ExprPtr value;
};

struct Expr {
  enum class Kind {
    Number,    // 1.5
    Name,      // X
    Unary,     // -e                      (op = '-')
    Binary,    // a + b, a - b, a * b, a / b, a @ b, a ^ b
    Transpose, // a^T
    Call,      // f(args...), optionally "repeat n"; matrix f(...) sets isMatrixFunction
    List,      // [a, b, ...] (inline tensors, coefficient lists)
    String,    // "path"
  };

  Kind kind;
  SourceRange range;
  double number = 0; // Number
  std::string name;  // Name, Call (callee), String (contents)
  char op = 0;       // Unary, Binary
  bool isMatrixFunction = false;
  std::vector<ExprPtr> operands;   // Unary/Binary/Transpose children, Call arguments, List items
  std::vector<NamedArg> namedArgs; // Call: name = value
  ExprPtr repeat;                  // Call: repeat count

  /// The named argument `key`, or nullptr.
  const NamedArg *findArg(const std::string &key) const;
};

struct Decl {
  enum class Kind { Dim, Param, Input, Weight, Assign, Output, Block, Return };

  Kind kind;
  SourceRange range;
  std::string name;
  SourceRange nameRange;
  std::vector<ExprPtr> shape; // Input, Weight
  ExprPtr value;              // Dim/Param/Assign/Return/Output expression, Input/Weight init
  ExprPtr epsilon;            // Output
  // Block: parameters and body (whose last declaration is a Return).
  std::vector<std::pair<std::string, SourceRange>> params;
  std::vector<Decl> body;
};

struct ModelAst {
  std::string name;
  SourceRange range;
  std::vector<Decl> decls;
};

/// The tree as indented text with line:col positions (qsvtc --emit=ast).
std::string printAst(const ModelAst &model, const SourceFile &source);

} // namespace qsvtc::frontend

#endif // QSVTC_FRONTEND_AST_H
