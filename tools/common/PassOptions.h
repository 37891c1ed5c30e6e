//===- PassOptions.h - Pass-manager flags shared by the drivers -*- C++ -*-===//
//
// qsvtc and qsvt-opt take the same IR-inspection flags and limits; they are
// declared once here (exit codes and error reports: Main.h).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TOOLS_PASSOPTIONS_H
#define QSVTC_TOOLS_PASSOPTIONS_H

#include "Main.h"

#include "qsvtc/ir/SourceData.h"
#include "qsvtc/passes/PassManager.h"
#include "qsvtc/support/Diagnostics.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace qsvtc::tools {

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
    app.add_option("--error-limit", DiagnosticEngine::errorLimit,
                   "stop showing source errors after this many (0: show all)")
        ->capture_default_str();
    app.add_option("--max-tensor-entries", ir::maxTensorEntries,
                   "refuse tensors with explicit data (random, csv, npy, inline, and results "
                   "computed from them) with more entries, before any is computed")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
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
