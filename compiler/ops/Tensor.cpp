//===- Tensor.cpp - qsvt.tensor: the tensor product of block encodings ----===//
//
// A (x) B: U_B on the low nB qubits of an (nA + nB)-qubit register and the
// last ancillas, U_A on its high nA qubits and the first ancillas. Their
// block has entry (i 2^nB + j, k 2^nB + l) = A_ik B_jl; A (x) B has it at
// (i rB + j, k cB + l), the same when B is 2^k x 2^k. Else the columns are
// mapped before and the rows after (backend/Permutation.h); the register's
// qubits above the product's own become ancillas (zero on every entry of
// A (x) B).
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "passes/DataFacts.h"
#include "qsvtc/backend/Permutation.h"

#include <cmath>

namespace qsvtc::ops {

namespace {

std::optional<ir::Type> verifyTensor(const ir::Operation &op) {
  const ir::Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  const int64_t rows = a.shape[0] * b.shape[0], cols = a.shape[1] * b.shape[1];
  // U_A (x) U_B acts on both data registers; when B is not 2^k x 2^k the
  // product may need fewer qubits than the two (5 x 5 (x) 3 x 3: 15 rows,
  // 4 qubits for 3 + 2), and the surplus, after the index map, is ancilla.
  auto width = [](int64_t r, int64_t c) { return ir::qubitsFor(std::max(r, c)); };
  const int64_t surplus =
      width(a.shape[0], a.shape[1]) + width(b.shape[0], b.shape[1]) - width(rows, cols);
  return ir::Type::block(rows, cols, a.alpha * b.alpha,
                         addAncillas(addAncillas(a.ancillas, b.ancillas), surplus));
}

/// The gate sending |i 2^nB + j> to |i inner + j> (i < outer, j < inner)
/// on `width` qubits, or "" when that is the identity.
std::string indexMap(backend::Program &program, const std::string &name, int64_t outer,
                     int64_t inner, int nB, int width) {
  std::vector<uint64_t> from, to;
  bool identity = true;
  for (int64_t i = 0; i < outer; ++i)
    for (int64_t j = 0; j < inner; ++j) {
      from.push_back(static_cast<uint64_t>(i) << nB | static_cast<uint64_t>(j));
      to.push_back(static_cast<uint64_t>(i * inner + j));
      identity = identity && from.back() == to.back();
    }
  if (identity)
    return "";
  backend::GateDef def{name,
                       width,
                       "index map |i 2^" + std::to_string(nB) + " + j> -> |i " +
                           std::to_string(inner) + " + j> (i < " + std::to_string(outer) +
                           ", j < " + std::to_string(inner) + ") of a tensor product",
                       {}};
  backend::GateBuilder g(def.body);
  backend::appendBasisPermutation(g, backend::completePermutation(from, to, uint64_t{1} << width),
                                  backend::qubitRange(0, width));
  return program.define(std::move(def));
}

Eigen::MatrixXd kron(const Eigen::MatrixXd &a, const Eigen::MatrixXd &b) {
  Eigen::MatrixXd k(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return k;
}

} // namespace

ir::OpDefinition Tensor::definition() const {
  return {name, "tensor product of block encodings", 2, 2, true, {}, verifyTensor};
}

Bounds Tensor::bounds(const ir::Operation &, const OperandBounds &of, double) const {
  Bounds x = of(0), y = of(1);
  return {x.norm * y.norm, x.row * y.row, x.col * y.col, x.entry * y.entry};
}

std::vector<double> Tensor::errorGains(const ir::Operation &op,
                                       const passes::DataFacts &facts) const {
  // |dA (x) B|_F = |dA|_F |B|_F <= sqrt(rank B) |B| |dA|_F
  auto rankRoot = [&](std::size_t i) {
    const ir::Type &t = op.operands[i]->type;
    return std::sqrt(static_cast<double>(std::min(t.shape[0], t.shape[1])));
  };
  return {rankRoot(1) * facts.normBound(op.operands[1]),
          rankRoot(0) * facts.normBound(op.operands[0])};
}

bool Tensor::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Tensor::evaluate(const ir::Operation &, const OperandValue &in,
                                 interp::Semantics) const {
  return kron(in(0), in(1));
}

backend::Encoded Tensor::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                              int n) const {
  const ir::Type &ta = op.operands[0]->type, &tb = op.operands[1]->type;
  const int nB = dataQubitsOf(tb), nA = dataQubitsOf(ta), width = nA + nB;
  // i 2^nB + j = i r + j for every i exactly when r = 2^nB or i is 0.
  const int64_t full = int64_t{1} << nB;
  const bool mapped =
      (tb.shape[0] != full && ta.shape[0] > 1) || (tb.shape[1] != full && ta.shape[1] > 1);
  if (mapped && width > 20)
    noCircuit(op, "a tensor product on " + std::to_string(width) +
                      " data qubits with a right factor that is not 2^k x 2^k (index maps "
                      "are built for at most 20)");
  if (width < n)
    throw InternalError(op.location.str() + ": tensor data registers " + std::to_string(nA) +
                        " + " + std::to_string(nB) + " < " + std::to_string(n));
  const backend::Encoded &a = ctx.operand(op, 0), &b = ctx.operand(op, 1);
  backend::Program &program = ctx.program();
  const std::string rows = indexMap(program, gate + "_rows", ta.shape[0], tb.shape[0], nB, width);
  const std::string cols =
      ta.shape[1] == ta.shape[0] && tb.shape[1] == tb.shape[0]
          ? rows
          : indexMap(program, gate + "_cols", ta.shape[1], tb.shape[1], nB, width);
  backend::GateDef def{gate, width + a.ancillas + b.ancillas, ctx.comment(op), {}};
  backend::GateBuilder g(def.body);
  std::vector<int> onB = backend::qubitRange(0, nB), onA = backend::qubitRange(nB, nA);
  for (int q = 0; q < b.ancillas; ++q)
    onB.push_back(width + a.ancillas + q);
  for (int q = 0; q < a.ancillas; ++q)
    onA.push_back(width + q);
  if (!cols.empty())
    g.call(cols, {}, backend::qubitRange(0, width), {}, /*inverse=*/true);
  g.call(b.gate, {}, onB);
  g.call(a.gate, {}, onA);
  if (!rows.empty())
    g.call(rows, {}, backend::qubitRange(0, width));
  return backend::defineBlock(program, std::move(def), a.alpha * b.alpha,
                              a.ancillas + b.ancillas + (width - n));
}

bool Tensor::mixesRegisters() const { return true; }

std::vector<double> Tensor::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
