//===- Lexer.h - Tokens of the model DSL ------------------------*- C++ -*-===//
//
// The DSL's tokens: identifiers, keywords, numbers, strings and
// punctuation. Comments run from "//" or "#" to the end of the line. Every
// token keeps its byte range for diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_FRONTEND_LEXER_H
#define QSVTC_FRONTEND_LEXER_H

#include "qsvtc/support/Diagnostics.h"

#include <string>
#include <vector>

namespace qsvtc::frontend {

enum class TokenKind {
  Identifier,
  Number,
  String,
  // keywords
  KwModel,
  KwDim,
  KwParam,
  KwInput,
  KwWeight,
  KwBlock,
  KwReturn,
  KwOutput,
  KwEpsilon,
  KwMatrix,
  KwRepeat,
  // punctuation
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Semicolon,
  Equal,
  Plus,
  Minus,
  Star,
  Slash,
  At,
  Caret,
  EndOfFile,
  Error, // a malformed token, already reported
};

struct Token {
  TokenKind kind;
  std::size_t offset; // first byte
  std::size_t length;
  std::string text;  // identifier/keyword spelling, string contents
  double number = 0; // for Number
};

/// How a token kind reads in a message: "';'", "identifier".
std::string describe(TokenKind kind);

/// Splits `source` into tokens ending with EndOfFile; bad characters and
/// malformed numbers/strings are reported to `diags` and become Error
/// tokens, on which the parser stops silently (no follow-on message).
std::vector<Token> tokenize(const SourceFile &source, DiagnosticEngine &diags);

} // namespace qsvtc::frontend

#endif // QSVTC_FRONTEND_LEXER_H
