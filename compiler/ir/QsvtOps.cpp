//===- QsvtOps.cpp - The qsvt dialect: block-encoding algebra -------------===//
//
// qsvt values are block encodings (!qsvt.block: A = alpha <0|U|0>) and state
// preparations (!qsvt.state). Where a construction fixes the result's alpha
// and ancilla count (products, sums, tensor products, Hadamard products,
// real parts), the verifier computes them, so a pass cannot silently
// mis-account resources. Constructions with several variants (diagonal
// encodings, QSVT, amplification) are checked for shape and sanity only.
// References: GSLW arXiv 1806.01838 (Lemmas 30, 52-54, Thm 56);
// seed 000 arXiv 2402.16714 Thm 4 (Hadamard product: U1 (x) U2 plus n CNOTs).
//
//===----------------------------------------------------------------------===//
#include "Dialects.h"
#include "OpChecks.h"

#include <cmath>

namespace qsvtc::ir {

using namespace checks;
using K = AttrSpec::Kind;

namespace {

/// The result type as declared, after checking its kind and sanity.
const Type &declaredResult(const Operation &op, Type::Kind kind) {
  const Type &type = resultType(op);
  if (type.kind != kind)
    fail("result has the wrong kind: " + type.str());
  if (!(type.alpha > 0) || type.ancillas < 0)
    fail("result needs alpha > 0 and anc >= 0, got " + type.str());
  return type;
}

std::optional<Type> verifyPrepare(const Operation &op) {
  return declaredResult(op, Type::Kind::State);
}

std::optional<Type> verifyEncode(const Operation &op) {
  std::string kind =
      oneOf(op.getAttr("kind").getString(),
            {"pauli", "dense", "amplitude", "opaque", "uniform", "centering", "columns", "conv2d"},
            "encoding kind");
  const Type &r = declaredResult(op, Type::Kind::Block);
  if (kind == "centering" && r.shape[0] != r.shape[1])
    fail("a centering projector is square, got " + r.str());
  if (kind == "columns") {
    if (!op.hasAttr("offset"))
      fail("kind = \"columns\" needs attribute 'offset'");
    int64_t offset = op.getAttr("offset").getInt();
    if (offset < 0 || offset + r.shape[1] > r.shape[0])
      fail("columns [" + std::to_string(offset) + ", " + std::to_string(offset + r.shape[1]) +
           ") do not fit in " + std::to_string(r.shape[0]) + " rows");
  }
  if (kind == "conv2d" && !op.hasAttr("input_shape"))
    fail("kind = \"conv2d\" needs attribute 'input_shape'");
  return r;
}

std::optional<Type> verifyCast(const Operation &op) {
  const Type &from = operandType(op, 0);
  const Type &to = resultType(op);
  if (from.isState() || to.isState() || from.isTensor() == to.isTensor())
    fail("casts a tensor to a block or back, got " + from.str() + " to " + to.str());
  const Type &tensor = from.isTensor() ? from : to;
  const Type &block = from.isTensor() ? to : from;
  if (encodedShape(tensor) != block.shape)
    fail(tensor.str() + " is not encoded by " + block.str());
  return to;
}

std::optional<Type> verifyAdjoint(const Operation &op) {
  const Type &a = blockOperand(op, 0);
  return Type::block(a.shape[1], a.shape[0], a.alpha, a.ancillas);
}

/// One-call CNOT construction (papers/amplitude-transforms.md 2.2): the
/// column's amplitudes onto a diagonal, log2(N) more ancillas.
std::optional<Type> verifyDiagFromState(const Operation &op) {
  const Type &s = operandType(op, 0);
  if (s.isTensor() || (s.isBlock() && s.shape[1] != 1))
    fail("operand must be a state or an N x 1 block, got " + s.str());
  int64_t n = s.shape[0];
  return Type::block(n, n, s.alpha, s.ancillas + qubitsFor(n));
}

/// 2^ceil(log2 n): a register's span for n entries.
int64_t paddedSize(int64_t n) { return int64_t{1} << qubitsFor(n); }

/// vec(A): the R x C matrix as the column of its entries, row-major over
/// the padded columns (entry (i, j) at i C' + j, C' = 2^ceil(log2 C); the
/// padding is zero). The circuit (docs/backend.md) copies a uniform column
/// index into A's register: alpha_A sqrt(C'), A's register becomes ancillas.
std::optional<Type> verifyVec(const Operation &op) {
  const Type &a = blockOperand(op, 0);
  int64_t padded = paddedSize(a.shape[1]);
  return Type::block(a.shape[0] * padded, 1, a.alpha * std::sqrt(double(padded)),
                     a.ancillas + qubitsFor(std::max(a.shape[0], a.shape[1])));
}

/// unvec(v) {rows = R, cols = C}: the R C' x 1 column back to the R x C
/// matrix. The column's register, and the input register beyond the R
/// rows, become ancillas: alpha_v sqrt(C').
std::optional<Type> verifyUnvec(const Operation &op) {
  const Type &v = blockOperand(op, 0);
  int64_t rows = op.getAttr("rows").getInt(), cols = op.getAttr("cols").getInt();
  if (rows < 1 || cols < 1 || v.shape[1] != 1 || v.shape[0] != rows * paddedSize(cols))
    fail("unvec to " + std::to_string(rows) + " x " + std::to_string(cols) +
         " needs a column of rows * 2^ceil(log2 cols) entries, got " + v.str());
  int64_t n = qubitsFor(std::max(rows, cols));
  return Type::block(rows, cols, v.alpha * std::sqrt(double(paddedSize(cols))),
                     v.ancillas + qubitsFor(v.shape[0]) + n - qubitsFor(rows));
}

std::optional<Type> verifyMul(const Operation &op) {
  const Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  if (a.shape[1] != b.shape[0])
    fail("inner dimensions differ: " + a.str() + " * " + b.str());
  // An inner dimension wider than the result's needs more index qubits
  // than the result has data qubits: the extra ones are ancillas (|0>).
  int64_t extra =
      std::max<int64_t>(0, qubitsFor(a.shape[1]) - qubitsFor(std::max(a.shape[0], b.shape[1])));
  return Type::block(
      a.shape[0], b.shape[1], a.alpha * b.alpha,
      addAncillas(addAncillas(a.ancillas, b.ancillas), extra + projectsInnerIndex(a, b)));
}

std::optional<Type> verifyAdd(const Operation &op) {
  std::vector<double> coeffs = toDoubles(op.getAttr("coeffs"));
  if (coeffs.size() != op.operands.size())
    fail("'coeffs' has " + std::to_string(coeffs.size()) + " entries for " +
         std::to_string(op.operands.size()) + " operands");
  const Type &first = blockOperand(op, 0);
  double alpha = 0;
  int64_t ancillas = 0;
  for (std::size_t i = 0; i < op.operands.size(); ++i) {
    const Type &t = blockOperand(op, i);
    if (t.shape != first.shape)
      fail("operand shapes differ: " + first.str() + " and " + t.str());
    alpha += std::abs(coeffs[i]) * t.alpha;
    ancillas = std::max(ancillas, t.ancillas);
  }
  if (!(alpha > 0))
    fail("all coefficients are zero");
  return Type::block(first.shape[0], first.shape[1], alpha,
                     addAncillas(ancillas, qubitsFor(static_cast<int64_t>(op.operands.size()))));
}

std::optional<Type> verifyTensor(const Operation &op) {
  const Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  const int64_t rows = a.shape[0] * b.shape[0], cols = a.shape[1] * b.shape[1];
  // U_A (x) U_B acts on both data registers; when B is not 2^k x 2^k the
  // product may need fewer qubits than the two (5 x 5 (x) 3 x 3: 15 rows,
  // 4 qubits for 3 + 2), and the surplus, after the backend's index map,
  // is ancilla.
  auto width = [](int64_t r, int64_t c) { return qubitsFor(std::max(r, c)); };
  const int64_t surplus =
      width(a.shape[0], a.shape[1]) + width(b.shape[0], b.shape[1]) - width(rows, cols);
  return Type::block(rows, cols, a.alpha * b.alpha,
                     addAncillas(addAncillas(a.ancillas, b.ancillas), surplus));
}

std::optional<Type> verifyHadamard(const Operation &op) {
  const Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  if (a.shape != b.shape)
    fail("element-wise product needs equal shapes: " + a.str() + " and " + b.str());
  // U_A (x) U_B on a doubled data register; the second copy (log2 N qubits)
  // becomes ancilla after the CNOTs.
  return Type::block(a.shape[0], a.shape[1], a.alpha * b.alpha,
                     addAncillas(addAncillas(a.ancillas, b.ancillas),
                                 qubitsFor(std::max(a.shape[0], a.shape[1]))));
}

/// A polynomial transform of a block B (alpha_in): the circuit computes
/// p(B / alpha_in) with p ~ scale * f on `domain`, f the catalog function
/// `fn` with parameter `param`; element-wise (Hadamard powers, seed 000
/// Thm 5) or on singular values (QSVT). The result type is declared: the
/// approximate pass fixes its alpha once p is known.
std::optional<Type> verifyPoly(const Operation &op) {
  const Type &a = blockOperand(op, 0);
  const Type &r = declaredResult(op, Type::Kind::Block);
  positive(op, "epsilon");
  if (op.hasAttr("parity") && op.getAttr("parity").getInt() != 0 &&
      op.getAttr("parity").getInt() != 1)
    fail("parity must be 0 or 1");
  std::vector<double> domain = toDoubles(op.getAttr("domain"));
  if (domain.size() < 2 || domain.size() % 2 != 0)
    fail("'domain' must list interval end points [a0, b0, a1, b1, ...]");
  for (std::size_t i = 0; i + 1 < domain.size(); ++i)
    if (!(domain[i] <= domain[i + 1]) || domain[i] < -1 || domain[i + 1] > 1)
      fail("'domain' must be increasing and inside [-1, 1]");
  // QSVT keeps the operand's shape (an odd p: U p(S) V^T).
  if (r.shape != a.shape)
    fail("result shape should be " + shapeString(a.shape) + ", got " + shapeString(r.shape));
  // (A constant element-wise polynomial is J alone and does not call B.)
  const bool constant =
      op.getFlag("elementwise") && op.hasAttr("degree") && op.getAttr("degree").getInt() == 0;
  if (r.ancillas <= a.ancillas && !constant)
    fail("a polynomial needs more ancillas than its block encoding");
  if (op.getName() == "qsvt.phases" && op.getAttr("phases").getList().empty())
    fail("'phases' is empty");
  return r;
}

/// The op of a construction that reads its input (compiler/passes/Regions.h).
const AttrSpec RegionEntry{"region_entry", K::Int, false};

std::vector<AttrSpec> polyAttributes(bool withPhases) {
  std::vector<AttrSpec> specs = {{"fn", K::String, true},         {"param", K::Number, false},
                                 {"row_norm", K::Number, false},  {"lipschitz", K::Number, false},
                                 {"region_entry", K::Int, false}, {"factor", K::Number, false},
                                 {"epsilon", K::Number, true},    {"domain", K::List, true},
                                 {"elementwise", K::Bool, false}, {"parity", K::Int, false},
                                 {"degree", K::Int, false},       {"coef", K::List, false},
                                 {"scale", K::Number, false},     {"max_error", K::Number, false},
                                 {"estimated", K::Bool, false}};
  if (withPhases) {
    specs.push_back({"phases", K::List, true});
    specs.push_back({"phases_odd", K::List, false}); // mixed parity: the odd part's
    specs.push_back({"convention", K::String, true});
  }
  return specs;
}

std::optional<Type> verifyRealPart(const Operation &op) {
  const Type &a = blockOperand(op, 0);
  if (a.shape[0] != a.shape[1])
    fail("the Hermitian part needs a square block, got " + a.str());
  return Type::block(a.shape[0], a.shape[1], a.alpha, a.ancillas + 1);
}

std::optional<Type> verifyAmplify(const Operation &op) {
  const Type &a = operandType(op, 0);
  if (a.isTensor())
    fail("operand must be a block encoding or a state, got " + a.str());
  const Type &r = declaredResult(op, a.kind);
  if (r.shape != a.shape)
    fail("amplification keeps the shape: " + a.str() + " vs " + r.str());
  if (r.alpha > a.alpha)
    fail("amplification cannot increase alpha");
  return r;
}

/// Tomography of a block's output, loaded again as a fresh encoding: the
/// circuit is cut here (no ancillas carried over).
std::optional<Type> verifyReadout(const Operation &op) {
  const Type &a = blockOperand(op, 0);
  positive(op, "epsilon");
  // Loaded again as an amplitude encoding (docs/lowering.md): same alpha.
  int64_t n = std::max(a.shape[0], a.shape[1]);
  return Type::block(a.shape[0], a.shape[1], a.alpha, a.shape[1] == 1 ? 0 : qubitsFor(n));
}

std::optional<Type> verifyOutput(const Operation &op) {
  double eps = op.getAttr("epsilon").getNumber();
  if (!(eps > 0 && eps < 1))
    fail("epsilon must be in (0, 1), got " + op.getAttr("epsilon").str());
  if (operandType(op, 0).isTensor())
    fail("operand must be a block encoding or a state");
  return std::nullopt;
}

} // namespace

std::vector<OpDefinition> qsvtOps() {
  return {
      {"qsvt.prepare",
       "state preparation of an amplitude-encoded input",
       0,
       0,
       true,
       {{"source", K::String, true}, {"norm", K::Number, false}},
       verifyPrepare},
      {"qsvt.lcu",
       "block encoding of data or a constant (Pauli LCU, dense, amplitude, opaque "
       "oracle, uniform, centering projector, column selector, convolution)",
       0,
       0,
       true,
       // The data travels with the encoding (init, seed, norm, path, values:
       // as on qt.input/qt.weight), so lowered IR is self-contained.
       {{"source", K::String, true},
        {"kind", K::String, true},
        {"offset", K::Int, false},
        {"input_shape", K::List, false},
        {"stride", K::Int, false},
        {"padding", K::Int, false},
        {"init", K::String, false},
        {"seed", K::Int, false},
        {"norm", K::Number, false},
        {"path", K::String, false},
        {"values", K::List, false}},
       verifyEncode},
      {"qsvt.cast",
       "a tensor seen as the block that encodes it, or back (between lowerings)",
       1,
       1,
       true,
       {},
       verifyCast},
      {"qsvt.adjoint", "U^dagger: a block encoding of A^T (real A)", 1, 1, true, {}, verifyAdjoint},
      {"qsvt.diag_from_state",
       "diagonal block encoding of a column's amplitudes",
       1,
       1,
       true,
       {RegionEntry},
       verifyDiagFromState},
      {"qsvt.vec",
       "the column of a matrix's entries, row-major (columns padded to 2^k)",
       1,
       1,
       true,
       {RegionEntry},
       verifyVec},
      {"qsvt.unvec",
       "a column of R C' entries as the R x C matrix (vec's inverse)",
       1,
       1,
       true,
       {{"rows", K::Int, true}, {"cols", K::Int, true}},
       verifyUnvec},
      {"qsvt.mul",
       "product of block encodings (stacked ancillas)",
       2,
       2,
       true,
       {RegionEntry, {"zero_padding", K::Bool, false}},
       verifyMul},
      {"qsvt.add",
       "linear combination of block encodings (LCU)",
       1,
       -1,
       true,
       {{"coeffs", K::List, true}},
       verifyAdd},
      {"qsvt.tensor", "tensor product of block encodings", 2, 2, true, {}, verifyTensor},
      {"qsvt.hadamard", "element-wise product of block encodings", 2, 2, true, {}, verifyHadamard},
      {"qsvt.poly", "a polynomial of a block encoding, to be approximated", 1, 1, true,
       polyAttributes(false), verifyPoly},
      {"qsvt.phases", "a QSVT sequence with its phase factors", 1, 1, true, polyAttributes(true),
       verifyPoly},
      {"qsvt.real_part",
       "(U + U^dagger)/2 by one ancilla and Hadamards",
       1,
       1,
       true,
       {},
       verifyRealPart},
      {"qsvt.amplify",
       "amplitude amplification of a block or state",
       1,
       1,
       true,
       {{"rounds", K::Int, false}, {"fixed_point", K::Bool, false}},
       verifyAmplify},
      {"qsvt.readout",
       "l-infinity tomography of a block's output, loaded again (cuts the "
       "circuit: seed 000's layer boundary)",
       1,
       1,
       true,
       {{"block", K::String, true}, {"epsilon", K::Number, true}, {"samples", K::Number, false}},
       verifyReadout},
      {"qsvt.output",
       "a circuit output with its error bound",
       1,
       1,
       false,
       {{"epsilon", K::Number, true}, {"name", K::String, false}},
       verifyOutput},
  };
}

} // namespace qsvtc::ir
