//===- qsvt-verify/main.cpp - Check a .qasm against its manifest ----------===//
//
//   qsvt-verify model.qasm [--manifest model.manifest.json] [--json]
//               [-o report.json] [--compositional]
//
// Reads the circuit with the runtime's own OpenQASM 3 reader, simulates it,
// and compares the block (or output state) with the manifest's reference
// (docs/manifest.md). Exit codes: 0 pass, 1 the comparison failed (the
// report is still written), 2 bad input (nothing is written).
//
//===----------------------------------------------------------------------===//
#include "../common/Main.h"

#include "qsvtc/runtime/Diagnostic.h"
#include "qsvtc/runtime/Error.h"
#include "qsvtc/runtime/FileIO.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/runtime/VerifyText.h"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace qsvtc;
using namespace qsvtc::runtime;

namespace {

constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

} // namespace

static int run(int argc, char **argv) {
  CLI::App app{"qsvt-verify: simulate an OpenQASM 3 circuit and check its "
               "block encoding or output state against the manifest"};
  app.footer("Exit status: 0 pass, 1 verification failed, 2 bad input.\n"
             "Manifest format: docs/manifest.md.");
  std::string qasmFile, manifestFile, output;
  bool json = false;
  app.add_option("qasm", qasmFile, "the OpenQASM 3 circuit")->required();
  app.add_option("--manifest,-m", manifestFile,
                 "the manifest (default: the .qasm path with "
                 ".manifest.json)");
  bool compositional = false;
  CompositionalOptions limits;
  app.add_flag("--compositional", compositional,
               "verify definition by definition from the manifest's \"definitions\" claims: "
               "small definitions simulated, larger ones composed from their parts' verified "
               "blocks (any width; docs/verification.md)");
  app.add_option("--simulate-up-to", limits.simulateUpTo,
                 "--compositional: simulate definitions of at most this many qubits whole "
                 "(0: compose every definition that calls others)")
      ->check(CLI::Range(0, 30))
      ->capture_default_str();
  app.add_option("--max-reduced-qubits", limits.maxReducedQubits,
                 "--compositional: refuse a composition whose reduced circuit is wider")
      ->check(CLI::Range(1, 26))
      ->capture_default_str();
  app.add_flag("--json", json, "print the report as JSON on stdout");
  app.add_option("-o,--output", output, "write the JSON report to a file");
  if (std::optional<int> code = tools::parseArguments(app, argc, argv, kExitBadInput))
    return *code;
  if (manifestFile.empty())
    manifestFile = runtime::manifestPathFor(qasmFile);

  VerifyOutcome outcome;
  limits.progress = tools::progressLine("qsvt-verify");
  try {
    if (!output.empty())
      checkOutputPath(output, {qasmFile, manifestFile});
    outcome = verifyText(
        readTextFile(qasmFile), qasmFile, [&] { return readTextFile(manifestFile); }, manifestFile,
        compositional, limits);
    const std::string text = outcome.report.dump(2) + "\n";
    if (!output.empty())
      writeTextFile(output, text);
    if (json)
      std::cout << text;
    else
      std::cout << "qsvt-verify: " << outcome.summary << "\n";
  } catch (const DiagnosticError &e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const runtime::Error &e) {
    std::cerr << "qsvt-verify: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  const VerifyReport &report = outcome.top;
  if (!report.pass) {
    std::cerr << "qsvt-verify: error: verification failed: " << normName(report.norm) << " error "
              << report.error << " exceeds the bound " << report.bound << "\n";
    return kExitFailed;
  }
  if (!outcome.pass) {
    std::cerr << "qsvt-verify: error: verification failed: a definition's claim does not hold "
                 "or it could not be verified (see the report)\n";
    return kExitFailed;
  }
  return 0;
}

int main(int argc, char **argv) {
  return qsvtc::tools::guardedMain(
      "qsvt-verify", [&] { return run(argc, argv); }, kExitBadInput);
}
