//===- Claims.h - Per-definition claims for the manifest --------*- C++ -*-===//
//
// The manifest's "definitions" object (docs/manifest.md): for each gate
// definition of an emitted circuit, the construction that wrote it, its
// data qubits and ancilla roles (for a block encoding), the definitions it
// calls, and, for the definition of an IR value, the block it encodes:
// alpha and the value the lowered interpreter gives it (polynomials as
// their certified Chebyshev series), within a stated error. qsvt-verify
// --compositional checks each claim (docs/verification.md).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_CLAIMS_H
#define QSVTC_BACKEND_CLAIMS_H

#include "qsvtc/backend/Emitter.h"
#include "qsvtc/interp/Lowered.h"

#include <string>

namespace qsvtc::backend {

/// The "definitions" JSON object for `circuit` (empty when its definitions
/// carry no claims, as after --decompose). `values`: each IR value's
/// matrix, or null when the lowered interpreter cannot evaluate the
/// module (symbolic data): then no definition claims a value.
std::string definitionClaimsJson(const EmittedCircuit &circuit, const interp::BlockValues *values);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_CLAIMS_H
