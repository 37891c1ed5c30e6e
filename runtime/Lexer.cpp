//===- Lexer.cpp - Tokens of the OpenQASM 3 subset ------------------------===//
#include "qsvtc/runtime/Lexer.h"

#include <cctype>
#include <string_view>

namespace qsvtc::runtime {

/// A cursor over the text that keeps line and (character) column.
class Cursor {
public:
  explicit Cursor(const SourceFile &file) : file(file), text(file.text) {}

  bool done() const { return pos >= text.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos + ahead < text.size() ? text[pos + ahead] : '\0';
  }
  SourceLoc loc() const { return {line, col, pos}; }

  void advance() {
    const char c = text[pos++];
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col; // count characters: UTF-8 continuation bytes add no column
    }
  }

  [[noreturn]] void fail(SourceLoc at, const std::string &msg) const { reportError(file, at, msg); }

  const SourceFile &file;
  const std::string &text;
  std::size_t pos = 0;
  unsigned line = 1, col = 1;
};

namespace {

bool isIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool isIdentChar(char c) { return isIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

/// Skips white space and comments; false at the end of the text.
bool skipTrivia(Cursor &cur) {
  while (!cur.done()) {
    const char c = cur.peek();
    if (std::isspace(static_cast<unsigned char>(c))) {
      cur.advance();
    } else if (c == '/' && cur.peek(1) == '/') {
      while (!cur.done() && cur.peek() != '\n')
        cur.advance();
    } else if (c == '/' && cur.peek(1) == '*') {
      const SourceLoc start = cur.loc();
      cur.advance();
      cur.advance();
      while (!(cur.peek() == '*' && cur.peek(1) == '/')) {
        if (cur.done())
          cur.fail(start, "unterminated /* comment");
        cur.advance();
      }
      cur.advance();
      cur.advance();
    } else {
      return true;
    }
  }
  return false;
}

/// number ::= digits [ '.' digits ] [ exponent ] | '.' digits [ exponent ]
Token lexNumber(Cursor &cur) {
  Token tok;
  tok.loc = cur.loc();
  tok.kind = TokenKind::Integer;
  const std::size_t start = cur.pos;
  while (isDigit(cur.peek()) || cur.peek() == '_')
    cur.advance();
  if (cur.peek() == '.') {
    tok.kind = TokenKind::Float;
    cur.advance();
    while (isDigit(cur.peek()))
      cur.advance();
  }
  if (cur.peek() == 'e' || cur.peek() == 'E') {
    const std::size_t sign = (cur.peek(1) == '+' || cur.peek(1) == '-');
    if (isDigit(cur.peek(1 + sign))) {
      tok.kind = TokenKind::Float;
      for (std::size_t i = 0; i < 1 + sign; ++i)
        cur.advance();
      while (isDigit(cur.peek()))
        cur.advance();
    }
  }
  for (char c : cur.text.substr(start, cur.pos - start))
    if (c != '_')
      tok.text += c;
  if (isIdentStart(cur.peek()))
    cur.fail(cur.loc(), "invalid suffix on number '" + tok.text + "'");
  return tok;
}

} // namespace

Lexer::Lexer(const SourceFile &file) : cursor(std::make_unique<Cursor>(file)) {}
Lexer::~Lexer() = default;

Token Lexer::next() {
  static const char *const twoChar[] = {"**", "->", "==", "!=", "<=", ">=", "&&", "||",
                                        "<<", ">>", "++", "+=", "-=", "*=", "/="};
  Cursor &cur = *cursor;
  Token tok;
  if (!skipTrivia(cur)) {
    tok.loc = cur.loc();
    return tok; // End
  }
  const char c = cur.peek();
  tok.loc = cur.loc();
  if (isDigit(c) || (c == '.' && isDigit(cur.peek(1))))
    return lexNumber(cur);
  if (isIdentStart(c)) {
    tok.kind = TokenKind::Identifier;
    const std::size_t start = cur.pos;
    while (!cur.done() && isIdentChar(cur.peek()))
      cur.advance();
    tok.text = cur.text.substr(start, cur.pos - start);
    return tok;
  }
  if (c == '"' || c == '\'') {
    tok.kind = TokenKind::String;
    cur.advance();
    while (cur.peek() != c) {
      if (cur.done() || cur.peek() == '\n')
        cur.fail(tok.loc, "unterminated string literal");
      tok.text += cur.peek();
      cur.advance();
    }
    cur.advance();
    return tok;
  }
  tok.kind = TokenKind::Punct;
  std::size_t length = 1;
  for (const char *two : twoChar)
    if (c == two[0] && cur.peek(1) == two[1])
      length = 2;
  if (length == 1 && std::string_view(";,()[]{}:@+-*/%^=<>!~&|").find(c) == std::string_view::npos)
    cur.fail(tok.loc, std::string("unexpected character '") + c + "'");
  tok.text = cur.text.substr(cur.pos, length);
  for (std::size_t i = 0; i < length; ++i)
    cur.advance();
  return tok;
}

std::vector<Token> tokenize(const SourceFile &file) {
  Lexer lexer(file);
  std::vector<Token> tokens;
  do
    tokens.push_back(lexer.next());
  while (tokens.back().kind != TokenKind::End);
  return tokens;
}

} // namespace qsvtc::runtime
