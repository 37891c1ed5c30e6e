//===- Backend.h - qsvtc --emit=qasm: circuit and manifest -----*- C++ -*-===//
//
// The backend needs the model at the qt stage, before lowering, for the
// exact forward pass (the manifest's reference); the entries of inputs and
// weights travel with their qsvt.lcu encodings.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_BACKEND_H
#define QSVTC_BACKEND_BACKEND_H

#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/ir/Module.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <string>

namespace qsvtc::backend {

/// What the user asked of the circuit (qsvtc's flags).
struct EmitOptions {
  bool decompose = false;   ///< --decompose: no gate modifiers (Decompose.h)
  bool allowOpaque = false; ///< --allow-opaque: symbolic data as opaque oracles
};

struct SpecData {
  std::vector<Eigen::MatrixXd> outputs; ///< exact, in output order
  bool symbolic = false;                ///< no outputs: some data has no entries
};

/// Evaluates a module exactly: a qt module by its forward pass, IR of a
/// later stage by what each op stands for. A symbolic input or weight is
/// an Error naming it (a circuit needs numbers) unless `allowOpaque`; then
/// the spec has no reference.
SpecData readSpec(const ir::Module &module, bool allowOpaque = false);

struct QasmFiles {
  std::string qasmName; ///< the circuit's file name, without directory
  std::string qasm, manifest;
};

/// The OpenQASM 3 text and manifest of each output of a module lowered to
/// qsvt.phases (qsvtc's `phases` stage), in output order. The first is
/// named `qasmName`; output k > 0 gets `<stem>.<its name>.qasm`. Each
/// manifest (`<stem>.manifest.json` beside its circuit) records its file.
std::vector<QasmFiles> emitFiles(const ir::Module &lowered, const SpecData &spec,
                                 const std::string &qasmName, const std::string &sourceName,
                                 const EmitOptions &options = {});

/// For a decomposed circuit (Clifford gates, t/tdg, ccx, rotations): adds
/// "rotations", "rotation_epsilon" and "t_count" to `circuit` (rotations
/// synthesised to a tenth of epsilon spread over them, 7 T per ccx);
/// nothing when some other gate is left.
void addCliffordTCount(nlohmann::ordered_json &circuit, const GateCounts &counts, double epsilon);

/// For each output, in order, the gate counts and depth of the circuit
/// emitFiles writes (decomposed with options.decompose; GateCounts.h), or
/// {"unavailable": why} when the backend cannot build it. The driver puts
/// them beside the IR-level estimate (passes/Resources.h).
std::vector<nlohmann::ordered_json> countCircuits(const ir::Module &lowered,
                                                  const EmitOptions &options = {});

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_BACKEND_H
