//===- Lexer.h - Tokens of the OpenQASM 3 subset ---------------*- C++ -*-===//
//
// Splits QASM text into tokens. Identifiers may hold UTF-8 letters (π, θ,
// λ, ...): any byte >= 0x80 is taken as part of an identifier, which is
// enough for the Greek names the spec and stdgates.inc use. Comments (//
// and /* */) and white space are skipped. Malformed input (an unterminated
// comment or string, a stray character) is a located DiagnosticError.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_LEXER_H
#define QSVTC_RUNTIME_LEXER_H

#include "qsvtc/runtime/Diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace qsvtc::runtime {

enum class TokenKind {
  Identifier,
  Integer,
  Float,
  String,
  Punct, ///< operators and punctuation: text holds ";" "**" "@" ...
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text; ///< spelling (string literals: without the quotes)
  SourceLoc loc;

  bool is(const char *punct) const { return kind == TokenKind::Punct && text == punct; }
  bool isIdent(const char *word) const { return kind == TokenKind::Identifier && text == word; }
};

class Cursor;

/// Tokens one at a time, so that a large file is never held as tokens
/// (the parser keeps a few of lookahead).
class Lexer {
public:
  explicit Lexer(const SourceFile &file); ///< `file` must outlive the lexer
  ~Lexer();
  Lexer(const Lexer &) = delete;
  Lexer &operator=(const Lexer &) = delete;

  /// The next token; End (again) once the text is over.
  Token next();

private:
  std::unique_ptr<Cursor> cursor;
};

/// All tokens of `file`, ending with one End token.
std::vector<Token> tokenize(const SourceFile &file);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_LEXER_H
