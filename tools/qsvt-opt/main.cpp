//===- qsvt-opt/main.cpp - Run passes on IR text (mlir-opt style) ---------===//
//
//   qsvt-opt in.mlir --canonicalize --dce [-o out.mlir]
//   qsvt-opt in.mlir --pass-pipeline=canonicalize,dce
//   qsvt-opt cases.mlir --split-input-file     one module per "// -----" chunk
//
// Pass flags run in the order given. With --split-input-file each chunk is
// processed alone (diagnostics keep the whole file's line numbers) and the
// outputs are joined by "// -----"; the exit code is 1 if any chunk failed.
//
//===----------------------------------------------------------------------===//
#include "../common/PassOptions.h"

#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/passes/PassManager.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

#include <cstring>
#include <iostream>
#include <sstream>

using namespace qsvtc;

namespace {

/// Chunks of `text` split at lines starting with "// -----"; each chunk is
/// padded with the newlines before it so line numbers stay those of the file.
std::vector<std::string> splitInput(const std::string &text) {
  std::vector<std::string> chunks;
  std::istringstream in(text);
  std::string line, current;
  std::size_t lineCount = 0, chunkStart = 0;
  while (std::getline(in, line)) {
    if (line.rfind("// -----", 0) == 0) {
      chunks.push_back(std::string(chunkStart, '\n') + current);
      current.clear();
      chunkStart = lineCount + 1;
    } else {
      current += line + "\n";
    }
    ++lineCount;
  }
  chunks.push_back(std::string(chunkStart, '\n') + current);
  return chunks;
}

std::string runOne(const std::string &text, const std::string &fileName,
                   const passes::PassManager &pm, bool printLocations) {
  std::unique_ptr<ir::Module> module = ir::parseModule(text, fileName);
  ir::verify(*module);
  pm.run(*module, std::cerr);
  return ir::print(*module, {printLocations});
}

} // namespace

static int run(int argc, char **argv) {
  CLI::App app{"qsvt-opt: read qsvtc IR, run passes, write IR"};
  std::string input, output = "-", pipeline;
  bool split = false, listOps = false;
  tools::PassFlags flags;
  app.add_option("input", input, "IR file ('-' for stdin)");
  app.add_flag("--list-ops", listOps, "list every op of the qt and qsvt dialects and exit");
  app.add_option("-o", output, "output file ('-' for stdout)")->capture_default_str();
  app.add_option("--pass-pipeline", pipeline, "comma-separated passes to run");
  app.add_flag("--split-input-file", split, "process each '// -----' chunk separately");
  flags.add(app);
  // One flag per registered pass; their order on the command line is the
  // pipeline order, so they are collected from argv below.
  std::vector<std::string> passFlags;
  for (const passes::PassInfo &pass : passes::allPasses())
    app.add_flag("--" + pass.name, pass.summary);
  if (std::optional<int> code = tools::parseArguments(app, argc, argv))
    return *code;
  if (listOps) {
    for (const ir::OpDefinition *op : ir::allOps())
      std::cout << op->name << "  " << op->summary << "\n";
    return 0;
  }
  if (input.empty()) {
    std::cerr << "qsvt-opt: error: no input file (see --help)\n";
    return tools::ExitBadInput;
  }
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--", 2) == 0 && passes::lookupPass(argv[i] + 2))
      passFlags.push_back(argv[i] + 2);

  checkOutputPath(output, {input});
  passes::PassManager pm(flags.options());
  if (!pipeline.empty())
    pm.addPipeline(pipeline);
  for (const std::string &name : passFlags)
    pm.addPass(name);
  std::string text =
      input == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {}) : readFile(input);
  if (!split) {
    writeFileAtomically(output, runOne(text, input, pm, flags.printLocations));
    return 0;
  }
  std::string result;
  bool failed = false;
  std::vector<std::string> chunks = splitInput(text);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    if (i)
      result += "// -----\n";
    try {
      result += runOne(chunks[i], input, pm, flags.printLocations);
    } catch (const Error &e) {
      tools::reportError("qsvt-opt", e.what());
      failed = true;
    }
  }
  if (failed)
    return tools::ExitBadInput;
  writeFileAtomically(output, result);
  return 0; // errors: guardedMain (tools/common/Main.h) reports them
}

int main(int argc, char **argv) {
  return qsvtc::tools::guardedMain("qsvt-opt", [&] { return run(argc, argv); });
}
