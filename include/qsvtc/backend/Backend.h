//===- Backend.h - qsvtc --emit=qasm: circuit and manifest -----*- C++ -*-===//
//
// The backend needs two things from the model at the qt stage, taken
// before lowering: the entries of every input and weight (the circuits
// encode them) and the exact forward pass (the manifest's reference).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_BACKEND_H
#define QSVTC_BACKEND_BACKEND_H

#include "qsvtc/ir/Module.h"

#include <Eigen/Dense>

#include <map>
#include <string>

namespace qsvtc::backend {

struct SpecData {
  std::map<std::string, std::vector<double>> sources; ///< entries by name
  std::vector<Eigen::MatrixXd> outputs;               ///< exact, in output order
};

/// Reads a qt module's data and evaluates it exactly. A symbolic input or
/// weight is an Error naming it (a circuit needs numbers).
SpecData readSpec(const ir::Module &qt);

struct QasmFiles {
  std::string qasm, manifest;
};

/// The OpenQASM 3 text and manifest of a module lowered to qsvt.phases
/// (qsvtc's `phases` stage); `qasmName` is written into the manifest.
QasmFiles emitFiles(const ir::Module &lowered, const SpecData &spec,
                    const std::string &qasmName, const std::string &sourceName);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_BACKEND_H
