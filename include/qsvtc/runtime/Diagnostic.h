//===- Diagnostic.h - Source locations and clang-style errors --*- C++ -*-===//
//
// Every token and AST node of the QASM reader carries a SourceLoc. An error
// in the input is thrown as a DiagnosticError whose message is already the
// full clang-style text:
//
//   model.qasm:3:5: error: unknown gate 'hh'
//   hh q[0];
//   ^
//
// Tools print it as it is (no "tool: error:" prefix) and exit non-zero.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_DIAGNOSTIC_H
#define QSVTC_RUNTIME_DIAGNOSTIC_H

#include "qsvtc/runtime/Error.h"

#include <cstddef>
#include <string>

namespace qsvtc::runtime {

/// 1-based line and column (column counted in characters, not bytes, so
/// that a caret under a line holding 'π' still lines up), plus the byte
/// offset of the position in the source text.
struct SourceLoc {
  unsigned line = 1;
  unsigned col = 1;
  std::size_t offset = 0;
};

/// A source text and the name it is reported under.
struct SourceFile {
  std::string name;
  std::string text;
};

/// An input error whose what() is a complete, located diagnostic.
class DiagnosticError : public Error {
public:
  explicit DiagnosticError(const std::string &message) : Error(message) {}
};

/// "file:line:col: error: message\n<source line>\n<caret>\n" (no trailing
/// newline after the caret line).
std::string formatDiagnostic(const SourceFile &file, SourceLoc loc, const std::string &message);

/// The SourceLoc of byte `offset` of `text`.
SourceLoc locationOf(const std::string &text, std::size_t offset);

/// Throws DiagnosticError(formatDiagnostic(file, loc, message)).
[[noreturn]] void reportError(const SourceFile &file, SourceLoc loc, const std::string &message);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_DIAGNOSTIC_H
