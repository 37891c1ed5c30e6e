//===- VerifyText.cpp - A circuit's text against its manifest's -----------===//
#include "qsvtc/runtime/VerifyText.h"

#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/runtime/Parser.h"

namespace qsvtc::runtime {

VerifyOutcome verifyText(const std::string &qasm, const std::string &qasmName,
                         const std::function<std::string()> &manifest,
                         const std::string &manifestName, bool compositional,
                         const CompositionalOptions &limits) {
  VerifyOutcome out;
  if (compositional) {
    const Program program = parseQasm(SourceFile{qasmName, qasm});
    const CompositionalReport r =
        verifyCompositional(program, parseManifest(manifest(), manifestName), limits);
    out.top = r.top;
    out.pass = r.pass;
    out.report = r.toJson();
    out.summary = r.summary();
  } else {
    const Circuit circuit = readQasm(qasm, qasmName);
    out.top = verify(circuit, parseManifest(manifest(), manifestName), limits.progress);
    out.pass = out.top.pass;
    out.report = out.top.toJson();
    out.summary = out.top.summary();
  }
  return out;
}

} // namespace qsvtc::runtime
