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
  oneOf(op.getAttr("kind").getString(), {"pauli", "dense", "opaque"}, "encoding kind");
  return declaredResult(op, Type::Kind::Block);
}

std::optional<Type> verifyDiagFromState(const Operation &op) {
  const Type &s = stateOperand(op, 0);
  const Type &r = declaredResult(op, Type::Kind::Block);
  if (r.shape != std::vector<int64_t>{s.shape[0], s.shape[0]})
    fail("the diagonal of a state of size " + std::to_string(s.shape[0]) + " is " +
         std::to_string(s.shape[0]) + "x" + std::to_string(s.shape[0]) + ", not " +
         shapeString(r.shape));
  if (r.ancillas <= s.ancillas)
    fail("a diagonal encoding needs more ancillas than its state preparation");
  return r;
}

std::optional<Type> verifyMul(const Operation &op) {
  const Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  if (a.shape[1] != b.shape[0])
    fail("inner dimensions differ: " + a.str() + " * " + b.str());
  return Type::block(a.shape[0], b.shape[1], a.alpha * b.alpha, a.ancillas + b.ancillas);
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
                     ancillas + qubitsFor(static_cast<int64_t>(op.operands.size())));
}

std::optional<Type> verifyTensor(const Operation &op) {
  const Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  return Type::block(a.shape[0] * b.shape[0], a.shape[1] * b.shape[1], a.alpha * b.alpha,
                     a.ancillas + b.ancillas);
}

std::optional<Type> verifyHadamard(const Operation &op) {
  const Type &a = blockOperand(op, 0), &b = blockOperand(op, 1);
  if (a.shape != b.shape)
    fail("element-wise product needs equal shapes: " + a.str() + " and " + b.str());
  // U_A (x) U_B on a doubled data register; the second copy (log2 N qubits)
  // becomes ancilla after the CNOTs.
  return Type::block(a.shape[0], a.shape[1], a.alpha * b.alpha,
                     a.ancillas + b.ancillas + qubitsFor(a.shape[0]));
}

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
  if (r.ancillas <= a.ancillas)
    fail("QSVT needs at least one ancilla more than its block encoding");
  if (op.getName() == "qsvt.phases" && op.getAttr("phases").getList().empty())
    fail("'phases' is empty");
  return r;
}

std::vector<AttrSpec> polyAttributes(bool withPhases) {
  std::vector<AttrSpec> specs = {
      {"fn", K::String, true},       {"epsilon", K::Number, true},
      {"domain", K::List, true},     {"parity", K::Int, false},
      {"degree", K::Int, false},     {"coef", K::List, false},
      {"params", K::List, false},    {"elementwise", K::Bool, false},
      {"scale", K::Number, false}};
  if (withPhases) {
    specs.push_back({"phases", K::List, true});
    specs.push_back({"convention", K::String, true});
    specs.push_back({"max_error", K::Number, false});
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
      {"qsvt.prepare", "state preparation of an amplitude-encoded input", 0, 0, true,
       {{"source", K::String, true}, {"norm", K::Number, false}}, verifyPrepare},
      {"qsvt.lcu", "block encoding of a weight (Pauli LCU, dense, or opaque oracle)", 0, 0,
       true, {{"source", K::String, true}, {"kind", K::String, true}}, verifyEncode},
      {"qsvt.diag_from_state", "diagonal block encoding of a state's amplitudes", 1, 1, true,
       {{"real", K::Bool, false}}, verifyDiagFromState},
      {"qsvt.mul", "product of block encodings (stacked ancillas)", 2, 2, true, {},
       verifyMul},
      {"qsvt.add", "linear combination of block encodings (LCU)", 2, -1, true,
       {{"coeffs", K::List, true}}, verifyAdd},
      {"qsvt.tensor", "tensor product of block encodings", 2, 2, true, {}, verifyTensor},
      {"qsvt.hadamard", "element-wise product of block encodings", 2, 2, true, {},
       verifyHadamard},
      {"qsvt.poly", "a polynomial of a block encoding, to be approximated", 1, 1, true,
       polyAttributes(false), verifyPoly},
      {"qsvt.phases", "a QSVT sequence with its phase factors", 1, 1, true,
       polyAttributes(true), verifyPoly},
      {"qsvt.real_part", "(U + U^dagger)/2 by one ancilla and Hadamards", 1, 1, true, {},
       verifyRealPart},
      {"qsvt.amplify", "amplitude amplification of a block or state", 1, 1, true,
       {{"rounds", K::Int, false}, {"fixed_point", K::Bool, false}}, verifyAmplify},
      {"qsvt.output", "a circuit output with its error bound", 1, 1, false,
       {{"epsilon", K::Number, true}, {"name", K::String, false}}, verifyOutput},
  };
}

} // namespace qsvtc::ir
