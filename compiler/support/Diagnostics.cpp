//===- Diagnostics.cpp - clang-style error messages -----------------------===//
#include "qsvtc/support/Diagnostics.h"

#include "qsvtc/support/Error.h"

#include <algorithm>

namespace qsvtc {

SourceFile::SourceFile(std::string name, std::string text)
    : name(std::move(name)), text(std::move(text)) {
  lineStarts.push_back(0);
  for (std::size_t i = 0; i < this->text.size(); ++i)
    if (this->text[i] == '\n')
      lineStarts.push_back(i + 1);
}

std::pair<unsigned, unsigned> SourceFile::lineColumn(std::size_t offset) const {
  offset = std::min(offset, text.size());
  auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - lineStarts.begin());
  return {static_cast<unsigned>(line), static_cast<unsigned>(offset - lineStarts[line - 1] + 1)};
}

std::string SourceFile::lineText(unsigned line) const {
  if (line == 0 || line > lineStarts.size())
    return "";
  std::size_t begin = lineStarts[line - 1];
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos)
    end = text.size();
  std::string result = text.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r')
    result.pop_back();
  return result;
}

std::string DiagnosticEngine::format(const char *kind, std::size_t offset,
                                     const std::string &message, std::size_t length) const {
  auto [line, column] = source.lineColumn(offset);
  std::string lineText = source.lineText(line);
  std::string messages = source.getName() + ":" + std::to_string(line) + ":" +
                         std::to_string(column) + ": " + kind + ": " + message + "\n";
  // A long line: a window of kMaxShownColumns around the caret, "..." for
  // what is cut; the caret column moves with it.
  std::size_t shownColumn = column;
  if (lineText.size() > kMaxShownColumns) {
    const std::size_t half = kMaxShownColumns / 2;
    const std::size_t first =
        column > half ? std::min<std::size_t>(column - half, lineText.size() - kMaxShownColumns)
                      : 0;
    const bool cutLeft = first > 0, cutRight = first + kMaxShownColumns < lineText.size();
    lineText =
        (cutLeft ? "..." : "") + lineText.substr(first, kMaxShownColumns) + (cutRight ? "..." : "");
    shownColumn = column - first + (cutLeft ? 3 : 0);
    length = std::min(length, kMaxShownColumns);
  }
  messages += lineText + "\n";
  // Keep tabs in the caret line so the caret lines up under the column.
  std::string caret;
  for (std::size_t i = 1; i < shownColumn && i - 1 < lineText.size(); ++i)
    caret += lineText[i - 1] == '\t' ? '\t' : ' ';
  caret += '^';
  std::size_t room = lineText.size() >= shownColumn ? lineText.size() - shownColumn : 0;
  if (length > 1)
    caret += std::string(std::min(length - 1, room), '~');
  messages += caret + "\n";
  return messages;
}

void DiagnosticEngine::error(std::size_t offset, const std::string &message, std::size_t length) {
  ++errors;
  entries.push_back({offset, {{"error", offset, message, length}}});
}

void DiagnosticEngine::note(std::size_t offset, const std::string &message) {
  Message m{"note", offset, message, 1};
  if (entries.empty())
    entries.push_back({offset, {m}});
  else
    entries.back().messages.push_back(std::move(m));
}

std::string DiagnosticEngine::text() const {
  // The lexer reports all its errors before the parser starts: order by
  // position so the user reads them top to bottom.
  std::vector<const Entry *> sorted;
  for (const Entry &e : entries)
    sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Entry *a, const Entry *b) { return a->offset < b->offset; });
  std::string out;
  std::size_t shown = 0, hidden = 0;
  for (const Entry *e : sorted) {
    const bool isError = std::string(e->messages.front().kind) == "error";
    if (isError && errorLimit && shown == errorLimit) {
      ++hidden;
      continue;
    }
    shown += isError;
    for (const Message &m : e->messages)
      out += format(m.kind, m.offset, m.text, m.length);
  }
  if (hidden)
    out += source.getName() + ": note: " + std::to_string(hidden) + " more error" +
           (hidden == 1 ? "" : "s") + " not shown (--error-limit=" + std::to_string(errorLimit) +
           "; 0 shows all)\n";
  return out;
}

void DiagnosticEngine::throwIfErrors() const {
  if (!hasErrors())
    return;
  std::string text = this->text();
  if (!text.empty() && text.back() == '\n')
    text.pop_back();
  throw Error(text);
}

} // namespace qsvtc
