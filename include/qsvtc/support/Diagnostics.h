//===- Diagnostics.h - clang-style error messages ---------------*- C++ -*-===//
//
// One place formats every error that points into a source text (the model
// DSL, IR text): `file:line:col: error: message`, then the source line and
// a caret under the column, as clang prints them. The engine collects
// several errors so one run can report them all, then throws them as one
// qsvtc::Error: the first errorLimit in source order (20 by default, as
// clang's -ferror-limit; tools set it with --error-limit), and source lines
// longer than kMaxShownColumns cut to a window around the caret, so that a
// hostile input cannot flood the terminal.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_DIAGNOSTICS_H
#define QSVTC_SUPPORT_DIAGNOSTICS_H

#include <cstddef>
#include <string>
#include <vector>

namespace qsvtc {

/// A source text with its name and line table.
class SourceFile {
public:
  SourceFile(std::string name, std::string text);

  const std::string &getName() const { return name; }
  const std::string &getText() const { return text; }
  /// 1-based line and column of byte `offset` (clamped to the text).
  std::pair<unsigned, unsigned> lineColumn(std::size_t offset) const;
  /// The text of 1-based `line`, without its newline.
  std::string lineText(unsigned line) const;

private:
  std::string name;
  std::string text;
  std::vector<std::size_t> lineStarts;
};

class DiagnosticEngine {
public:
  explicit DiagnosticEngine(const SourceFile &source) : source(source) {}

  /// Records an error at byte `offset`; `length` > 1 underlines a range.
  void error(std::size_t offset, const std::string &message, std::size_t length = 1);
  /// Records a note (context for the previous error).
  void note(std::size_t offset, const std::string &message);

  /// Errors shown by text(); 0: all. The default for every engine.
  static inline std::size_t errorLimit = 20;
  /// Source lines longer than this are shown as a window around the caret.
  static constexpr std::size_t kMaxShownColumns = 160;

  std::size_t errorCount() const { return errors; }
  bool hasErrors() const { return errors != 0; }
  /// The messages so far in source order (a note stays after its error),
  /// each line ending in a newline; past errorLimit errors, one line says
  /// how many more there are.
  std::string text() const;
  /// Throws qsvtc::Error with every message if any error was recorded.
  void throwIfErrors() const;

  const SourceFile &getSource() const { return source; }

private:
  std::string format(const char *kind, std::size_t offset, const std::string &message,
                     std::size_t length) const;

  /// One message; formatted only when shown (a 100 KB line repeated for
  /// each of 10^4 errors would take gigabytes).
  struct Message {
    const char *kind;
    std::size_t offset;
    std::string text;
    std::size_t length;
  };
  struct Entry {
    std::size_t offset;
    std::vector<Message> messages; // the error and its notes
  };
  const SourceFile &source;
  std::vector<Entry> entries;
  std::size_t errors = 0;
};

} // namespace qsvtc

#endif // QSVTC_SUPPORT_DIAGNOSTICS_H
