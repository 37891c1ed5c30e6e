//===- Lexer.cpp - Tokens of the model DSL --------------------------------===//
#include "qsvtc/frontend/Lexer.h"

#include "qsvtc/support/Numbers.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace qsvtc::frontend {

std::string describe(TokenKind kind) {
  switch (kind) {
  case TokenKind::Identifier:
    return "identifier";
  case TokenKind::Number:
    return "number";
  case TokenKind::String:
    return "string";
  case TokenKind::KwModel:
    return "'model'";
  case TokenKind::KwDim:
    return "'dim'";
  case TokenKind::KwParam:
    return "'param'";
  case TokenKind::KwInput:
    return "'input'";
  case TokenKind::KwWeight:
    return "'weight'";
  case TokenKind::KwBlock:
    return "'block'";
  case TokenKind::KwReturn:
    return "'return'";
  case TokenKind::KwOutput:
    return "'output'";
  case TokenKind::KwEpsilon:
    return "'epsilon'";
  case TokenKind::KwMatrix:
    return "'matrix'";
  case TokenKind::KwRepeat:
    return "'repeat'";
  case TokenKind::LBrace:
    return "'{'";
  case TokenKind::RBrace:
    return "'}'";
  case TokenKind::LParen:
    return "'('";
  case TokenKind::RParen:
    return "')'";
  case TokenKind::LBracket:
    return "'['";
  case TokenKind::RBracket:
    return "']'";
  case TokenKind::Comma:
    return "','";
  case TokenKind::Semicolon:
    return "';'";
  case TokenKind::Equal:
    return "'='";
  case TokenKind::Plus:
    return "'+'";
  case TokenKind::Minus:
    return "'-'";
  case TokenKind::Star:
    return "'*'";
  case TokenKind::Slash:
    return "'/'";
  case TokenKind::At:
    return "'@'";
  case TokenKind::Caret:
    return "'^'";
  case TokenKind::EndOfFile:
    return "end of file";
  case TokenKind::Error:
    return "invalid token";
  }
  return "token";
}

namespace {

const std::unordered_map<std::string, TokenKind> &keywords() {
  static const std::unordered_map<std::string, TokenKind> table = {
      {"model", TokenKind::KwModel},     {"dim", TokenKind::KwDim},
      {"param", TokenKind::KwParam},     {"input", TokenKind::KwInput},
      {"weight", TokenKind::KwWeight},   {"block", TokenKind::KwBlock},
      {"return", TokenKind::KwReturn},   {"output", TokenKind::KwOutput},
      {"epsilon", TokenKind::KwEpsilon}, {"matrix", TokenKind::KwMatrix},
      {"repeat", TokenKind::KwRepeat}};
  return table;
}

TokenKind punctuation(char c) {
  switch (c) {
  case '{':
    return TokenKind::LBrace;
  case '}':
    return TokenKind::RBrace;
  case '(':
    return TokenKind::LParen;
  case ')':
    return TokenKind::RParen;
  case '[':
    return TokenKind::LBracket;
  case ']':
    return TokenKind::RBracket;
  case ',':
    return TokenKind::Comma;
  case ';':
    return TokenKind::Semicolon;
  case '=':
    return TokenKind::Equal;
  case '+':
    return TokenKind::Plus;
  case '-':
    return TokenKind::Minus;
  case '*':
    return TokenKind::Star;
  case '/':
    return TokenKind::Slash;
  case '@':
    return TokenKind::At;
  case '^':
    return TokenKind::Caret;
  default:
    return TokenKind::EndOfFile; // not punctuation
  }
}

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

} // namespace

std::vector<Token> tokenize(const SourceFile &source, DiagnosticEngine &diags) {
  const std::string &text = source.getText();
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (true) {
    // Whitespace and comments.
    while (pos < text.size()) {
      if (std::isspace(static_cast<unsigned char>(text[pos]))) {
        ++pos;
      } else if (text[pos] == '#' || text.compare(pos, 2, "//") == 0) {
        while (pos < text.size() && text[pos] != '\n')
          ++pos;
      } else {
        break;
      }
    }
    if (pos >= text.size())
      break;
    std::size_t start = pos;
    char c = text[pos];
    if (isIdentStart(c)) {
      while (pos < text.size() && isIdentChar(text[pos]))
        ++pos;
      std::string word = text.substr(start, pos - start);
      auto kw = keywords().find(word);
      tokens.push_back(
          {kw != keywords().end() ? kw->second : TokenKind::Identifier, start, pos - start, word});
    } else if (isDigit(c) || (c == '.' && pos + 1 < text.size() && isDigit(text[pos + 1]))) {
      // number ::= digits ('.' digits?)? ([eE] [+-]? digits)?
      while (pos < text.size() && (isDigit(text[pos]) || text[pos] == '.'))
        ++pos;
      if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        std::size_t save = pos++;
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
          ++pos;
        if (pos < text.size() && isDigit(text[pos]))
          while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        else
          pos = save; // "2e" is the number 2 followed by an identifier
      }
      std::string spelling = text.substr(start, pos - start);
      std::optional<double> value = parseNumber(spelling);
      if (!value || !std::isfinite(*value)) {
        diags.error(start, "invalid number '" + spelling + "'", pos - start);
        tokens.push_back({TokenKind::Error, start, pos - start, spelling});
        continue;
      }
      if (pos < text.size() && isIdentStart(text[pos])) {
        std::size_t end = pos;
        while (end < text.size() && isIdentChar(text[end]))
          ++end;
        diags.error(start, "invalid number '" + text.substr(start, end - start) + "'", end - start);
        tokens.push_back({TokenKind::Error, start, end - start, ""});
        pos = end;
        continue;
      }
      Token token{TokenKind::Number, start, pos - start, spelling};
      token.number = *value;
      tokens.push_back(token);
    } else if (c == '"') {
      ++pos;
      std::string value;
      while (pos < text.size() && text[pos] != '"' && text[pos] != '\n')
        value += text[pos++];
      if (pos >= text.size() || text[pos] != '"') {
        diags.error(start, "unterminated string");
        tokens.push_back({TokenKind::Error, start, pos - start, ""});
        continue;
      }
      ++pos;
      tokens.push_back({TokenKind::String, start, pos - start, value});
    } else if (TokenKind kind = punctuation(c); kind != TokenKind::EndOfFile) {
      ++pos;
      tokens.push_back({kind, start, 1, std::string(1, c)});
    } else {
      char shown[8];
      std::snprintf(shown, sizeof shown,
                    std::isprint(static_cast<unsigned char>(c)) ? "%c" : "\\x%02X",
                    static_cast<unsigned char>(c));
      diags.error(start, std::string("unexpected character '") + shown + "'");
      tokens.push_back({TokenKind::Error, start, 1, ""});
      ++pos;
    }
  }
  tokens.push_back({TokenKind::EndOfFile, text.size(), 0, ""});
  return tokens;
}

} // namespace qsvtc::frontend
