//===- Readout.cpp - qsvt.readout: tomography of a layer, loaded again ----===//
//
// l-infinity tomography of a block's output, loaded again as a fresh
// amplitude encoding (docs/lowering.md): the circuit is cut here, seed
// 000's layer boundary. Its error is the tomography's; resources count its
// samples (passes/Resources.cpp runs the layer's circuit that many times).
//
//===----------------------------------------------------------------------===//
#include "Common.h"

namespace qsvtc::ops {

const std::string &readoutBlock(const ir::Operation &readout) {
  return readout.getAttr("block").getString();
}

ir::AttrDict readoutAttributes(const std::string &block) {
  return {{"block", block}, {"epsilon", 1.0}};
}

ir::OpDefinition Readout::definition() const {
  return {name,
          "l-infinity tomography of a block's output, loaded again (cuts the "
          "circuit: seed 000's layer boundary)",
          1,
          1,
          true,
          {{"block", AttrKind::String, true},
           {"epsilon", AttrKind::Number, true},
           {"samples", AttrKind::Number, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = blockOperand(op, 0);
            positive(op, "epsilon");
            // Loaded again as an amplitude encoding: same alpha, no
            // ancillas carried over.
            int64_t n = std::max(a.shape[0], a.shape[1]);
            return ir::Type::block(a.shape[0], a.shape[1], a.alpha,
                                   a.shape[1] == 1 ? 0 : ir::qubitsFor(n));
          }};
}

Bounds Readout::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  return of(0);
}

std::vector<double> Readout::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Readout::makesError(const ir::Operation &) const { return true; }

Eigen::MatrixXd Readout::evaluate(const ir::Operation &, const OperandValue &in,
                                  interp::Semantics) const {
  return in(0);
}

backend::Encoded Readout::emit(const ir::Operation &op, EmitContext &, const std::string &,
                               int) const {
  noCircuit(op);
}

bool Readout::mixesRegisters() const { return false; }

std::vector<double> Readout::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
