//===- Backend.cpp - qsvtc --emit=qasm: circuit and manifest --------------===//
#include "qsvtc/backend/Backend.h"

#include "qsvtc/backend/Emitter.h"
#include "qsvtc/backend/Manifest.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/support/Error.h"

namespace qsvtc::backend {

SpecData readSpec(const ir::Module &qt) {
  SpecData spec;
  for (const auto &op : qt.operations)
    if ((op->getName() == "qt.input" || op->getName() == "qt.weight") &&
        !ir::explicitValues(*op))
      throw Error(op->location.str() + ": error: '" + op->getAttr("name").getString() +
                  "' is symbolic: a circuit needs its entries (give its values, or ask for "
                  "--emit=resources, which works on symbolic models)");
  spec.outputs = interp::evaluateOutputs(qt);
  return spec;
}

QasmFiles emitFiles(const ir::Module &lowered, const SpecData &spec,
                    const std::string &qasmName, const std::string &sourceName) {
  EmittedCircuit circuit = emitQasm(lowered);
  if (spec.outputs.size() != 1)
    throw NotSupportedError("a model with " + std::to_string(spec.outputs.size()) +
                            " outputs is not emitted yet");
  const Eigen::MatrixXd &reference = spec.outputs[0];
  int64_t dim = int64_t{1} << circuit.dataQubits;
  // A polynomial of a zero-padded block is p(0) on the padding, not 0: the
  // manifest would need the padded function. Only whole registers for now.
  if (reference.rows() != dim || (reference.cols() != dim && reference.cols() != 1))
    throw NotSupportedError("the output is " + std::to_string(reference.rows()) + " x " +
                            std::to_string(reference.cols()) +
                            ": outputs that are not 2^n x 2^n or 2^n x 1 are not emitted yet");
  std::vector<std::string> header = {
      "qsvtc: " + sourceName + " -> output '" + circuit.outputName + "'",
      "block encoding on q (data, q[0] least significant) and anc (ancillas, |0>):",
      "  <0|U|0> = output / alpha, alpha = " + std::to_string(circuit.alpha) +
          ", error bound " + std::to_string(circuit.epsilon) + " (spectral norm)",
      "manifest: " + qasmName.substr(0, qasmName.rfind('.')) + ".manifest.json"};
  return {printQasm(circuit.program, header),
          manifestJson(circuit, reference, qasmName, sourceName)};
}

} // namespace qsvtc::backend
