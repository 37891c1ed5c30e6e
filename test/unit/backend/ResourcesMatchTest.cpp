//===- ResourcesMatchTest.cpp - The report counts the emitted circuit ----===//
//
// estimate-resources counts symbolically, from the IR; the backend emits
// gates. For models the backend can emit, the report's qubits, oracle
// queries and per-polynomial rotations must be the emitted program's
// (counted by expanding its gate definitions), and the report's gate
// counts and depth (backend::countCircuits) those of the printed file as
// the runtime reads and expands it, plain and --decompose'd.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/backend/Backend.h"
#include "qsvtc/backend/Decompose.h"
#include "qsvtc/backend/Emitter.h"
#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/frontend/Parser.h"
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/passes/Pipeline.h"
#include "qsvtc/passes/Resources.h"
#include "qsvtc/runtime/CircuitStats.h"
#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/support/Diagnostics.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace qsvtc;

namespace {

std::unique_ptr<ir::Module> compileToPhases(const std::string &text) {
  SourceFile source("model.qtf", text);
  DiagnosticEngine diags(source);
  frontend::ModelAst ast = frontend::parseModel(source, diags);
  diags.throwIfErrors();
  std::unique_ptr<ir::Module> module = frontend::buildQtModule(ast, diags);
  diags.throwIfErrors();
  passes::PassManager pm;
  passes::buildPipeline(passes::Stage::Qasm, pm);
  std::ostringstream log;
  pm.run(*module, log);
  return module;
}

/// Rotations a polynomial's own gate applies: rz / crz / ry in its body,
/// and those of the PREPARE definitions it calls.
int64_t ownRotations(const backend::Program &program, const std::string &gate) {
  auto isRotation = [](const std::string &g) { return g == "rz" || g == "crz" || g == "ry"; };
  int64_t n = 0;
  for (const backend::GateCall &call : program.find(gate)->body) {
    if (isRotation(call.gate))
      ++n;
    else if (call.gate.size() > 5 && call.gate.compare(call.gate.size() - 5, 5, "_prep") == 0)
      for (const backend::GateCall &inner : program.find(call.gate)->body)
        n += isRotation(inner.gate) ? 1 : 0;
  }
  return n;
}

/// The report's "circuit" against the file's gates and depth.
void expectCountsMatchFile(const nlohmann::ordered_json &reported,
                           const backend::Program &program) {
  ASSERT_TRUE(reported.contains("gates")) << reported.dump();
  const runtime::CircuitStats file =
      runtime::circuitStats(runtime::readQasm(backend::printQasm(program), "m.qasm"));
  std::map<std::string, double> gates;
  for (const auto &[name, n] : reported["gates"].items())
    gates[name] = n.get<double>();
  EXPECT_EQ(gates, file.gates);
  EXPECT_EQ(reported["total"].get<double>(), file.total());
  EXPECT_TRUE(reported["depth_exact"].get<bool>());
  EXPECT_EQ(reported["depth"].get<double>(), file.depth);
}

void expectReportMatchesCircuit(const std::string &text) {
  std::unique_ptr<ir::Module> module = compileToPhases(text);
  passes::ResourceReport report = passes::estimateResources(*module);
  passes::attachCircuits(report, backend::countCircuits(*module));
  passes::ResourceReport decomposed = passes::estimateResources(*module);
  passes::attachCircuits(decomposed, backend::countCircuits(*module, {/*decompose=*/true}));
  backend::EmittedCircuit circuit = backend::emitQasm(*module).at(0);
  backend::GateCounts counts = backend::countGates(circuit.program);
  ASSERT_EQ(report.outputs.size(), 1u);
  const passes::OutputResources &out = report.outputs[0];
  expectCountsMatchFile(out.circuit, circuit.program);
  EXPECT_FALSE(out.circuit["decomposed"].get<bool>());
  expectCountsMatchFile(decomposed.outputs[0].circuit,
                        backend::decomposeModifiers(circuit.program));
  EXPECT_TRUE(decomposed.outputs[0].circuit["decomposed"].get<bool>());
  EXPECT_EQ(out.dataQubits + out.ancillaQubits, circuit.program.numQubits());
  ASSERT_FALSE(out.queries.empty());
  for (const auto &[source, uses] : out.queries) {
    ASSERT_TRUE(circuit.oracleGates.count(source)) << source;
    EXPECT_EQ(static_cast<int64_t>(uses), counts.runs[circuit.oracleGates.at(source)]) << source;
  }
  ASSERT_FALSE(out.polys.empty());
  for (const passes::PolyCost &p : out.polys) {
    std::string key = p.location + " " + p.fn;
    ASSERT_TRUE(circuit.polynomialGates.count(key)) << key;
    const std::string &gate = circuit.polynomialGates.at(key);
    EXPECT_EQ(static_cast<int64_t>(p.multiplicity), counts.runs[gate]) << p.fn;
    EXPECT_EQ(static_cast<int64_t>(p.rotations / p.multiplicity),
              ownRotations(circuit.program, gate))
        << p.fn;
  }
}

} // namespace

TEST(ResourcesMatchCircuit, MatrixFunctionOfAPauliLcu) {
  expectReportMatchesCircuit(R"(model m {
    weight H[4, 4] = [[0.5, 0.1, 0.0, 0.0], [0.1, -0.2, 0.1, 0.0],
                      [0.0, 0.1, 0.3, 0.1], [0.0, 0.0, 0.1, -0.4]];
    output matrix exp(-0.5 * H) epsilon 1e-6;
  })");
}

TEST(ResourcesMatchCircuit, ElementwiseOfAProduct) {
  expectReportMatchesCircuit(R"(model m {
    input x[2] = [0.6, -0.8];
    weight W[2, 2] = [[0.9, 0.3], [0.3, -0.5]];
    output sigmoid(W @ x) epsilon 1e-4;
  })");
}

TEST(ResourcesMatchCircuit, SumOfAnElementwiseFunctionAndAProduct) {
  expectReportMatchesCircuit(R"(model m {
    input x[2] = [0.6, -0.8];
    weight W[2, 2] = [[0.9, 0.3], [0.3, -0.5]];
    weight V[2, 2] = [[0.2, -0.1], [0.4, 0.3]];
    output exp(W @ x) + V @ x epsilon 1e-3;
  })");
}
