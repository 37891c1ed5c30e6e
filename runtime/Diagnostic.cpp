//===- Diagnostic.cpp - Source locations and clang-style errors -----------===//
//
// The caret line copies the tabs of the source line and turns every other
// character into one space, so the caret sits under the offending character
// in any terminal whose tab stops agree with the editor's.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Diagnostic.h"

namespace qsvtc::runtime {

namespace {

bool isUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

} // namespace

std::string formatDiagnostic(const SourceFile &file, SourceLoc loc, const std::string &message) {
  std::string out = file.name + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                    ": error: " + message;
  const std::string &text = file.text;
  std::size_t at = std::min(loc.offset, text.size());
  std::size_t begin = at;
  while (begin > 0 && text[begin - 1] != '\n')
    --begin;
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos)
    end = text.size();
  std::string line = text.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  std::string caret;
  for (std::size_t i = begin; i < at && i < end; ++i) {
    if (isUtf8Continuation(text[i]))
      continue;
    caret += text[i] == '\t' ? '\t' : ' ';
  }
  caret += '^';
  out += "\n" + line + "\n" + caret;
  return out;
}

SourceLoc locationOf(const std::string &text, std::size_t offset) {
  SourceLoc loc;
  loc.offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < loc.offset; ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.col = 1;
    } else if (!isUtf8Continuation(text[i])) {
      ++loc.col;
    }
  }
  return loc;
}

void reportError(const SourceFile &file, SourceLoc loc, const std::string &message) {
  throw DiagnosticError(formatDiagnostic(file, loc, message));
}

} // namespace qsvtc::runtime
