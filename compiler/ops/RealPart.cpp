//===- RealPart.cpp - qsvt.real_part: (U + U^dagger) / 2 ------------------===//
//
// The Hermitian part of a square block by one ancilla and Hadamards
// (GSLW Lemma 30's LCU of U and U^dagger). Not emitted yet.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

namespace qsvtc::ops {

ir::OpDefinition RealPart::definition() const {
  return {name,
          "(U + U^dagger)/2 by one ancilla and Hadamards",
          1,
          1,
          true,
          {},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = blockOperand(op, 0);
            if (a.shape[0] != a.shape[1])
              fail("the Hermitian part needs a square block, got " + a.str());
            return ir::Type::block(a.shape[0], a.shape[1], a.alpha, a.ancillas + 1);
          }};
}

Bounds RealPart::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  Bounds x = of(0); // (A + A^T) / 2
  double rowOrCol = (x.row + x.col) / 2;
  return {x.norm, rowOrCol, rowOrCol, x.entry};
}

std::vector<double> RealPart::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool RealPart::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd RealPart::evaluate(const ir::Operation &, const OperandValue &in,
                                   interp::Semantics) const {
  return (in(0) + in(0).transpose()) / 2;
}

backend::Encoded RealPart::emit(const ir::Operation &op, EmitContext &, const std::string &,
                                int) const {
  noCircuit(op);
}

bool RealPart::mixesRegisters() const { return false; }

std::vector<double> RealPart::operandRuns(const ir::Operation &) const {
  return {2}; // U and U^dagger
}

} // namespace qsvtc::ops
