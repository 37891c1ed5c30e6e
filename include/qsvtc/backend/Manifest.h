//===- Manifest.h - What an emitted circuit must compute -------*- C++ -*-===//
//
// model.manifest.json beside model.qasm (docs/manifest.md): data qubits
// (register q, q[0] least significant), ancillas (anc, and work after
// --decompose; all |0>),
// alpha, the classical reference from the spec's exact forward pass
// (interp/Reference.h), and the promised spectral-norm error bound.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_MANIFEST_H
#define QSVTC_BACKEND_MANIFEST_H

#include "qsvtc/backend/Emitter.h"
#include "qsvtc/interp/Lowered.h"

#include <Eigen/Dense>

#include <optional>

namespace qsvtc::backend {

/// The manifest text for `circuit` written as `qasmName`; `reference` is
/// the output's exact value (rows x cols of the output shape), padded here
/// with zeros to 2^data x 2^data; a column (cols = 1) is a "state"
/// manifest (the block's column 0, phase included). Every register but q
/// is an ancilla register in |0>. A circuit with opaque oracles has no
/// reference (nullopt): its manifest lists them under "opaque" instead.
/// `values` (may be null) are the IR values the definitions claim
/// (Claims.h).
std::string manifestJson(const EmittedCircuit &circuit,
                         const std::optional<Eigen::MatrixXd> &reference,
                         const std::string &qasmName, const std::string &sourceName,
                         const interp::BlockValues *values = nullptr);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_MANIFEST_H
