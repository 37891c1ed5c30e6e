//===- Backend.cpp - qsvtc --emit=qasm: circuit and manifest --------------===//
#include "qsvtc/backend/Backend.h"

#include "qsvtc/backend/Decompose.h"
#include "qsvtc/backend/Emitter.h"
#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/backend/Manifest.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/support/Error.h"

#include <cctype>

namespace qsvtc::backend {

SpecData readSpec(const ir::Module &qt, bool allowOpaque) {
  SpecData spec;
  for (const auto &op : qt.operations)
    if ((op->getName() == "qt.input" || op->getName() == "qt.weight") &&
        !ir::explicitValues(*op)) {
      if (!allowOpaque)
        throw symbolicDataError(op->location.str(), op->getAttr("name").getString());
      spec.symbolic = true;
    }
  if (!spec.symbolic)
    spec.outputs = interp::evaluateOutputs(qt);
  return spec;
}

namespace {

/// `name` with every character a file name should not have replaced by '_'.
std::string fileSafe(const std::string &name) {
  std::string out;
  for (char ch : name)
    out += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' ? ch : '_';
  return out;
}

/// The circuit as written: whole registers only, modifiers lowered when
/// asked.
void finish(EmittedCircuit &circuit, const EmitOptions &options) {
  int64_t dim = int64_t{1} << circuit.dataQubits;
  // A polynomial of a zero-padded block is p(0) on the padding, not 0: the
  // manifest would need the padded function. Only whole registers for now.
  int64_t rows = circuit.shape[0], cols = circuit.shape[1];
  if (rows != dim || (cols != dim && cols != 1))
    throw NotSupportedError("output '" + circuit.outputName + "' is " + std::to_string(rows) +
                            " x " + std::to_string(cols) +
                            ": outputs that are not 2^n x 2^n or 2^n x 1 are not emitted yet");
  if (options.decompose)
    circuit.program = decomposeModifiers(circuit.program);
}

QasmFiles emitOne(EmittedCircuit &circuit, const std::optional<Eigen::MatrixXd> &reference,
                  const std::string &qasmName, const std::string &sourceName,
                  const EmitOptions &options) {
  finish(circuit, options);
  std::vector<std::string> header = {
      "qsvtc: " + sourceName + " -> output '" + circuit.outputName + "'",
      "block encoding on q (data, q[0] least significant) and anc (ancillas, |0>):",
      "  <0|U|0> = output / alpha, alpha = " + std::to_string(circuit.alpha) +
          ", error bound " + std::to_string(circuit.epsilon) + " (spectral norm)",
      "manifest: " + qasmName.substr(0, qasmName.rfind('.')) + ".manifest.json"};
  if (options.decompose)
    header.push_back("decomposed (--decompose): no gate modifiers; register work (if "
                     "any) holds Toffoli-ladder qubits, |0> in and out");
  if (!circuit.opaqueGates.empty())
    header.push_back("OPAQUE ORACLES (--allow-opaque): the defcal statements below stand for "
                     "block encodings of symbolic data; this circuit cannot be simulated "
                     "until they are supplied");
  return {qasmName, printQasm(circuit.program, header),
          manifestJson(circuit, reference, qasmName, sourceName)};
}

} // namespace

std::vector<QasmFiles> emitFiles(const ir::Module &lowered, const SpecData &spec,
                                 const std::string &qasmName, const std::string &sourceName,
                                 const EmitOptions &options) {
  std::vector<EmittedCircuit> circuits = emitQasm(lowered, options.allowOpaque);
  if (!spec.symbolic && spec.outputs.size() != circuits.size())
    throw Error("internal error: " + std::to_string(spec.outputs.size()) +
                " exact outputs for " + std::to_string(circuits.size()) + " circuits");
  const std::string stem = qasmName.substr(0, qasmName.rfind('.'));
  std::vector<QasmFiles> files;
  for (std::size_t k = 0; k < circuits.size(); ++k) {
    std::string name =
        k == 0 ? qasmName : stem + "." + fileSafe(circuits[k].outputName) + ".qasm";
    for (const QasmFiles &f : files)
      if (f.qasmName == name) // two outputs of one name: number them
        name = stem + "." + std::to_string(k) + ".qasm";
    std::optional<Eigen::MatrixXd> reference;
    if (!spec.symbolic)
      reference = spec.outputs[k];
    files.push_back(emitOne(circuits[k], reference, name, sourceName, options));
  }
  return files;
}

void countCircuits(const ir::Module &lowered, passes::ResourceReport &report,
                   const EmitOptions &options) {
  auto unavailable = [](const std::string &why) {
    return nlohmann::ordered_json{{"unavailable", why}};
  };
  std::vector<EmittedCircuit> circuits;
  try {
    circuits = emitQasm(lowered, options.allowOpaque);
  } catch (const NotSupportedError &e) {
    for (passes::OutputResources &out : report.outputs)
      out.circuit = unavailable(e.what());
    return;
  }
  if (circuits.size() != report.outputs.size())
    throw Error("internal error: " + std::to_string(circuits.size()) + " circuits for " +
                std::to_string(report.outputs.size()) + " outputs");
  for (std::size_t k = 0; k < circuits.size(); ++k) {
    try {
      finish(circuits[k], options);
    } catch (const NotSupportedError &e) {
      report.outputs[k].circuit = unavailable(e.what());
      continue;
    }
    report.outputs[k].circuit = countGates(circuits[k].program).toJson();
    report.outputs[k].circuit["decomposed"] = options.decompose;
  }
}

} // namespace qsvtc::backend
