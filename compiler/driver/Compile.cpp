//===- Compile.cpp - A model spec through the stages ----------------------===//
//
// Moved from the qsvtc tool so that the Python package compiles the same
// way (driver/Compile.h).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/driver/Compile.h"

#include "qsvtc/backend/Manifest.h"
#include "qsvtc/frontend/Parser.h"
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/passes/Resources.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Stopwatch.h"

#include <ostream>

namespace qsvtc::driver {

bool isIrPath(const std::string &path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".mlir") == 0;
}

std::string baseName(const std::string &path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

namespace {

/// --mode=state: token j's row as a state (state/StateMode.h).
Compiled compileStateMode(const ir::Module &module, const std::string &inputPath,
                          const CompileOptions &options) {
  state::StateCircuit c = state::compileState(module, options.state);
  if (options.stage == passes::Stage::Resources)
    return {options.json ? state::resourcesJson(c).dump(2) + "\n" : state::resourcesTable(c), {}};
  if (c.symbolic)
    throw Error("error: this model has symbolic data: state mode writes its resources "
                "(--emit=resources), not a circuit (its oracles would be opaque and nothing "
                "could verify it)");
  const std::string &name = options.qasmName;
  std::vector<std::string> header = {
      "qsvtc: " + baseName(inputPath) + " -> output '" + c.circuit.outputName + "', token " +
          std::to_string(options.state.token) + " (state mode)",
      "prepares |y_j> = y_j / ||y_j|| on q (q[0] least significant) with anc (flags) in |0>:",
      "  (<0|_anc) U |0> = y_j / alpha, alpha = ||y_j|| = " + std::to_string(c.circuit.alpha) +
          ", error bound " + std::to_string(c.circuit.epsilon) + " (l2, in units of y)",
      "manifest: " + runtime::manifestPathFor(name)};
  Eigen::MatrixXd reference = c.reference;
  return {"",
          {{name, backend::printQasm(c.circuit.program, header),
            backend::manifestJson(c.circuit, reference, name, baseName(inputPath))}}};
}

/// The verified module: a spec through the frontend, or parsed IR.
/// Sets `ast` to the AST's text for --emit=ast (and returns null).
std::unique_ptr<ir::Module> buildModule(const std::string &inputPath, const std::string &text,
                                        const CompileOptions &options, std::string &ast) {
  std::unique_ptr<ir::Module> module;
  if (options.irInput) {
    if (options.stage == passes::Stage::Ast)
      throw Error("--emit=ast needs a model spec (.qtf), not IR");
    module = ir::parseModule(text, inputPath);
  } else {
    SourceFile source(inputPath, text);
    DiagnosticEngine diags(source);
    frontend::ModelAst tree = frontend::parseModel(source, diags);
    diags.throwIfErrors();
    if (options.stage == passes::Stage::Ast) {
      ast = frontend::printAst(tree, source);
      return nullptr;
    }
    module = frontend::buildQtModule(tree, diags);
    diags.throwIfErrors();
  }
  ir::verify(*module);
  return module;
}

} // namespace

Compiled compile(const std::string &inputPath, const std::string &text,
                 const CompileOptions &options, std::ostream &log) {
  const passes::Stage stage = options.stage;
  const auto &progress = options.state.progress; // the run's progress lines
  auto say = [&](const std::string &line) {
    if (progress)
      progress(line);
  };
  std::string ast;
  std::unique_ptr<ir::Module> module = buildModule(inputPath, text, options, ast);
  if (!module)
    return {ast, {}};
  const bool stateStage = stage == passes::Stage::Qasm || stage == passes::Stage::Resources;
  if (options.mode == Mode::State) {
    if (!stateStage && stage != passes::Stage::Qt)
      throw Error("error: --mode=state writes --emit=qt, resources or qasm (its stages have "
                  "no qsvt IR yet)");
    if (stateStage)
      return compileStateMode(*module, inputPath, options);
  }
  // Symbolic data: state mode counts resources only; matrix mode says how
  // a circuit could still be written (--allow-opaque).
  const bool stateCircuit = stage == passes::Stage::Resources || !passes::hasSymbolicData(*module);
  if (options.mode == Mode::Auto && stateStage && stateCircuit && !state::whyNotRowWise(*module)) {
    try {
      return compileStateMode(*module, inputPath, options);
    } catch (const NotSupportedError &e) {
      std::string why = e.what();
      const std::string hint = " (use --mode=matrix)"; // what auto does next
      if (why.size() > hint.size() && why.compare(why.size() - hint.size(), hint.size(), hint) == 0)
        why.resize(why.size() - hint.size());
      log << "qsvtc: note: compiling in matrix mode (--mode=auto): " << why << "\n";
    }
  }
  std::optional<backend::SpecData> spec;
  if (stage == passes::Stage::Qasm)
    // entries and exact outputs, before lowering
    spec = backend::readSpec(*module, options.emit.allowOpaque);
  passes::PassManager pm(options.passes);
  const bool symbolic = passes::hasSymbolicData(*module);
  passes::buildPipeline(stage, pm, symbolic);
  pm.run(*module, log);
  if (stage == passes::Stage::Resources) {
    say("counting resources");
    passes::ResourceReport report = passes::estimateResources(*module);
    if (!symbolic)
      say("building the circuits to count their gates");
    if (symbolic)
      for (passes::OutputResources &out : report.outputs)
        out.circuit = {{"unavailable", "symbolic data: no circuit is built (its gates and "
                                       "depth need the entries)"}};
    else
      passes::attachCircuits(report, backend::countCircuits(*module, options.emit));
    return {options.json ? passes::resourcesJson(report) : passes::resourcesTable(report), {}};
  }
  if (stage == passes::Stage::Qasm) {
    say("building the circuits");
    Stopwatch watch;
    Compiled c{"", backend::emitFiles(*module, *spec, options.qasmName, baseName(inputPath),
                                      options.emit)};
    if (options.passes.timePasses)
      log << "   backend: circuit, counts and manifest built in " << watch.seconds() << " s\n";
    return c;
  }
  return {ir::print(*module, {options.printLocations}), {}};
}

} // namespace qsvtc::driver
