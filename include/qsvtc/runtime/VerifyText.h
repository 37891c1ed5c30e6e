//===- VerifyText.h - A circuit's text against its manifest's -----*- C++ -*-===//
//
// What qsvt-verify runs, as one function over texts: read the circuit with
// the runtime's own OpenQASM 3 reader, then simulate it whole (Verifier.h)
// or definition by definition (Compositional.h). The tool and the Python
// package's qsvtc.verify call it.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_VERIFYTEXT_H
#define QSVTC_RUNTIME_VERIFYTEXT_H

#include "qsvtc/runtime/Compositional.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace qsvtc::runtime {

struct VerifyOutcome {
  VerifyReport top;              ///< the whole circuit against the reference
  bool pass = false;             ///< top, and with compositional every claim
  nlohmann::ordered_json report; ///< qsvt-verify --json
  std::string summary;           ///< its one line for humans
};

/// `qasmName` and `manifestName` locate diagnostics. The manifest's text is
/// asked for once the circuit has been read, so that a circuit's own errors
/// come first. `compositional` uses `limits`; otherwise only their
/// progress. Throws DiagnosticError or runtime::Error on bad input.
VerifyOutcome verifyText(const std::string &qasm, const std::string &qasmName,
                         const std::function<std::string()> &manifest,
                         const std::string &manifestName, bool compositional,
                         const CompositionalOptions &limits);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_VERIFYTEXT_H
