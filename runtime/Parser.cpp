//===- Parser.cpp - Recursive-descent parser for OpenQASM 3 ---------------===//
//
// One function per grammar rule, the rule written above it. Errors name what
// was expected and where; the first error stops the parse (one mistake, one
// message).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Parser.h"

#include "qsvtc/runtime/Lexer.h"

#include <deque>
#include <set>
#include <unordered_map>

namespace qsvtc::runtime {

namespace {

/// Statements of full OpenQASM 3 that the runtime does not simulate.
const std::set<std::string> &unsupportedKeywords() {
  static const std::set<std::string> words = {
      "reset",   "if",      "else",     "while",      "def",           "defcal",
      "cal",     "let",     "input",    "output",     "delay",         "box",
      "return",  "break",   "continue", "extern",     "switch",        "array",
      "complex", "bool",    "duration", "stretch",    "defcalgrammar", "end",
      "case",    "default", "opaque",   "durationof", "pragma"};
  return words;
}

bool isScalarType(const std::string &word) {
  return word == "float" || word == "int" || word == "uint" || word == "angle";
}

class Parser {
public:
  explicit Parser(Program &program)
      : program(program), file(program.source), lexer(program.source) {}

  void parseProgram();

private:
  // --- token helpers -----------------------------------------------------
  /// The token `ahead` places on (End past the end of the text).
  const Token &peek(std::size_t ahead = 0) {
    while (lookahead.size() <= ahead &&
           (lookahead.empty() || lookahead.back().kind != TokenKind::End))
      lookahead.push_back(lexer.next());
    return lookahead[std::min(ahead, lookahead.size() - 1)];
  }
  Token take() {
    Token t = peek();
    if (t.kind != TokenKind::End)
      lookahead.pop_front();
    return t;
  }
  bool accept(const char *punct) {
    if (!peek().is(punct))
      return false;
    take();
    return true;
  }
  [[noreturn]] void fail(SourceLoc loc, const std::string &msg) const {
    reportError(file, loc, msg);
  }
  static std::string describe(const Token &t) {
    switch (t.kind) {
    case TokenKind::End:
      return "end of file";
    case TokenKind::String:
      return "string \"" + t.text + "\"";
    default:
      return "'" + t.text + "'";
    }
  }
  void expect(const char *punct, const std::string &context) {
    if (!accept(punct))
      fail(peek().loc,
           std::string("expected '") + punct + "' " + context + ", found " + describe(peek()));
  }
  Token expectIdentifier(const std::string &what) {
    if (peek().kind != TokenKind::Identifier)
      fail(peek().loc, "expected " + what + ", found " + describe(peek()));
    return take();
  }

  // --- rules ---------------------------------------------------------------
  void parseVersion();
  StmtPtr parseStatement(bool inGateBody);
  void parseInclude();
  StmtPtr parseGateDef();
  StmtPtr parseQubitDecl();
  StmtPtr parseQreg();
  StmtPtr parseClassicalDecl();
  StmtPtr parseConstDecl(bool isConst);
  StmtPtr parseFor(bool inGateBody);
  StmtPtr parseMeasureArrow();
  StmtPtr parseAssignment();
  StmtPtr parseIgnoredUntilSemicolon();
  StmtPtr parseGateCall();
  QubitOperand parseOperand();
  int parseFormal();
  std::vector<std::unique_ptr<Stmt>> parseBlock(bool inGateBody);
  void skipDesignator();

  ExprPtr parseExpr();
  ExprPtr parseXor();
  ExprPtr parseAdditive();
  ExprPtr parseMultiplicative();
  ExprPtr parseUnary();
  ExprPtr parsePower();
  ExprPtr parsePrimary();
  ExprPtr makeNode(Expr::Kind kind, SourceLoc loc, std::string name);

  /// Bounds recursion (nested parentheses, unary chains, loop bodies) and
  /// expression size, so hostile input gets an error, not a stack overflow.
  struct DepthGuard {
    DepthGuard(Parser &p, SourceLoc loc) : p(p) {
      if (++p.depth > kMaxDepth)
        p.fail(loc, "nesting too deep (more than " + std::to_string(kMaxDepth) + " levels)");
    }
    ~DepthGuard() { --p.depth; }
    Parser &p;
  };
  void countNode(SourceLoc loc) {
    if (++exprNodes > kMaxExprNodes)
      fail(loc, "expression too long (more than " + std::to_string(kMaxExprNodes) + " operations)");
  }
  static constexpr int kMaxDepth = 200;
  static constexpr int kMaxExprNodes = 4096;

  Program &program;
  const SourceFile &file;
  Lexer lexer;
  std::deque<Token> lookahead;                      ///< tokens read but not taken
  const Stmt *gate = nullptr;                       ///< the gate whose body is being parsed
  std::unordered_map<std::string, int> formalIndex; ///< its qubit arguments

  int depth = 0;
  int exprNodes = 0;
};

/// program ::= [ 'OPENQASM' version ';' ] statement*
void Parser::parseProgram() {
  parseVersion();
  while (peek().kind != TokenKind::End) {
    if (peek().isIdent("include")) {
      parseInclude();
      continue;
    }
    if (peek().isIdent("OPENQASM"))
      fail(peek().loc, "the OPENQASM version statement must come first");
    program.statements.push_back(parseStatement(/*inGateBody=*/false));
  }
}

void Parser::parseVersion() {
  if (!peek().isIdent("OPENQASM"))
    return;
  take();
  const Token v = take();
  if (v.kind != TokenKind::Float && v.kind != TokenKind::Integer)
    fail(v.loc, "expected a version number after OPENQASM, found " + describe(v));
  if (v.text != "3" && v.text.rfind("3.", 0) != 0)
    fail(v.loc, "unsupported OpenQASM version " + v.text +
                    " (only OpenQASM 3 is read; OpenQASM 2's U differs by "
                    "a phase)");
  expect(";", "after the OpenQASM version");
}

/// include ::= 'include' string ';'
void Parser::parseInclude() {
  take();
  const Token name = take();
  if (name.kind != TokenKind::String)
    fail(name.loc, "expected a file name string after include, found " + describe(name));
  if (name.text != "stdgates.inc")
    fail(name.loc, "cannot include \"" + name.text + "\": only \"stdgates.inc\" is built in");
  program.includesStdgates = true;
  expect(";", "after include");
}

/// statement ::= gate-def | qubit-decl | qreg-decl | classical-decl
///             | const-decl | for-loop | measure | assignment | barrier
///             | gate-call
StmtPtr Parser::parseStatement(bool inGateBody) {
  const Token t = peek(); // a copy: take() drops the front token
  DepthGuard guard(*this, t.loc);
  exprNodes = 0;
  if (t.kind != TokenKind::Identifier) {
    if (t.is("{"))
      fail(t.loc, "unsupported statement: a bare { } block");
    fail(t.loc, "expected a statement, found " + describe(t));
  }
  const std::string &w = t.text;
  if (w == "for")
    return parseFor(inGateBody);
  if (w == "gphase" || w == "ctrl" || w == "negctrl" || w == "inv" || w == "pow")
    return parseGateCall();
  if (inGateBody) {
    if (w == "gate" || w == "qubit" || w == "qreg" || w == "const" || w == "bit" || w == "creg" ||
        w == "measure" || w == "barrier" || isScalarType(w) || unsupportedKeywords().count(w))
      fail(t.loc, "'" + w +
                      "' is not allowed in a gate body (only gate calls, "
                      "gphase and for loops)");
    return parseGateCall();
  }
  if (w == "gate")
    return parseGateDef();
  if (w == "qubit")
    return parseQubitDecl();
  if (w == "qreg")
    return parseQreg();
  if (w == "bit" || w == "creg")
    return parseClassicalDecl();
  if (w == "const")
    return parseConstDecl(true);
  if (isScalarType(w))
    return parseConstDecl(false);
  if (w == "measure")
    return parseMeasureArrow();
  if (w == "barrier")
    return parseIgnoredUntilSemicolon();
  if (w == "include")
    fail(t.loc, "include is only allowed at the top level");
  if (w == "defcal")
    fail(t.loc, "unsupported statement 'defcal': an opaque gate (qsvtc --allow-opaque "
                "writes one per symbolic oracle) has no body to simulate");
  if (unsupportedKeywords().count(w))
    fail(t.loc, "unsupported statement '" + w + "' (the runtime simulates unitary circuits only)");
  if (peek(1).is("=") || peek(1).is("[") || peek(1).is("+=") || peek(1).is("-="))
    return parseAssignment();
  return parseGateCall();
}

/// designator ::= '[' expr ']'   (sizes of classical types: ignored)
void Parser::skipDesignator() {
  if (accept("[")) {
    parseExpr();
    expect("]", "after the type size");
  }
}

/// gate-def ::= 'gate' ident [ '(' [ ident (',' ident)* ] ')' ]
///              ident (',' ident)* '{' gate-statement* '}'
StmtPtr Parser::parseGateDef() {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::GateDef;
  s->loc = take().loc;
  const Token name = expectIdentifier("a gate name");
  s->name = name.text;
  s->nameLoc = name.loc;
  if (accept("(")) {
    if (!peek().is(")")) {
      do
        s->paramNames.push_back(expectIdentifier("a parameter name").text);
      while (accept(","));
    }
    expect(")", "after the gate parameters");
  }
  do {
    const Token q = expectIdentifier("a qubit argument name");
    if (peek().is("["))
      fail(peek().loc,
           "gate arguments are single qubits: write '" + q.text + "', not an indexed register");
    s->qubitNames.push_back(q.text);
    s->qubitNameLocs.push_back(q.loc);
  } while (accept(","));
  if (!peek().is("{"))
    fail(peek().loc,
         "expected '{' to start the body of gate '" + s->name + "', found " + describe(peek()));
  gate = s.get();
  formalIndex.clear();
  for (std::size_t i = 0; i < s->qubitNames.size(); ++i)
    formalIndex.try_emplace(s->qubitNames[i], int(i));
  s->body = parseBlock(/*inGateBody=*/true);
  gate = nullptr;
  return s;
}

/// block ::= '{' statement* '}'
std::vector<StmtPtr> Parser::parseBlock(bool inGateBody) {
  const SourceLoc open = peek().loc;
  expect("{", "to start a block");
  std::vector<StmtPtr> body;
  while (!peek().is("}")) {
    if (peek().kind == TokenKind::End)
      fail(open, "unterminated block: no matching '}'");
    body.push_back(parseStatement(inGateBody));
  }
  take();
  return body;
}

/// qubit-decl ::= 'qubit' [ '[' expr ']' ] ident ';'
StmtPtr Parser::parseQubitDecl() {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::QubitDecl;
  s->loc = take().loc;
  if (accept("[")) {
    s->size = parseExpr();
    expect("]", "after the register size");
  }
  const Token name = expectIdentifier("a register name");
  s->name = name.text;
  s->nameLoc = name.loc;
  expect(";", "after the qubit declaration");
  return s;
}

/// qreg-decl ::= 'qreg' ident [ '[' expr ']' ] ';'
StmtPtr Parser::parseQreg() {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::QubitDecl;
  s->loc = take().loc;
  const Token name = expectIdentifier("a register name");
  s->name = name.text;
  s->nameLoc = name.loc;
  if (accept("[")) {
    s->size = parseExpr();
    expect("]", "after the register size");
  }
  expect(";", "after the qreg declaration");
  return s;
}

/// classical-decl ::= 'bit' [designator] ident [ '=' 'measure' operand ] ';'
///                  | 'creg' ident [designator] ';'
StmtPtr Parser::parseClassicalDecl() {
  const Token kw = take();
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::Ignored;
  s->loc = kw.loc;
  if (kw.text == "bit")
    skipDesignator();
  s->name = expectIdentifier("a bit register name").text;
  if (kw.text == "creg")
    skipDesignator();
  if (accept("=")) {
    if (!peek().isIdent("measure"))
      fail(peek().loc, "unsupported bit initialiser (only '= measure q')");
    take();
    s->kind = Stmt::Kind::Measure;
    s->operands.push_back(parseOperand());
  }
  expect(";", "after the bit declaration");
  return s;
}

/// const-decl ::= [ 'const' ] type [designator] ident '=' expr ';'
StmtPtr Parser::parseConstDecl(bool isConst) {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::ConstDecl;
  s->loc = peek().loc;
  if (isConst)
    take();
  const Token type = expectIdentifier("a type");
  if (!isScalarType(type.text))
    fail(type.loc, "unsupported constant type '" + type.text + "' (float, int, uint or angle)");
  s->isIntType = type.text == "int" || type.text == "uint";
  skipDesignator();
  const Token name = expectIdentifier("a variable name");
  s->name = name.text;
  s->nameLoc = name.loc;
  if (!peek().is("="))
    fail(peek().loc, "'" + s->name +
                         "' needs an initialiser: only constants are "
                         "supported");
  take();
  s->value = parseExpr();
  expect(";", "after the declaration");
  return s;
}

/// for-loop ::= 'for' [ type [designator] ] ident 'in'
///              '[' expr ':' expr [ ':' expr ] ']' ( block | statement )
StmtPtr Parser::parseFor(bool inGateBody) {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::For;
  s->loc = take().loc;
  if (peek().kind == TokenKind::Identifier && isScalarType(peek().text) && !peek(1).isIdent("in")) {
    const Token type = take();
    if (type.text != "int" && type.text != "uint")
      fail(type.loc, "loop variables must be int or uint");
    skipDesignator();
  }
  const Token var = expectIdentifier("a loop variable");
  s->name = var.text;
  s->nameLoc = var.loc;
  if (!peek().isIdent("in"))
    fail(peek().loc, "expected 'in' after the loop variable, found " + describe(peek()));
  take();
  if (!peek().is("["))
    fail(peek().loc, "unsupported loop range: only [start:end] and "
                     "[start:step:end] are supported");
  take();
  s->rangeStart = parseExpr();
  expect(":", "in the loop range");
  ExprPtr second = parseExpr();
  if (accept(":")) {
    s->rangeStep = std::move(second);
    s->rangeEnd = parseExpr();
  } else {
    s->rangeEnd = std::move(second);
  }
  expect("]", "after the loop range");
  if (peek().is("{"))
    s->body = parseBlock(inGateBody);
  else
    s->body.push_back(parseStatement(inGateBody));
  return s;
}

/// measure ::= 'measure' operand [ '->' operand ] ';'
StmtPtr Parser::parseMeasureArrow() {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::Measure;
  s->loc = take().loc;
  s->operands.push_back(parseOperand());
  if (accept("->"))
    parseOperand(); // the classical target: ignored
  expect(";", "after measure");
  return s;
}

/// assignment ::= ident [ '[' expr ']' ] '=' 'measure' operand ';'
StmtPtr Parser::parseAssignment() {
  const Token target = take();
  if (accept("[")) {
    parseExpr();
    expect("]", "after the index");
  }
  if (!peek().is("=") || !peek(1).isIdent("measure"))
    fail(target.loc, "unsupported statement: assignment to '" + target.text +
                         "' (only 'c = measure q;' is accepted)");
  take();
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::Measure;
  s->loc = take().loc;
  s->operands.push_back(parseOperand());
  expect(";", "after measure");
  return s;
}

/// barrier ::= 'barrier' [ operand (',' operand)* ] ';'
StmtPtr Parser::parseIgnoredUntilSemicolon() {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::Ignored;
  s->loc = take().loc;
  if (!peek().is(";")) {
    do
      parseOperand();
    while (accept(","));
  }
  expect(";", "after barrier");
  return s;
}

/// gate-call ::= modifier* ident [ '(' [ expr (',' expr)* ] ')' ]
///               [ operand (',' operand)* ] ';'
/// modifier  ::= ('ctrl' | 'negctrl') [ '(' expr ')' ] '@'
///             | 'inv' '@' | 'pow' '(' expr ')' '@'
StmtPtr Parser::parseGateCall() {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::GateCall;
  s->loc = peek().loc;
  while (true) {
    const Token t = peek();
    Modifier m;
    m.loc = t.loc;
    if (t.isIdent("ctrl"))
      m.kind = Modifier::Kind::Ctrl;
    else if (t.isIdent("negctrl"))
      m.kind = Modifier::Kind::NegCtrl;
    else if (t.isIdent("inv"))
      m.kind = Modifier::Kind::Inv;
    else if (t.isIdent("pow"))
      m.kind = Modifier::Kind::Pow;
    else
      break;
    const std::string word = take().text;
    if (peek().is("(")) {
      if (m.kind == Modifier::Kind::Inv)
        fail(peek().loc, "'inv' takes no argument");
      take();
      m.arg = parseExpr();
      expect(")", "after the " + word + " argument");
    } else if (m.kind == Modifier::Kind::Pow) {
      fail(peek().loc, "expected '(' after pow, found " + describe(peek()));
    }
    expect("@", "after the '" + word + "' modifier");
    s->modifiers.push_back(std::move(m));
  }
  const Token name = expectIdentifier("a gate name");
  s->name = name.text;
  s->nameLoc = name.loc;
  if (accept("(")) {
    if (!peek().is(")")) {
      do
        s->params.push_back(parseExpr());
      while (accept(","));
    }
    expect(")", "after the gate parameters");
  } else if (name.text == "gphase" && !peek().is(";")) {
    s->params.push_back(parseExpr()); // `gphase -π/2;` as in the spec
  }
  if (!peek().is(";")) {
    do {
      if (gate)
        s->formals.push_back(parseFormal());
      else
        s->operands.push_back(parseOperand());
    } while (accept(","));
  }
  expect(";", "after the gate call");
  return s;
}

/// operand ::= ident [ '[' expr ']' ]
QubitOperand Parser::parseOperand() {
  // The size limit is per expression: a call may list thousands of qubits
  // (wide circuits are then refused by their qubit count, not here).
  exprNodes = 0;
  QubitOperand op;
  const Token name = expectIdentifier("a qubit");
  op.name = name.text;
  op.loc = name.loc;
  if (accept("[")) {
    op.index = parseExpr();
    if (peek().is(":") || peek().is(","))
      fail(peek().loc, "unsupported qubit slice or index list (use one "
                       "index per operand)");
    expect("]", "after the qubit index");
  }
  return op;
}

/// A qubit in a gate body: one of the gate's arguments, by position.
int Parser::parseFormal() {
  const Token name = expectIdentifier("a qubit");
  if (peek().is("["))
    fail(name.loc, "qubit arguments of a gate body cannot be indexed ('" + name.text +
                       "' is a single qubit)");
  auto it = formalIndex.find(name.text);
  if (it == formalIndex.end())
    fail(name.loc, "'" + name.text + "' is not a qubit argument of gate '" + gate->name + "'");
  return it->second;
}

ExprPtr newNode(Expr::Kind kind, SourceLoc loc, std::string name) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->loc = loc;
  e->name = std::move(name);
  return e;
}

ExprPtr Parser::makeNode(Expr::Kind kind, SourceLoc loc, std::string name) {
  countNode(loc);
  return newNode(kind, loc, std::move(name));
}

/// expr ::= xor-expr   ('^' is bitwise XOR in OpenQASM 3, lowest here)
ExprPtr Parser::parseExpr() {
  DepthGuard guard(*this, peek().loc);
  return parseXor();
}

/// xor-expr ::= additive ( '^' additive )*
ExprPtr Parser::parseXor() {
  ExprPtr lhs = parseAdditive();
  while (peek().is("^")) {
    auto e = makeNode(Expr::Kind::Binary, take().loc, "^");
    e->args.push_back(std::move(lhs));
    e->args.push_back(parseAdditive());
    lhs = std::move(e);
  }
  return lhs;
}

/// additive ::= multiplicative ( ('+' | '-') multiplicative )*
ExprPtr Parser::parseAdditive() {
  ExprPtr lhs = parseMultiplicative();
  while (peek().is("+") || peek().is("-")) {
    const Token op = take();
    auto e = makeNode(Expr::Kind::Binary, op.loc, op.text);
    e->args.push_back(std::move(lhs));
    e->args.push_back(parseMultiplicative());
    lhs = std::move(e);
  }
  return lhs;
}

/// multiplicative ::= unary ( ('*' | '/' | '%') unary )*
ExprPtr Parser::parseMultiplicative() {
  ExprPtr lhs = parseUnary();
  while (peek().is("*") || peek().is("/") || peek().is("%")) {
    const Token op = take();
    auto e = makeNode(Expr::Kind::Binary, op.loc, op.text);
    e->args.push_back(std::move(lhs));
    e->args.push_back(parseUnary());
    lhs = std::move(e);
  }
  return lhs;
}

/// unary ::= ('-' | '+') unary | power     (so -a**b is -(a**b))
ExprPtr Parser::parseUnary() {
  DepthGuard guard(*this, peek().loc);
  if (peek().is("-") || peek().is("+")) {
    const Token op = take();
    auto e = makeNode(Expr::Kind::Unary, op.loc, op.text);
    e->args.push_back(parseUnary());
    return e;
  }
  return parsePower();
}

/// power ::= primary [ '**' unary ]     (right associative)
ExprPtr Parser::parsePower() {
  ExprPtr base = parsePrimary();
  if (!peek().is("**"))
    return base;
  auto e = makeNode(Expr::Kind::Binary, take().loc, "**");
  e->args.push_back(std::move(base));
  e->args.push_back(parseUnary());
  return e;
}

/// primary ::= integer | float | ident | ident '(' expr ')' | '(' expr ')'
ExprPtr Parser::parsePrimary() {
  const Token t = take();
  switch (t.kind) {
  case TokenKind::Integer:
  case TokenKind::Float: {
    auto e = makeNode(t.kind == TokenKind::Integer ? Expr::Kind::Integer : Expr::Kind::Float, t.loc,
                      t.text);
    e->number = std::strtod(t.text.c_str(), nullptr);
    return e;
  }
  case TokenKind::Identifier: {
    if (!peek().is("("))
      return makeNode(Expr::Kind::Identifier, t.loc, t.text);
    take();
    auto e = makeNode(Expr::Kind::Call, t.loc, t.text);
    if (!peek().is(")")) {
      do
        e->args.push_back(parseExpr());
      while (accept(","));
    }
    expect(")", "after the arguments of '" + t.text + "'");
    return e;
  }
  default:
    if (t.is("(")) {
      ExprPtr inner = parseExpr();
      expect(")", "to close the parenthesis");
      return inner;
    }
    fail(t.loc, "expected an expression, found " + describe(t));
  }
}

} // namespace

Program parseQasm(SourceFile file) {
  Program program;
  program.source = std::move(file);
  Parser(program).parseProgram();
  return program;
}

} // namespace qsvtc::runtime
