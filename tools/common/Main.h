//===- Main.h - Every tool's exit codes and last line of defence -*- C++ -*-===//
//
// A tool's body runs inside guardedMain, which turns whatever escapes it
// into one report on stderr and an exit code, so no input aborts a tool:
//   bad input (qsvtc::Error, malformed JSON, out of memory) -> ExitBadInput,
//   a stage not built yet (NotSupportedError)                -> ExitNotSupported,
//   a compiler bug (InternalError, any other exception)      -> ExitInternalError.
// Outputs are written atomically (support/FileIO.h), so none is partial.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TOOLS_MAIN_H
#define QSVTC_TOOLS_MAIN_H

#include "Version.h" // generated: tools/common/Version.h.in
#include "qsvtc/support/Error.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <new>
#include <optional>
#include <string>

namespace qsvtc::tools {

constexpr int ExitBadInput = 1;
constexpr int ExitNotSupported = 3;
constexpr int ExitInternalError = 4;

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

/// Parses the command line. --help and --version print and give 0; a
/// malformed command line is bad input: CLI11's message on stderr and the
/// tool's `badInput` code (not CLI11's own 105-109). nullopt: go on.
inline std::optional<int> parseArguments(CLI::App &app, int argc, char **argv,
                                         int badInput = ExitBadInput) {
  std::string tool = argc > 0 ? argv[0] : "";
  tool = tool.substr(tool.find_last_of('/') + 1); // npos + 1 == 0
  app.set_version_flag("--version", tool + " " + kVersion,
                       "print the version and the git commit, and exit");
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError &e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : badInput;
  }
}

/// A progress callback: "tool: line" on stderr once the work has taken
/// more than two seconds (quick runs stay quiet). QSVTC_PROGRESS_AFTER=s
/// sets the delay (0: every line, as the tests use it).
inline std::function<void(const std::string &)> progressLine(const char *tool) {
  const auto start = std::chrono::steady_clock::now();
  const char *after = std::getenv("QSVTC_PROGRESS_AFTER");
  const std::chrono::duration<double> delay(after ? std::atof(after) : 2.0);
  return [tool, start, delay](const std::string &line) {
    if (std::chrono::steady_clock::now() - start >= delay)
      std::cerr << tool << ": " << line << "\n";
  };
}

/// Runs `body` (returning the exit code) and reports what escapes it.
/// `badInput` is the tool's code for bad input (qsvt-verify uses 2).
template <class Body> int guardedMain(const char *tool, Body body, int badInput = ExitBadInput) {
  auto bug = [&](const std::string &what) {
    std::cerr << tool << ": " << what
              << "\n(this is a bug in qsvtc, not in your input: please report it with the "
                 "command line and input files)\n";
    return ExitInternalError;
  };
  try {
    return body();
  } catch (const NotSupportedError &e) {
    reportError(tool, e.what());
    return ExitNotSupported;
  } catch (const Error &e) {
    reportError(tool, e.what());
    return badInput;
  } catch (const InternalError &e) {
    return bug(e.what());
  } catch (const nlohmann::json::exception &e) {
    reportError(tool, std::string("malformed JSON input: ") + e.what());
    return badInput;
  } catch (const std::bad_alloc &) {
    reportError(tool, "out of memory (the circuit, or a stage's data, does not fit in this "
                      "machine's memory); no output written");
    return badInput;
  } catch (const std::exception &e) {
    return bug(std::string("internal error: unexpected exception: ") + e.what());
  } catch (...) {
    return bug("internal error: unexpected exception of unknown type");
  }
}

} // namespace qsvtc::tools

#endif // QSVTC_TOOLS_MAIN_H
