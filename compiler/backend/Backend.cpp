//===- Backend.cpp - qsvtc --emit=qasm: circuit and manifest --------------===//
#include "qsvtc/backend/Backend.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"

#include "qsvtc/backend/Decompose.h"
#include "qsvtc/backend/Emitter.h"
#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/backend/Manifest.h"
#include "qsvtc/interp/Lowered.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Synthesis.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace qsvtc::backend {

SpecData readSpec(const ir::Module &module, bool allowOpaque) {
  // IR read at a later stage (qsvt, poly, phases) has no qt ops left: its
  // reference is what its ops stand for, exactly (interp/Lowered.h).
  const bool lowered = std::any_of(module.operations.begin(), module.operations.end(),
                                   [](const auto &op) { return !ops::qt::tensorOp(*op); });
  SpecData spec;
  for (const auto &op : module.operations) {
    const bool data =
        lowered ? ops::is<ops::Lcu>(*op) && ir::hasSourceData(*op) : ops::qt::isSource(*op);
    if (data && !ir::explicitValues(*op)) {
      if (!allowOpaque)
        throw symbolicDataError(op->location.str(),
                                lowered ? ops::lcuSource(*op) : ops::qt::sourceName(*op));
      spec.symbolic = true;
    }
  }
  if (!spec.symbolic)
    spec.outputs = lowered ? interp::loweredOutputs(module, interp::Semantics::Exact)
                           : interp::evaluateOutputs(module);
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

/// The circuit as written, modifiers lowered when asked. (Outputs of any
/// shape: the lowering zeroes their padding, LowerLinear.cpp.)
void finish(EmittedCircuit &circuit, const EmitOptions &options) {
  if (options.decompose) { // new definitions, which claim nothing
    circuit.program = decomposeModifiers(circuit.program);
    circuit.valueGates.clear();
  }
}

QasmFiles emitOne(EmittedCircuit &circuit, const std::optional<Eigen::MatrixXd> &reference,
                  const std::string &qasmName, const std::string &sourceName,
                  const EmitOptions &options, const interp::BlockValues *values) {
  finish(circuit, options);
  std::vector<std::string> header = {
      "qsvtc: " + sourceName + " -> output '" + circuit.outputName + "'",
      "block encoding on q (data, q[0] least significant) and anc (ancillas, |0>):",
      "  <0|U|0> = output / alpha, alpha = " + std::to_string(circuit.alpha) + ", error bound " +
          std::to_string(circuit.epsilon) + " (spectral norm)",
      "manifest: " + qasmName.substr(0, qasmName.rfind('.')) + ".manifest.json"};
  if (options.decompose)
    header.push_back("decomposed (--decompose): no gate modifiers; register work (if "
                     "any) holds Toffoli-ladder qubits, |0> in and out");
  if (!circuit.opaqueGates.empty())
    header.push_back("OPAQUE ORACLES (--allow-opaque): the defcal statements below stand for "
                     "block encodings of symbolic data; this circuit cannot be simulated "
                     "until they are supplied");
  return {qasmName, printQasm(circuit.program, header),
          manifestJson(circuit, reference, qasmName, sourceName, values)};
}

} // namespace

std::vector<QasmFiles> emitFiles(const ir::Module &lowered, const SpecData &spec,
                                 const std::string &qasmName, const std::string &sourceName,
                                 const EmitOptions &options) {
  std::vector<EmittedCircuit> circuits = emitQasm(lowered, options.allowOpaque);
  if (!spec.symbolic && spec.outputs.size() != circuits.size())
    throw InternalError(std::to_string(spec.outputs.size()) + " exact outputs for " +
                        std::to_string(circuits.size()) + " circuits");
  const std::string stem = qasmName.substr(0, qasmName.rfind('.'));
  // The values the definitions claim; none for what the lowered
  // interpreter cannot evaluate (symbolic data, convolutions): claims are
  // optional, and the circuit does not depend on them.
  std::optional<interp::BlockValues> values;
  if (!spec.symbolic && !options.decompose) {
    try {
      values = interp::evaluateLowered(lowered, interp::Semantics::Polynomial);
    } catch (const Error &) { // NotSupportedError included
    }
  }
  std::vector<QasmFiles> files;
  for (std::size_t k = 0; k < circuits.size(); ++k) {
    std::string name = k == 0 ? qasmName : stem + "." + fileSafe(circuits[k].outputName) + ".qasm";
    for (const QasmFiles &f : files)
      if (f.qasmName == name) // two outputs of one name: number them
        name = stem + "." + std::to_string(k) + ".qasm";
    std::optional<Eigen::MatrixXd> reference;
    if (!spec.symbolic)
      reference = spec.outputs[k];
    files.push_back(
        emitOne(circuits[k], reference, name, sourceName, options, values ? &*values : nullptr));
  }
  return files;
}

/// A decomposed circuit is Clifford gates, t/tdg, Toffolis and rotations:
/// its whole T-count (data oracles included, which the IR-level count
/// leaves to their queries) is rotations x T each (tenth of eps spread over
/// them all, as the IR-level count does) + 7 per ccx + 1 per t/tdg.
void addCliffordTCount(nlohmann::ordered_json &circuit, const GateCounts &counts, double epsilon) {
  static const std::set<std::string> clifford = {"x",  "y",  "z",    "h",  "s",     "sdg",
                                                 "cx", "cz", "swap", "id", "gphase"};
  static const std::set<std::string> rotations = {"rx", "ry", "rz", "p"};
  double rotationCount = 0, tGates = 0;
  for (const auto &[gate, n] : counts.gates) {
    if (rotations.count(gate))
      rotationCount += n;
    else if (gate == "ccx")
      tGates += 7 * n;
    else if (gate == "t" || gate == "tdg")
      tGates += n;
    else if (!clifford.count(gate))
      return; // an opaque oracle or an unexpected gate: no T-count
  }
  const double rotationEpsilon = rotationCount > 0 ? epsilon / (10 * rotationCount) : 0;
  circuit["rotations"] = rotationCount;
  circuit["rotation_epsilon"] = rotationEpsilon;
  circuit["t_count"] =
      tGates + (rotationCount > 0 ? rotationCount * tPerRotation(rotationEpsilon) : 0);
}

std::vector<nlohmann::ordered_json> countCircuits(const ir::Module &lowered,
                                                  const EmitOptions &options) {
  auto unavailable = [](const std::string &why) {
    return nlohmann::ordered_json{{"unavailable", why}};
  };
  std::vector<EmittedCircuit> circuits;
  try {
    circuits = emitQasm(lowered, options.allowOpaque);
  } catch (const NotSupportedError &e) {
    std::size_t outputs = 0;
    for (const auto &op : lowered.operations)
      outputs += ops::is<ops::Output>(*op);
    return std::vector<nlohmann::ordered_json>(outputs, unavailable(e.what()));
  }
  std::vector<nlohmann::ordered_json> counted;
  for (EmittedCircuit &circuit : circuits) {
    try {
      finish(circuit, options);
    } catch (const Error &e) { // a shape not emitted yet, or too large to decompose
      counted.push_back(unavailable(e.what()));
      continue;
    }
    const GateCounts counts = countGates(circuit.program);
    counted.push_back(counts.toJson());
    counted.back()["decomposed"] = options.decompose;
    if (options.decompose)
      addCliffordTCount(counted.back(), counts, circuit.epsilon);
  }
  return counted;
}

} // namespace qsvtc::backend
