//===- qsvtc/main.cpp - The model compiler driver -------------------------===//
//
//   qsvtc model.qtf --emit=ast|qt|qsvt|poly|phases|resources [-o out]
//   qsvtc model.qtf --emit=qasm [-o model.qasm]   (+ model.manifest.json; a
//         second output y: model.y.qasm + model.y.manifest.json)
//         [--decompose] [--allow-opaque]
//   qsvtc model.qtf --emit=resources [--format=json] [--decompose]
//   qsvtc module.mlir --emit=...      start from printed IR instead
//   --mode=auto|state|matrix [--token=J] [--amplitudes=known|bounded]
//         auto (default): --emit=qasm and resources of a row-wise model
//         (state::whyNotRowWise) compile token J as a state when state mode
//         has every op, matrix mode otherwise (a note says why)
//
// Parses the flags, runs driver::compile (frontend, then the passes up to
// the requested stage) and writes that stage's text. Exit 1 on bad input, 3 for
// a construction not built yet; no output file is written on failure.
//
//===----------------------------------------------------------------------===//
#include "../common/PassOptions.h"

#include "qsvtc/driver/Compile.h"
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/runtime/FileIO.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/Stopwatch.h"

#include <cstdio>
#include <iostream>
#include <new>

using namespace qsvtc;

namespace {

/// Writes every output's manifest, then every circuit: a .qasm on disk
/// always has its manifest; on failure, nothing written stays.
void writeQasmFiles(const std::string &output, const std::vector<backend::QasmFiles> &files) {
  std::vector<std::string> written;
  try {
    for (const backend::QasmFiles &f : files) {
      std::string path = runtime::manifestPathFor(runtime::directoryOf(output) + f.qasmName);
      writeFileAtomically(path, f.manifest);
      written.push_back(path);
    }
    for (const backend::QasmFiles &f : files) {
      std::string path = runtime::directoryOf(output) + f.qasmName;
      writeFileAtomically(path, f.qasm);
      written.push_back(path);
    }
  } catch (...) { // no partial output, whatever failed
    for (const std::string &path : written)
      std::remove(path.c_str());
    throw;
  }
}

/// --emit=qasm without -o: <input stem>.qasm in the current directory.
std::string defaultQasmPath(const std::string &inputPath) {
  std::string stem = driver::baseName(inputPath);
  std::size_t dot = stem.rfind('.');
  if (dot != std::string::npos && dot > 0)
    stem.resize(dot);
  return stem + ".qasm";
}

} // namespace

static int run(int argc, char **argv) {
  CLI::App app{"qsvtc: compile a model spec (.qtf) to QSVT circuits, stage by stage"};
  std::string input, output = "-", emit = "qt", language, format = "table";
  tools::PassFlags flags;
  backend::EmitOptions emitOptions;
  app.add_option("input", input, "model spec (.qtf) or IR (.mlir)")->required();
  app.add_option("--emit", emit, "stage to write: " + passes::stageList())->capture_default_str();
  app.add_option("-o", output,
                 "output file ('-' for stdout); --emit=qasm writes FILE.qasm and "
                 "FILE.manifest.json beside it (default: <input stem>.qasm), and for each "
                 "further output FILE.<its name>.qasm and its manifest")
      ->capture_default_str();
  app.add_option("-x", language, "input language: qtf or ir (default: by suffix)")
      ->check(CLI::IsMember({"qtf", "ir"}));
  app.add_option("--format", format, "--emit=resources as a table or JSON")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  app.add_flag("--decompose", emitOptions.decompose,
               "--emit=qasm without gate modifiers: ctrl/negctrl/inv lowered to cx, ccx and "
               "one-qubit gates (Toffoli ladders on a 'work' register); with "
               "--emit=resources, count that circuit's gates");
  app.add_flag("--allow-opaque", emitOptions.allowOpaque,
               "--emit=qasm on a symbolic model: its data become opaque oracles (defcal "
               "without a body); the manifest lists them and has no reference");
  std::string mode = "auto", amplitudes = "known";
  int64_t token = 0;
  app.add_option("--mode", mode,
                 "state: prepare one token's output row as a state (row-wise models: "
                 "attention, residual sums, layer/RMS norm, "
                 "GELU/SiLU/Mish/tanh/sigmoid/erf/softplus/ReLU); matrix: "
                 "block-encode whole outputs; auto: state for --emit=qasm and resources when "
                 "the model is row-wise and state mode has all its ops, matrix otherwise")
      ->check(CLI::IsMember({"auto", "matrix", "state"}))
      ->capture_default_str();
  app.add_option("--token", token, "state mode: the row j of the output to prepare (implies it)")
      ->capture_default_str();
  app.add_option(
         "--amplitudes", amplitudes,
         "state mode (implies it): known (exact amplification with the data's amplitudes) or "
         "bounded (fixed-point amplification and norms from the declared norms only, "
         "as for symbolic data)")
      ->check(CLI::IsMember({"known", "bounded"}))
      ->capture_default_str();
  flags.add(app);
  app.add_option("--max-ops", frontend::maxOps,
                 "refuse a model that expands (blocks, repeat) to more IR operations, before "
                 "expanding it")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  if (std::optional<int> code = tools::parseArguments(app, argc, argv))
    return *code;

  std::optional<passes::Stage> stage = passes::parseStage(emit);
  if (!stage) {
    std::cerr << "qsvtc: error: unknown --emit=" << emit << " (expected " << passes::stageList()
              << ")\n";
    return tools::ExitBadInput;
  }
  bool qasm = *stage == passes::Stage::Qasm;
  if (qasm && app.count("-o") == 0)
    output = defaultQasmPath(input);
  if (qasm && output == "-") {
    std::cerr << "qsvtc: error: --emit=qasm writes two files (circuit and manifest): give "
                 "-o FILE.qasm\n";
    return tools::ExitBadInput;
  }
  {
    const bool resources = *stage == passes::Stage::Resources;
    if (emitOptions.decompose && !qasm && !resources)
      throw Error("error: --decompose applies to --emit=qasm and --emit=resources only");
    if (emitOptions.allowOpaque && !qasm)
      throw Error("error: --allow-opaque applies to --emit=qasm only");
    const bool stateOptions = app.count("--token") || app.count("--amplitudes");
    const bool matrixOptions = emitOptions.decompose || emitOptions.allowOpaque;
    if (stateOptions && matrixOptions)
      throw Error("error: --token and --amplitudes (state mode) do not go with --decompose and "
                  "--allow-opaque (matrix mode)");
    if (mode == "state" && matrixOptions)
      throw Error("error: --decompose and --allow-opaque are matrix-mode options");
    if (mode == "matrix" && stateOptions)
      throw Error("error: --token and --amplitudes are state-mode options");
    using driver::Mode;
    const Mode chosen = mode == "state" || stateOptions     ? Mode::State
                        : mode == "matrix" || matrixOptions ? Mode::Matrix
                                                            : Mode::Auto;
    checkOutputPath(output, {input}); // before the work: a bad -o fails fast
    if (qasm)
      checkOutputPath(runtime::manifestPathFor(output), {input});
    driver::CompileOptions options;
    options.stage = *stage;
    options.irInput = language.empty() ? driver::isIrPath(input) : language == "ir";
    options.json = format == "json";
    options.printLocations = flags.printLocations;
    options.passes = flags.options();
    options.emit = emitOptions;
    options.mode = chosen;
    options.state = {token, amplitudes == "bounded", tools::progressLine("qsvtc")};
    options.qasmName = driver::baseName(output);
    const driver::Compiled c = driver::compile(input, readFile(input), options, std::cerr);
    if (qasm) {
      Stopwatch watch;
      writeQasmFiles(output, c.qasm);
      if (flags.timePasses) {
        std::size_t bytes = 0;
        for (const backend::QasmFiles &f : c.qasm)
          bytes += f.qasm.size() + f.manifest.size();
        std::cerr << "   backend: " << bytes / 1e6 << " MB written in " << watch.seconds()
                  << " s\n";
      }
    } else
      writeFileAtomically(output, c.text);
  }
  return 0; // errors: guardedMain (tools/common/Main.h) reports them
}

int main(int argc, char **argv) {
  return qsvtc::tools::guardedMain("qsvtc", [&] { return run(argc, argv); });
}
