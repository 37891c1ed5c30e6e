//===- Parser.cpp - Model DSL to syntax tree ------------------------------===//
//
// One function per grammar rule, the rule above it (docs/dsl.md has the
// whole grammar). A syntax error throws SyntaxError after recording the
// diagnostic; the item loops catch it and resynchronise at ';' or '}'.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/frontend/Parser.h"

#include "qsvtc/frontend/Lexer.h"

namespace qsvtc::frontend {

const NamedArg *Expr::findArg(const std::string &key) const {
  for (const NamedArg &arg : namedArgs)
    if (arg.name == key)
      return &arg;
  return nullptr;
}

namespace {

struct SyntaxError {};

/// Deeper nesting than this is certainly a mistake (and would exhaust the
/// stack of a recursive-descent parser).
constexpr int MaxNesting = 200;

class Parser {
public:
  Parser(const SourceFile &source, DiagnosticEngine &diags)
      : diags(diags), tokens(tokenize(source, diags)) {}

  ModelAst run() {
    ModelAst model;
    try {
      parseModelHeader(model);
    } catch (const SyntaxError &) {
      return model;
    }
    while (!at(TokenKind::RBrace) && !at(TokenKind::EndOfFile))
      parseItemRecovering(model.decls, /*inBlock=*/false);
    model.range.end = current().offset + 1;
    if (!at(TokenKind::RBrace)) {
      diags.error(current().offset, "expected '}' to close model '" + model.name + "'");
      return model;
    }
    advance();
    if (!at(TokenKind::EndOfFile))
      diags.error(current().offset, "expected end of file after the model");
    return model;
  }

private:
  // ---- token helpers ------------------------------------------------------
  const Token &current() const { return tokens[index]; }
  bool at(TokenKind kind) const { return current().kind == kind; }
  const Token &advance() {
    const Token &token = tokens[index];
    if (index + 1 < tokens.size())
      ++index;
    return token;
  }
  bool consume(TokenKind kind) {
    if (!at(kind))
      return false;
    advance();
    return true;
  }
  [[noreturn]] void error(const std::string &message) {
    if (!at(TokenKind::Error)) // a bad token is reported by the lexer already
      diags.error(current().offset, message, current().length);
    throw SyntaxError{};
  }
  const Token &expect(TokenKind kind, const std::string &context) {
    if (!at(kind))
      error("expected " + describe(kind) + " " + context + ", found " +
            (at(TokenKind::EndOfFile) ? "end of file" : "'" + spelling(current()) + "'"));
    return advance();
  }
  static std::string spelling(const Token &token) {
    return token.kind == TokenKind::String ? "\"" + token.text + "\"" : token.text;
  }
  std::size_t previousEnd() const {
    const Token &prev = tokens[index > 0 ? index - 1 : 0];
    return prev.offset + prev.length;
  }

  /// Skips to just after the next ';' or to the next '}' (not consumed).
  void synchronize() {
    int depth = 0;
    while (!at(TokenKind::EndOfFile)) {
      if (at(TokenKind::LBrace))
        ++depth;
      if (at(TokenKind::RBrace)) {
        if (depth == 0)
          return;
        --depth;
      }
      if (at(TokenKind::Semicolon) && depth == 0) {
        advance();
        return;
      }
      advance();
    }
  }

  // ---- declarations -------------------------------------------------------

  /// model ::= 'model' identifier '{' item* '}'
  void parseModelHeader(ModelAst &model) {
    model.range.begin = current().offset;
    expect(TokenKind::KwModel, "at the start of a model spec");
    model.name = expect(TokenKind::Identifier, "after 'model'").text;
    expect(TokenKind::LBrace, "to open the model body");
  }

  void parseItemRecovering(std::vector<Decl> &decls, bool inBlock) {
    std::size_t before = index;
    try {
      decls.push_back(parseItem(inBlock));
    } catch (const SyntaxError &) {
      synchronize();
      if (index == before) // no progress (a stray '}' inside a block): skip it
        advance();
    }
  }

  /// item ::= dim | param | input | weight | block | output | assign
  ///        | 'return' expr ';'   (inside a block)
  Decl parseItem(bool inBlock) {
    switch (current().kind) {
    case TokenKind::KwDim:
      return parseValueDecl(Decl::Kind::Dim);
    case TokenKind::KwParam:
      return parseValueDecl(Decl::Kind::Param);
    case TokenKind::KwInput:
      return parseTensorDecl(Decl::Kind::Input);
    case TokenKind::KwWeight:
      return parseTensorDecl(Decl::Kind::Weight);
    case TokenKind::KwBlock:
      if (inBlock)
        error("blocks cannot be nested");
      return parseBlock();
    case TokenKind::KwOutput:
      if (inBlock)
        error("'output' is not allowed inside a block; use 'return'");
      return parseOutput();
    case TokenKind::KwReturn: {
      if (!inBlock)
        error("'return' is only allowed inside a block");
      Decl decl{Decl::Kind::Return, {current().offset, 0}, "", {}, {}, {}, {}, {}, {}};
      advance();
      decl.value = parseExpr();
      expect(TokenKind::Semicolon, "after the returned expression");
      decl.range.end = previousEnd();
      return decl;
    }
    case TokenKind::Identifier:
      return parseAssign();
    default:
      error("expected a declaration (dim, param, input, weight, block, output) or an "
            "assignment, found '" +
            spelling(current()) + "'");
    }
  }

  Decl startDecl(Decl::Kind kind, const std::string &what) {
    Decl decl{kind, {current().offset, 0}, "", {}, {}, {}, {}, {}, {}};
    advance(); // keyword
    const Token &name = expect(TokenKind::Identifier, "for the " + what + " name");
    decl.name = name.text;
    decl.nameRange = {name.offset, name.offset + name.length};
    return decl;
  }

  /// dim ::= 'dim' identifier '=' expr ';'      param ::= 'param' ... (same)
  Decl parseValueDecl(Decl::Kind kind) {
    std::string what = kind == Decl::Kind::Dim ? "dim" : "param";
    Decl decl = startDecl(kind, what);
    expect(TokenKind::Equal, "after the " + what + " name");
    decl.value = parseExpr();
    expect(TokenKind::Semicolon, "after the " + what + " value");
    decl.range.end = previousEnd();
    return decl;
  }

  /// input  ::= 'input' identifier shape ('=' expr)? ';'
  /// weight ::= 'weight' identifier shape ('=' expr)? ';'
  /// shape  ::= '[' expr (',' expr)* ']'
  Decl parseTensorDecl(Decl::Kind kind) {
    std::string what = kind == Decl::Kind::Input ? "input" : "weight";
    Decl decl = startDecl(kind, what);
    expect(TokenKind::LBracket, "for the shape of '" + decl.name + "'");
    do
      decl.shape.push_back(parseExpr());
    while (consume(TokenKind::Comma));
    expect(TokenKind::RBracket, "to close the shape");
    if (consume(TokenKind::Equal))
      decl.value = parseExpr();
    expect(TokenKind::Semicolon, "after the " + what + " declaration");
    decl.range.end = previousEnd();
    return decl;
  }

  /// block ::= 'block' identifier '(' (identifier (',' identifier)*)? ')'
  ///           '{' item* '}'
  Decl parseBlock() {
    Decl decl = startDecl(Decl::Kind::Block, "block");
    expect(TokenKind::LParen, "for the block's parameters");
    if (!at(TokenKind::RParen)) {
      do {
        const Token &param = expect(TokenKind::Identifier, "for a block parameter");
        decl.params.push_back({param.text, {param.offset, param.offset + param.length}});
      } while (consume(TokenKind::Comma));
    }
    expect(TokenKind::RParen, "after the block's parameters");
    expect(TokenKind::LBrace, "to open the block body");
    while (!at(TokenKind::RBrace) && !at(TokenKind::EndOfFile))
      parseItemRecovering(decl.body, /*inBlock=*/true);
    expect(TokenKind::RBrace, "to close block '" + decl.name + "'");
    decl.range.end = previousEnd();
    return decl;
  }

  /// output ::= 'output' expr ('epsilon' expr)? ';'
  Decl parseOutput() {
    Decl decl{Decl::Kind::Output, {current().offset, 0}, "", {}, {}, {}, {}, {}, {}};
    advance();
    decl.value = parseExpr();
    if (decl.value->kind == Expr::Kind::Name) {
      decl.name = decl.value->name;
      decl.nameRange = decl.value->range;
    }
    if (consume(TokenKind::KwEpsilon))
      decl.epsilon = parseExpr();
    expect(TokenKind::Semicolon, "after the output");
    decl.range.end = previousEnd();
    return decl;
  }

  /// assign ::= identifier '=' expr ';'
  Decl parseAssign() {
    Decl decl{Decl::Kind::Assign,
              {current().offset, 0},
              current().text,
              {current().offset, current().offset + current().length},
              {},
              {},
              {},
              {},
              {}};
    advance();
    expect(TokenKind::Equal, "after '" + decl.name + "' in an assignment");
    decl.value = parseExpr();
    expect(TokenKind::Semicolon, "after the expression");
    decl.range.end = previousEnd();
    return decl;
  }

  // ---- expressions --------------------------------------------------------

  ExprPtr makeExpr(Expr::Kind kind, std::size_t begin) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->range.begin = begin;
    return e;
  }

  ExprPtr makeBinary(char op, ExprPtr lhs, ExprPtr rhs) {
    auto e = makeExpr(Expr::Kind::Binary, lhs->range.begin);
    e->op = op;
    e->range.end = rhs->range.end;
    e->operands.push_back(std::move(lhs));
    e->operands.push_back(std::move(rhs));
    return e;
  }

  struct NestingGuard {
    Parser &parser;
    explicit NestingGuard(Parser &p) : parser(p) {
      if (++parser.nesting > MaxNesting)
        parser.error("expression nested too deeply (more than " + std::to_string(MaxNesting) +
                     " levels)");
    }
    ~NestingGuard() { --parser.nesting; }
  };

  /// expr ::= term (('+' | '-') term)*
  ExprPtr parseExpr() {
    NestingGuard guard(*this);
    ExprPtr lhs = parseTerm();
    while (at(TokenKind::Plus) || at(TokenKind::Minus)) {
      char op = advance().text[0];
      lhs = makeBinary(op, std::move(lhs), parseTerm());
    }
    return lhs;
  }

  /// term ::= unary (('@' | '*' | '/') unary)*
  ExprPtr parseTerm() {
    ExprPtr lhs = parseUnary();
    while (at(TokenKind::At) || at(TokenKind::Star) || at(TokenKind::Slash)) {
      char op = advance().text[0];
      lhs = makeBinary(op, std::move(lhs), parseUnary());
    }
    return lhs;
  }

  /// unary ::= '-' unary | postfix
  ExprPtr parseUnary() {
    if (at(TokenKind::Minus)) {
      NestingGuard guard(*this);
      auto e = makeExpr(Expr::Kind::Unary, advance().offset);
      e->op = '-';
      e->operands.push_back(parseUnary());
      e->range.end = e->operands[0]->range.end;
      return e;
    }
    return parsePostfix();
  }

  /// postfix ::= primary ('^' 'T' | '^' primary)*
  ExprPtr parsePostfix() {
    ExprPtr e = parsePrimary();
    while (at(TokenKind::Caret)) {
      advance();
      if (at(TokenKind::Identifier) && current().text == "T") {
        auto t = makeExpr(Expr::Kind::Transpose, e->range.begin);
        t->range.end = advance().offset + 1;
        t->operands.push_back(std::move(e));
        e = std::move(t);
      } else {
        e = makeBinary('^', std::move(e), parsePrimary());
      }
    }
    return e;
  }

  /// primary ::= number | string | identifier | call | 'matrix' call
  ///           | '(' expr ')' | '[' (expr (',' expr)*)? ']'
  ExprPtr parsePrimary() {
    const Token &token = current();
    switch (token.kind) {
    case TokenKind::Number: {
      auto e = makeExpr(Expr::Kind::Number, token.offset);
      e->number = token.number;
      e->range.end = token.offset + token.length;
      advance();
      return e;
    }
    case TokenKind::String: {
      auto e = makeExpr(Expr::Kind::String, token.offset);
      e->name = token.text;
      e->range.end = token.offset + token.length;
      advance();
      return e;
    }
    case TokenKind::KwMatrix: {
      std::size_t begin = advance().offset;
      if (!at(TokenKind::Identifier) || tokens[index + 1].kind != TokenKind::LParen)
        error("expected a function call after 'matrix', as in 'matrix exp(-t * H)'");
      ExprPtr call = parseNameOrCall();
      call->isMatrixFunction = true;
      call->range.begin = begin;
      return call;
    }
    case TokenKind::Identifier:
      return parseNameOrCall();
    case TokenKind::LParen: {
      NestingGuard guard(*this);
      advance();
      ExprPtr e = parseExpr();
      expect(TokenKind::RParen, "to close the parenthesis");
      return e;
    }
    case TokenKind::LBracket: {
      NestingGuard guard(*this);
      auto e = makeExpr(Expr::Kind::List, advance().offset);
      if (!at(TokenKind::RBracket)) {
        do
          e->operands.push_back(parseExpr());
        while (consume(TokenKind::Comma));
      }
      expect(TokenKind::RBracket, "to close the list");
      e->range.end = previousEnd();
      return e;
    }
    default:
      error("expected an expression, found " +
            (at(TokenKind::EndOfFile) ? std::string("end of file") : "'" + spelling(token) + "'"));
    }
  }

  /// call ::= identifier '(' (arg (',' arg)*)? ')' ('repeat' expr)?
  /// arg  ::= expr | (identifier | 'epsilon') '=' expr
  ExprPtr parseNameOrCall() {
    const Token &name = advance();
    if (!at(TokenKind::LParen)) {
      auto e = makeExpr(Expr::Kind::Name, name.offset);
      e->name = name.text;
      e->range.end = name.offset + name.length;
      return e;
    }
    auto e = makeExpr(Expr::Kind::Call, name.offset);
    e->name = name.text;
    advance(); // '('
    if (!at(TokenKind::RParen)) {
      do {
        // `epsilon` is a keyword (output ... epsilon e) but also the name of
        // the norms' argument: layernorm(x, epsilon = 1e-5).
        if ((at(TokenKind::Identifier) || at(TokenKind::KwEpsilon)) &&
            tokens[index + 1].kind == TokenKind::Equal) {
          const Token &key = advance();
          advance(); // '='
          if (e->findArg(key.text)) {
            diags.error(key.offset, "argument '" + key.text + "' given twice", key.length);
            throw SyntaxError{};
          }
          e->namedArgs.push_back({key.text, {key.offset, key.offset + key.length}, parseExpr()});
        } else {
          if (!e->namedArgs.empty())
            error("positional argument after a named argument");
          e->operands.push_back(parseExpr());
        }
      } while (consume(TokenKind::Comma));
    }
    expect(TokenKind::RParen, "to close the call to '" + e->name + "'");
    e->range.end = previousEnd();
    if (consume(TokenKind::KwRepeat)) {
      e->repeat = parseUnary();
      e->range.end = e->repeat->range.end;
    }
    return e;
  }

  DiagnosticEngine &diags;
  std::vector<Token> tokens;
  std::size_t index = 0;
  int nesting = 0;
};

} // namespace

ModelAst parseModel(const SourceFile &source, DiagnosticEngine &diags) {
  return Parser(source, diags).run();
}

} // namespace qsvtc::frontend
