//===- PassOptions.h - Pass-manager flags shared by the drivers -*- C++ -*-===//
//
// qsvtc and qsvt-opt take the same IR-inspection flags; they are declared
// once here. Exit codes shared by the drivers are here too.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TOOLS_PASSOPTIONS_H
#define QSVTC_TOOLS_PASSOPTIONS_H

#include "qsvtc/passes/PassManager.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace qsvtc::tools {

/// Exit codes: bad input (syntax, semantics, files) / a stage not built yet.
constexpr int ExitBadInput = 1;
constexpr int ExitNotSupported = 3;

/// Prints `message` on stderr as "tool: error: ..." unless it already is a
/// located diagnostic ("file:line:col: error: ...").
inline void reportError(const char *tool, const std::string &message) {
  if (message.find(": error: ") != std::string::npos)
    std::cerr << message << "\n";
  else if (message.rfind("error: ", 0) == 0)
    std::cerr << tool << ": " << message << "\n";
  else
    std::cerr << tool << ": error: " << message << "\n";
}

struct PassFlags {
  bool printAfterAll = false;
  std::vector<std::string> printAfter;
  bool timePasses = false;
  bool printLocations = false;

  void add(CLI::App &app) {
    app.add_flag("--print-after-all", printAfterAll, "print the IR to stderr after every pass");
    app.add_option("--print-after", printAfter,
                   "print the IR to stderr after the named pass (repeatable)");
    app.add_flag("--time-passes", timePasses, "report each pass's wall time on stderr");
    app.add_flag("--print-locations", printLocations,
                 "print each op's source location as loc(\"file\":line:col)");
  }

  passes::PassManagerOptions options() const {
    passes::PassManagerOptions o;
    o.printAfterAll = printAfterAll;
    o.printAfter.insert(printAfter.begin(), printAfter.end());
    o.timePasses = timePasses;
    return o;
  }
};

} // namespace qsvtc::tools

#endif // QSVTC_TOOLS_PASSOPTIONS_H
