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
// Runs the frontend (parse, check, build qt IR), then the passes up to the
// requested stage, and writes that stage's text. Exit 1 on bad input, 3 for
// a construction not built yet; no output file is written on failure.
//
//===----------------------------------------------------------------------===//
#include "../common/PassOptions.h"

#include "qsvtc/backend/Backend.h"
#include "qsvtc/backend/Manifest.h"
#include "qsvtc/frontend/Parser.h"
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/passes/Pipeline.h"
#include "qsvtc/passes/Resources.h"
#include "qsvtc/state/StateMode.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <new>

using namespace qsvtc;

namespace {

/// Wall time since construction (--time-passes' backend lines).
struct Stopwatch {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

bool isIrFile(const std::string &path, const std::string &language) {
  if (!language.empty())
    return language == "ir";
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".mlir") == 0;
}

std::string baseName(const std::string &path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// The stage's text, or for --emit=qasm each output's circuit and manifest.
struct Compiled {
  std::string text;
  std::vector<backend::QasmFiles> qasm;
};

/// --mode=state: token j's row as a state (state/StateMode.h).
Compiled compileStateMode(const ir::Module &module, passes::Stage stage, bool json,
                          const std::string &qasmPath, const std::string &inputPath,
                          const state::StateOptions &options) {
  state::StateCircuit c = state::compileState(module, options);
  if (stage == passes::Stage::Resources) {
    return {json ? state::resourcesJson(c).dump(2) + "\n" : state::resourcesTable(c), {}};
  }
  if (c.symbolic)
    throw Error("error: this model has symbolic data: state mode writes its resources "
                "(--emit=resources), not a circuit (its oracles would be opaque and nothing "
                "could verify it)");
  const int64_t token = options.token;
  const std::string name = baseName(qasmPath);
  std::vector<std::string> header = {
      "qsvtc: " + baseName(inputPath) + " -> output '" + c.circuit.outputName + "', token " +
          std::to_string(token) + " (state mode)",
      "prepares |y_j> = y_j / ||y_j|| on q (q[0] least significant) with anc (flags) in |0>:",
      "  (<0|_anc) U |0> = y_j / alpha, alpha = ||y_j|| = " + std::to_string(c.circuit.alpha) +
          ", error bound " + std::to_string(c.circuit.epsilon) + " (l2, in units of y)",
      "manifest: " + name.substr(0, name.rfind('.')) + ".manifest.json"};
  Eigen::MatrixXd reference = c.reference;
  return {"",
          {{name, backend::printQasm(c.circuit.program, header),
            backend::manifestJson(c.circuit, reference, name, baseName(inputPath))}}};
}

/// --mode: auto picks state mode for row-wise models (state::whyNotRowWise)
/// whose every op state mode has a construction for, matrix otherwise.
enum class Mode { Auto, Matrix, State };

Compiled compile(const std::string &inputPath, const std::string &language, passes::Stage stage,
                 const tools::PassFlags &flags, bool json, const std::string &qasmPath,
                 const backend::EmitOptions &emitOptions, Mode mode,
                 const state::StateOptions &stateOptions) {
  const auto &progress = stateOptions.progress; // the run's progress lines
  std::string text = readFile(inputPath);
  std::unique_ptr<ir::Module> module;
  if (isIrFile(inputPath, language)) {
    if (stage == passes::Stage::Ast)
      throw Error("--emit=ast needs a model spec (.qtf), not IR");
    module = ir::parseModule(text, inputPath);
    ir::verify(*module);
  } else {
    SourceFile source(inputPath, text);
    DiagnosticEngine diags(source);
    frontend::ModelAst ast = frontend::parseModel(source, diags);
    diags.throwIfErrors();
    if (stage == passes::Stage::Ast)
      return {frontend::printAst(ast, source), {}};
    module = frontend::buildQtModule(ast, diags);
    diags.throwIfErrors();
    ir::verify(*module);
  }
  const bool stateStage = stage == passes::Stage::Qasm || stage == passes::Stage::Resources;
  if (mode == Mode::State) {
    if (!stateStage && stage != passes::Stage::Qt)
      throw Error("error: --mode=state writes --emit=qt, resources or qasm (its stages have "
                  "no qsvt IR yet)");
    if (stateStage)
      return compileStateMode(*module, stage, json, qasmPath, inputPath, stateOptions);
  }
  // Symbolic data: state mode counts resources only; matrix mode says how
  // a circuit could still be written (--allow-opaque).
  const bool stateCircuit = stage == passes::Stage::Resources || !passes::hasSymbolicData(*module);
  if (mode == Mode::Auto && stateStage && stateCircuit && !state::whyNotRowWise(*module)) {
    try {
      return compileStateMode(*module, stage, json, qasmPath, inputPath, stateOptions);
    } catch (const NotSupportedError &e) {
      std::string why = e.what();
      const std::string hint = " (use --mode=matrix)"; // what auto does next
      if (why.size() > hint.size() && why.compare(why.size() - hint.size(), hint.size(), hint) == 0)
        why.resize(why.size() - hint.size());
      std::cerr << "qsvtc: note: compiling in matrix mode (--mode=auto): " << why << "\n";
    }
  }
  std::optional<backend::SpecData> spec;
  if (stage == passes::Stage::Qasm)
    // entries and exact outputs, before lowering
    spec = backend::readSpec(*module, emitOptions.allowOpaque);
  passes::PassManager pm(flags.options());
  const bool symbolic = passes::hasSymbolicData(*module);
  passes::buildPipeline(stage, pm, symbolic);
  pm.run(*module, std::cerr);
  if (stage == passes::Stage::Resources) {
    progress("counting resources");
    passes::ResourceReport report = passes::estimateResources(*module);
    if (!symbolic)
      progress("building the circuits to count their gates");
    if (symbolic)
      for (passes::OutputResources &out : report.outputs)
        out.circuit = {{"unavailable", "symbolic data: no circuit is built (its gates and "
                                       "depth need the entries)"}};
    else
      passes::attachCircuits(report, backend::countCircuits(*module, emitOptions));
    return {json ? passes::resourcesJson(report) : passes::resourcesTable(report), {}};
  }
  if (stage == passes::Stage::Qasm) {
    progress("building the circuits");
    Stopwatch watch;
    Compiled c{"", backend::emitFiles(*module, *spec, baseName(qasmPath), baseName(inputPath),
                                      emitOptions)};
    if (flags.timePasses)
      std::cerr << "   backend: circuit, counts and manifest built in " << watch.seconds()
                << " s\n";
    return c;
  }
  return {ir::print(*module, {flags.printLocations}), {}};
}

/// model.qasm -> model.manifest.json (beside it).
std::string manifestPath(const std::string &qasmPath) {
  std::string stem = qasmPath;
  if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".qasm") == 0)
    stem.resize(stem.size() - 5);
  return stem + ".manifest.json";
}

/// `name` in the directory of `path`.
std::string besidePath(const std::string &path, const std::string &name) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? name : path.substr(0, slash + 1) + name;
}

/// Writes every output's manifest, then every circuit: a .qasm on disk
/// always has its manifest; on failure, nothing written stays.
void writeQasmFiles(const std::string &output, const std::vector<backend::QasmFiles> &files) {
  std::vector<std::string> written;
  try {
    for (const backend::QasmFiles &f : files) {
      std::string path = manifestPath(besidePath(output, f.qasmName));
      writeFileAtomically(path, f.manifest);
      written.push_back(path);
    }
    for (const backend::QasmFiles &f : files) {
      std::string path = besidePath(output, f.qasmName);
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
  std::string stem = baseName(inputPath);
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
                 "attention, residual sums, layer/RMS norm, GELU/SiLU/tanh/sigmoid/ReLU); matrix: "
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
    const Mode chosen = mode == "state" || stateOptions     ? Mode::State
                        : mode == "matrix" || matrixOptions ? Mode::Matrix
                                                            : Mode::Auto;
    checkOutputPath(output, {input}); // before the work: a bad -o fails fast
    if (qasm)
      checkOutputPath(manifestPath(output), {input});
    Compiled c =
        compile(input, language, *stage, flags, format == "json", output, emitOptions, chosen,
                state::StateOptions{token, amplitudes == "bounded", tools::progressLine("qsvtc")});
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
