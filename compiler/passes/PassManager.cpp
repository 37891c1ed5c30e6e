//===- PassManager.cpp - Running pipelines of passes ----------------------===//
#include "qsvtc/passes/PassManager.h"

#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/support/Error.h"

#include <chrono>
#include <cstdio>
#include <ostream>

namespace qsvtc::passes {

void PassManager::addPass(const std::string &name) {
  const PassInfo *pass = lookupPass(name);
  if (!pass) {
    std::string known;
    for (const PassInfo &p : allPasses())
      known += (known.empty() ? "" : ", ") + p.name;
    throw Error("unknown pass '" + name + "' (passes: " + known + ")");
  }
  pipeline.push_back(pass);
}

void PassManager::addPipeline(const std::string &text) {
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    std::string name = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (name.empty())
      throw Error("empty pass name in pipeline '" + text + "'");
    addPass(name);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
}

void PassManager::run(ir::Module &module, std::ostream &log) const {
  using Clock = std::chrono::steady_clock;
  std::vector<double> seconds;
  double verifySeconds = 0;
  auto total = Clock::now();
  for (const PassInfo *pass : pipeline) {
    auto start = Clock::now();
    try {
      if (pass->runWithProgress)
        pass->runWithProgress(module, log);
      else
        pass->run(module);
    } catch (const NotSupportedError &e) {
      throw NotSupportedError("pass '" + pass->name + "' failed: " + e.what());
    } catch (const Error &e) {
      throw Error("pass '" + pass->name + "' failed: " + e.what());
    } catch (const InternalError &e) {
      throw InternalError("in pass '" + pass->name + "': " + e.message());
    }
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (options.verifyEach) {
      auto verifyStart = Clock::now();
      try {
        ir::verify(module);
      } catch (const Error &e) { // a pass broke an invariant: a compiler bug
        throw InternalError("the IR after pass '" + pass->name + "' is invalid:\n" + e.what());
      }
      verifySeconds += std::chrono::duration<double>(Clock::now() - verifyStart).count();
    }
    if (options.printAfterAll || options.printAfter.count(pass->name))
      log << "// -----// IR Dump After " << pass->name << " //----- //\n" << ir::print(module);
  }
  if (!options.timePasses)
    return;
  double all = std::chrono::duration<double>(Clock::now() - total).count();
  char line[160];
  log << "===" << std::string(73, '-') << "===\n"
      << "                         ... Pass execution timing report ...\n"
      << "===" << std::string(73, '-') << "===\n";
  std::snprintf(line, sizeof line, "  Total Execution Time: %.4f seconds\n\n", all);
  log << line << "   ----Wall Time----  ----Name----\n";
  for (std::size_t i = 0; i < pipeline.size(); ++i) {
    std::snprintf(line, sizeof line, "   %.4f (%5.1f%%)  %s\n", seconds[i],
                  all > 0 ? 100 * seconds[i] / all : 0.0, pipeline[i]->name.c_str());
    log << line;
  }
  if (options.verifyEach) {
    std::snprintf(line, sizeof line, "   %.4f (%5.1f%%)  (verifier)\n", verifySeconds,
                  all > 0 ? 100 * verifySeconds / all : 0.0);
    log << line;
  }
  std::snprintf(line, sizeof line, "   %.4f (100.0%%)  Total\n", all);
  log << line;
}

} // namespace qsvtc::passes
