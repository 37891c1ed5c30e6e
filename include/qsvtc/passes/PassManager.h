//===- PassManager.h - Named passes and pipelines ---------------*- C++ -*-===//
//
// Every transformation of the IR is a pass registered once under a
// kebab-case name with a one-line summary; that entry drives
// `qsvt-opt --<name>`, `--pass-pipeline=a,b`, `--help`, and the pipelines
// qsvtc builds. The pass manager runs passes in order, verifies the module
// after each one (a pass that breaks the IR is reported by name), and can
// print the IR after every pass or after named ones, and time each pass.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_PASSES_PASSMANAGER_H
#define QSVTC_PASSES_PASSMANAGER_H

#include "qsvtc/ir/Module.h"

#include <functional>
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

namespace qsvtc::passes {

struct PassInfo {
  std::string name;    // kebab-case, e.g. "canonicalize"
  std::string summary; // one line, for --help
  /// Runs the pass; returns true if it changed the module. Throws
  /// qsvtc::Error for input it cannot handle.
  std::function<bool(ir::Module &)> run;
  /// For passes that may run for seconds: used instead of `run`, with the
  /// pass manager's log (stderr in the tools) for progress lines.
  std::function<bool(ir::Module &, std::ostream &progress)> runWithProgress = nullptr;
};

/// Every registered pass, in registration order.
const std::vector<PassInfo> &allPasses();
/// The pass called `name`, or nullptr.
const PassInfo *lookupPass(const std::string &name);

struct PassManagerOptions {
  bool printAfterAll = false;
  std::set<std::string> printAfter; // pass names
  bool timePasses = false;
  bool verifyEach = true;
};

class PassManager {
public:
  explicit PassManager(PassManagerOptions options = {}) : options(std::move(options)) {}

  /// Appends the pass `name`; throws qsvtc::Error for an unknown name.
  void addPass(const std::string &name);
  /// Appends "a,b,c"; throws for an unknown or empty name.
  void addPipeline(const std::string &pipeline);
  const std::vector<const PassInfo *> &getPasses() const { return pipeline; }

  /// Runs the pipeline; IR dumps and the timing report go to `log`
  /// (stderr in the tools). Throws qsvtc::Error naming the failing pass.
  void run(ir::Module &module, std::ostream &log) const;

private:
  PassManagerOptions options;
  std::vector<const PassInfo *> pipeline;
};

} // namespace qsvtc::passes

#endif // QSVTC_PASSES_PASSMANAGER_H
