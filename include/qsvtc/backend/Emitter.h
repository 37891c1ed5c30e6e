//===- Emitter.h - Lowered IR to an OpenQASM 3 program ---------*- C++ -*-===//
//
// `emit-qasm`: walks a module after find-phases and defines one gate per
// block-encoding value (docs/backend.md lists the constructions), then, for
// each output, applies its gate to registers `q` (data) and `anc`. Every
// gate's alpha and ancilla count are checked against the IR type, so the
// resources the IR promises are the circuit's. Ops without a circuit yet
// raise NotSupportedError naming the op.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_EMITTER_H
#define QSVTC_BACKEND_EMITTER_H

#include "qsvtc/backend/Program.h"
#include "qsvtc/ir/Module.h"
#include "qsvtc/support/Error.h"

#include <Eigen/Core>

#include <map>

namespace qsvtc::backend {

struct EmittedCircuit {
  Program program;
  std::string outputName;     ///< the qsvt.output's name (or its operand's)
  std::vector<int64_t> shape; ///< of the encoded output block
  int dataQubits = 0, ancillas = 0;
  double alpha = 0, epsilon = 0;
  /// The gate of each data oracle (qsvt.lcu source name -> definition).
  std::map<std::string, std::string> oracleGates;
  /// The gate of each polynomial op with a circuit, by "location fn".
  std::map<std::string, std::string> polynomialGates;
  /// Symbolic data emitted as opaque oracles (source name -> gate).
  std::map<std::string, std::string> opaqueGates;
  /// The IR value each op's definition encodes (definition -> value): the
  /// manifest's per-definition claims.
  std::map<std::string, const ir::Value *> valueGates;
  /// State mode: what each stage's definition prepares from |0>, alpha
  /// (<0_flags| (x) I) U |0> = value within error (definition -> claim).
  struct StateClaim {
    double alpha = 1;
    Eigen::VectorXd value;
    double error = 0;
  };
  std::map<std::string, StateClaim> stateClaims;
};

/// The error for symbolic data `name` (declared at `where`) in a circuit
/// without --allow-opaque: the same words from the spec check and the
/// emitter.
Error symbolicDataError(const std::string &where, const std::string &name);

/// One circuit per qsvt.output, in module order, each with only the
/// definitions it calls. Symbolic data is an Error naming it unless
/// `allowOpaque`: then it is an opaque oracle (a GateDef without a body).
std::vector<EmittedCircuit> emitQasm(const ir::Module &module, bool allowOpaque = false);

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_EMITTER_H
