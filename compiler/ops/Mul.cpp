//===- Mul.cpp - qsvt.mul: the product of two block encodings -------------===//
//
// A B (GSLW Lemma 53): B on the data and the last ancillas, then A on the
// data and the first ones. The index register is as wide as the widest
// factor: a factor on fewer qubits acts on the low ones (the other's zero
// padding keeps the R x C part exact), and qubits beyond the result's data
// are ancillas after A's and B's (an inner dimension wider than the result:
// projecting them on |0> selects it).
//
// An inner dimension K below 2^max(nA, nB) is projected: a flag ancilla
// marks indices >= K between B and A, so the padding of either factor (a
// column state's other columns, a polynomial's p(0)) never enters.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "passes/DataFacts.h"
#include "qsvtc/backend/Constructions.h"

namespace qsvtc::ops {

bool isZeroPadding(const ir::Operation &mul) { return mul.getFlag("zero_padding"); }

ir::AttrDict zeroPaddingAttributes() { return {{"zero_padding", true}}; }

ir::OpDefinition Mul::definition() const {
  return {name,
          "product of block encodings (stacked ancillas)",
          2,
          2,
          true,
          {RegionEntry, {"zero_padding", AttrKind::Bool, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
            if (a.shape[1] != b.shape[0])
              fail("inner dimensions differ: " + a.str() + " * " + b.str());
            // An inner dimension wider than the result's needs more index
            // qubits than the result has data qubits: the extra ones are
            // ancillas (|0>).
            int64_t extra = std::max<int64_t>(
                0, ir::qubitsFor(a.shape[1]) - ir::qubitsFor(std::max(a.shape[0], b.shape[1])));
            return ir::Type::block(a.shape[0], b.shape[1], a.alpha * b.alpha,
                                   addAncillas(addAncillas(a.ancillas, b.ancillas),
                                               extra + ir::projectsInnerIndex(a, b)));
          }};
}

Bounds Mul::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  Bounds x = of(0), y = of(1);
  return {x.norm * y.norm, x.row * y.norm, x.norm * y.col, x.row * y.col};
}

std::vector<double> Mul::errorGains(const ir::Operation &op, const passes::DataFacts &facts) const {
  // |d(AB)|_F <= |B| |dA|_F + |A| |dB|_F
  return {facts.normBound(op.operands[1]), facts.normBound(op.operands[0])};
}

bool Mul::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Mul::evaluate(const ir::Operation &, const OperandValue &in,
                              interp::Semantics) const {
  return in(0) * in(1);
}

backend::Encoded Mul::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                           int n) const {
  const backend::Encoded &a = ctx.operand(op, 0), &bEnc = ctx.operand(op, 1);
  int nA = dataQubitsOf(op.operands[0]->type), nB = dataQubitsOf(op.operands[1]->type);
  int extra = std::max({nA, nB, n}) - n;
  const int own = n + a.ancillas + bEnc.ancillas;
  const int64_t inner = op.operands[0]->type.shape[1];
  const int projected = ir::projectsInnerIndex(op.operands[0]->type, op.operands[1]->type);
  std::vector<int> index = backend::qubitRange(0, n); // the index register, low bit first
  for (int q = 0; q < extra; ++q)
    index.push_back(own + q);
  backend::GateDef def{gate, own + extra + projected, ctx.comment(op), {}};
  backend::GateBuilder b(def.body);
  std::vector<int> onB(index.begin(), index.begin() + nB);
  for (int q = 0; q < bEnc.ancillas; ++q)
    onB.push_back(n + a.ancillas + q);
  b.call(bEnc.gate, {}, onB);
  if (projected)
    backend::flagIndexAtLeast(b, std::vector<int>(index.begin(), index.begin() + std::max(nA, nB)),
                              static_cast<uint64_t>(inner), own + extra);
  std::vector<int> onA(index.begin(), index.begin() + nA);
  for (int q = 0; q < a.ancillas; ++q)
    onA.push_back(n + q);
  b.call(a.gate, {}, onA);
  return backend::defineBlock(ctx.program(), std::move(def), a.alpha * bEnc.alpha,
                              a.ancillas + bEnc.ancillas + extra + projected);
}

bool Mul::mixesRegisters() const { return true; }

std::vector<double> Mul::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
