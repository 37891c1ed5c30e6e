//===- AstPrinter.cpp - Syntax tree as indented text ----------------------===//
//
// One node per line, children indented by two spaces, each with the
// line:col where it starts (as clang's -ast-dump): the stable text that
// `qsvtc --emit=ast` prints and lit tests check.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/frontend/Ast.h"

#include "qsvtc/ir/Attribute.h"

namespace qsvtc::frontend {

namespace {

class AstPrinter {
public:
  explicit AstPrinter(const SourceFile &source) : source(source) {}

  std::string run(const ModelAst &model) {
    line(0, "Model " + model.name, model.range.begin);
    for (const Decl &decl : model.decls)
      printDecl(decl, 1);
    return out;
  }

private:
  void line(int depth, const std::string &text, std::size_t offset) {
    auto [l, c] = source.lineColumn(offset);
    out += std::string(2 * depth, ' ') + text + " <" + std::to_string(l) + ":" + std::to_string(c) +
           ">\n";
  }

  static const char *declName(Decl::Kind kind) {
    switch (kind) {
    case Decl::Kind::Dim:
      return "Dim";
    case Decl::Kind::Param:
      return "Param";
    case Decl::Kind::Input:
      return "Input";
    case Decl::Kind::Weight:
      return "Weight";
    case Decl::Kind::Assign:
      return "Assign";
    case Decl::Kind::Output:
      return "Output";
    case Decl::Kind::Block:
      return "Block";
    case Decl::Kind::Return:
      return "Return";
    }
    return "Decl";
  }

  void printDecl(const Decl &decl, int depth) {
    std::string head = declName(decl.kind);
    if (!decl.name.empty() && decl.kind != Decl::Kind::Output)
      head += " " + decl.name;
    if (decl.kind == Decl::Kind::Block) {
      head += "(";
      for (std::size_t i = 0; i < decl.params.size(); ++i)
        head += (i ? ", " : "") + decl.params[i].first;
      head += ")";
    }
    line(depth, head, decl.range.begin);
    if (!decl.shape.empty()) {
      line(depth + 1, "Shape", decl.shape.front()->range.begin);
      for (const ExprPtr &extent : decl.shape)
        printExpr(*extent, depth + 2);
    }
    if (decl.value)
      printExpr(*decl.value, depth + 1);
    if (decl.epsilon) {
      line(depth + 1, "Epsilon", decl.epsilon->range.begin);
      printExpr(*decl.epsilon, depth + 2);
    }
    for (const Decl &inner : decl.body)
      printDecl(inner, depth + 1);
  }

  void printExpr(const Expr &e, int depth) {
    switch (e.kind) {
    case Expr::Kind::Number:
      line(depth, "Number " + ir::formatFloat(e.number), e.range.begin);
      break;
    case Expr::Kind::Name:
      line(depth, "Name " + e.name, e.range.begin);
      break;
    case Expr::Kind::String:
      line(depth, "String \"" + e.name + "\"", e.range.begin);
      break;
    case Expr::Kind::Unary:
      line(depth, std::string("Unary '") + e.op + "'", e.range.begin);
      break;
    case Expr::Kind::Binary:
      line(depth, std::string("Binary '") + e.op + "'", e.range.begin);
      break;
    case Expr::Kind::Transpose:
      line(depth, "Transpose", e.range.begin);
      break;
    case Expr::Kind::List:
      line(depth, "List", e.range.begin);
      break;
    case Expr::Kind::Call:
      line(depth, std::string(e.isMatrixFunction ? "MatrixCall " : "Call ") + e.name,
           e.range.begin);
      break;
    }
    for (const ExprPtr &child : e.operands)
      printExpr(*child, depth + 1);
    for (const NamedArg &arg : e.namedArgs) {
      line(depth + 1, "Arg " + arg.name, arg.nameRange.begin);
      printExpr(*arg.value, depth + 2);
    }
    if (e.repeat) {
      line(depth + 1, "Repeat", e.repeat->range.begin);
      printExpr(*e.repeat, depth + 2);
    }
  }

  const SourceFile &source;
  std::string out;
};

} // namespace

std::string printAst(const ModelAst &model, const SourceFile &source) {
  return AstPrinter(source).run(model);
}

} // namespace qsvtc::frontend
