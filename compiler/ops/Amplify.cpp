//===- Amplify.cpp - qsvt.amplify: amplitude amplification ----------------===//
//
// The same block or state with a smaller alpha. The matrix-mode lowering
// writes amplification as a polynomial (qsvt.poly {fn = "amplify"}); this op
// is the general form, not emitted yet.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

namespace qsvtc::ops {

ir::OpDefinition Amplify::definition() const {
  return {name,
          "amplitude amplification of a block or state",
          1,
          1,
          true,
          {{"rounds", AttrKind::Int, false}, {"fixed_point", AttrKind::Bool, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = operandType(op, 0);
            if (a.isTensor())
              fail("operand must be a block encoding or a state, got " + a.str());
            const ir::Type &r = declaredResult(op, a.kind);
            if (r.shape != a.shape)
              fail("amplification keeps the shape: " + a.str() + " vs " + r.str());
            if (r.alpha > a.alpha)
              fail("amplification cannot increase alpha");
            return r;
          }};
}

Bounds Amplify::bounds(const ir::Operation &, const OperandBounds &, double alpha) const {
  return alphaBounds(alpha);
}

std::vector<double> Amplify::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Amplify::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Amplify::evaluate(const ir::Operation &, const OperandValue &in,
                                  interp::Semantics) const {
  return in(0);
}

backend::Encoded Amplify::emit(const ir::Operation &op, EmitContext &, const std::string &,
                               int) const {
  noCircuit(op);
}

bool Amplify::mixesRegisters() const { return false; }

std::vector<double> Amplify::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
