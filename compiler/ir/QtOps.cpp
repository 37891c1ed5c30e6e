//===- QtOps.cpp - The qt dialect: tensor ops of the model ----------------===//
//
// qt ops are the model as written: tensors (amplitude-encoded inputs,
// weights), products, sums and the nonlinear maps of a transformer or a
// residual conv net. Element-wise functions (qt.elementwise: entries of a
// tensor) and matrix functions (qt.matfn: applied to singular values or
// eigenvalues by QSVT) are different ops on purpose.
//
//===----------------------------------------------------------------------===//
#include "Dialects.h"
#include "OpChecks.h"

#include "qsvtc/approx/Activations.h"

namespace qsvtc::ir {

using namespace checks;
using K = AttrSpec::Kind;

namespace {

/// qt.input / qt.weight: the data source and its consistency with the type.
std::optional<Type> verifySource(const Operation &op) {
  const Type &type = resultType(op);
  if (!type.isTensor() || type.rank() < 1 || type.rank() > 4)
    fail("result must be a tensor of rank 1 to 4, got " + type.str());
  std::string init =
      oneOf(op.getAttr("init").getString(), {"random", "csv", "npy", "inline", "symbolic"}, "init");
  if (op.hasAttr("norm"))
    positive(op, "norm");
  auto need = [&](const char *key) {
    if (!op.hasAttr(key))
      fail("init = \"" + init + "\" needs attribute '" + key + "'");
  };
  if (init == "random")
    need("seed");
  if (init == "csv" || init == "npy")
    need("path");
  if (init == "symbolic")
    need("norm");
  if (init == "inline") {
    need("values");
    double count = static_cast<double>(op.getAttr("values").getList().size());
    if (count != type.elementCount())
      fail("'values' has " + std::to_string(static_cast<int64_t>(count)) +
           " entries but the type " + type.str() + " has " +
           std::to_string(static_cast<int64_t>(type.elementCount())));
  }
  return type;
}

std::vector<AttrSpec> sourceAttributes() {
  return {{"name", K::String, true},  {"init", K::String, true},  {"seed", K::Int, false},
          {"norm", K::Number, false}, {"path", K::String, false}, {"values", K::List, false}};
}

std::optional<Type> verifyMatmul(const Operation &op) {
  const Type &a = tensorOperand(op, 0), &b = tensorOperand(op, 1);
  if (a.rank() > 2 || b.rank() > 2)
    fail("operands must be vectors or matrices, got " + a.str() + " and " + b.str());
  int64_t inner = a.shape.back();
  int64_t bInner = b.shape.front();
  if (inner != bInner)
    fail("inner dimensions differ: " + a.str() + " @ " + b.str());
  std::vector<int64_t> shape;
  if (a.rank() == 2)
    shape.push_back(a.shape[0]);
  if (b.rank() == 2)
    shape.push_back(b.shape[1]);
  if (shape.empty())
    shape.push_back(1); // vector . vector: a 1-entry tensor
  return Type::tensor(shape);
}

std::optional<Type> verifyTranspose(const Operation &op) {
  const Type &a = tensorOperand(op, 0);
  if (a.rank() != 2)
    fail("operand must be a matrix, got " + a.str());
  return Type::tensor({a.shape[1], a.shape[0]});
}

std::optional<Type> verifySameShape(const Operation &op) {
  const Type &a = tensorOperand(op, 0);
  for (std::size_t i = 1; i < op.operands.size(); ++i)
    if (tensorOperand(op, i) != a)
      fail("operand shapes differ: " + a.str() + " and " + operandType(op, i).str());
  return a;
}

std::optional<Type> verifyAxisOp(const Operation &op) {
  const Type &a = tensorOperand(op, 0);
  int64_t axis = op.getAttr("axis").getInt();
  if (axis < 0 || axis >= a.rank())
    fail("axis " + std::to_string(axis) + " is out of range for " + a.str());
  return a;
}

std::optional<Type> verifyNorm(const Operation &op) {
  if (op.hasAttr("epsilon"))
    positive(op, "epsilon");
  // min_std: a lower bound on every row's standard deviation (state mode).
  if (op.hasAttr("min_std"))
    positive(op, "min_std");
  return verifyAxisOp(op);
}

std::optional<Type> verifyElementwise(const Operation &op) {
  static const std::vector<std::string> names = approx::dslActivationNames();
  oneOfNames(op.getAttr("fn").getString(), names, "element-wise function");
  return tensorOperand(op, 0);
}

std::optional<Type> verifyMatfn(const Operation &op) {
  const Type &a = tensorOperand(op, 0);
  std::string fn = oneOf(op.getAttr("fn").getString(),
                         {"exp", "inverse", "invsqrt", "sign", "poly"}, "matrix function");
  if (a.rank() != 2)
    fail("a matrix function needs a matrix operand, got " + a.str());
  if (fn == "poly" && !op.hasAttr("coef"))
    fail("fn = \"poly\" needs attribute 'coef' (Chebyshev coefficients)");
  if (op.hasAttr("kappa") && positive(op, "kappa") < 1)
    fail("'kappa' (condition number bound) must be >= 1");
  // Odd functions map the singular values of an m x n matrix and keep its
  // shape; the inverse is n x m; the rest act on eigenvalues (square).
  if (fn == "inverse")
    return Type::tensor({a.shape[1], a.shape[0]});
  if (fn != "sign" && a.shape[0] != a.shape[1])
    fail("matrix function '" + fn + "' acts on eigenvalues and needs a square matrix, got " +
         a.str());
  return a;
}

std::optional<Type> verifyAttention(const Operation &op) {
  const Type &q = tensorOperand(op, 0), &k = tensorOperand(op, 1), &v = tensorOperand(op, 2);
  for (const Type *t : {&q, &k, &v})
    if (t->rank() != 2)
      fail("query, key and value must be matrices [seq, d]");
  if (q.shape[1] != k.shape[1])
    fail("query and key widths differ: " + q.str() + " and " + k.str());
  if (k.shape[0] != v.shape[0])
    fail("key and value lengths differ: " + k.str() + " and " + v.str());
  int64_t heads = op.getAttr("heads").getInt();
  if (heads < 1 || q.shape[1] % heads != 0 || v.shape[1] % heads != 0)
    fail("heads = " + std::to_string(heads) + " must divide the widths " +
         std::to_string(q.shape[1]) + " and " + std::to_string(v.shape[1]));
  if (op.hasAttr("causal")) { // seed 000 Cor. 1: token j sees tokens 0..j
    if (op.getAttr("causal").getInt() != 1)
      fail("causal must be 1 (or absent), got " + op.getAttr("causal").str());
    if (q.shape[0] != k.shape[0])
      fail("causal attention needs as many queries as keys, got " + q.str() + " and " + k.str());
  }
  return Type::tensor({q.shape[0], v.shape[1]});
}

std::optional<Type> verifyConv2d(const Operation &op) {
  const Type &x = tensorOperand(op, 0), &w = tensorOperand(op, 1);
  if (x.rank() != 3 || w.rank() != 4)
    fail("conv2d needs an input [C, H, W] and a kernel [Cout, C, KH, KW], got " + x.str() +
         " and " + w.str());
  if (x.shape[0] != w.shape[1])
    fail("input channels " + std::to_string(x.shape[0]) + " differ from the kernel's " +
         std::to_string(w.shape[1]));
  int64_t stride = op.hasAttr("stride") ? op.getAttr("stride").getInt() : 1;
  int64_t padding = op.hasAttr("padding") ? op.getAttr("padding").getInt() : 0;
  if (stride < 1 || padding < 0)
    fail("stride must be >= 1 and padding >= 0");
  int64_t h = (x.shape[1] + 2 * padding - w.shape[2]) / stride + 1;
  int64_t wd = (x.shape[2] + 2 * padding - w.shape[3]) / stride + 1;
  if (h < 1 || wd < 1 || x.shape[1] + 2 * padding < w.shape[2] ||
      x.shape[2] + 2 * padding < w.shape[3])
    fail("the kernel is larger than the padded input");
  return Type::tensor({w.shape[0], h, wd});
}

std::optional<Type> verifyOutput(const Operation &op) {
  double eps = op.getAttr("epsilon").getNumber();
  if (!(eps > 0 && eps < 1))
    fail("epsilon must be in (0, 1), got " + op.getAttr("epsilon").str());
  tensorOperand(op, 0);
  return std::nullopt;
}

} // namespace

std::vector<OpDefinition> qtOps() {
  return {
      {"qt.input", "an amplitude-encoded input tensor", 0, 0, true, sourceAttributes(),
       verifySource},
      {"qt.weight", "a weight tensor (explicit, random, from a file, or symbolic)", 0, 0, true,
       sourceAttributes(), verifySource},
      {"qt.matmul", "matrix product", 2, 2, true, {}, verifyMatmul},
      {"qt.transpose", "matrix transpose", 1, 1, true, {}, verifyTranspose},
      {"qt.scale",
       "multiplication by a scalar",
       1,
       1,
       true,
       {{"factor", K::Number, true}},
       [](const Operation &op) -> std::optional<Type> { return tensorOperand(op, 0); }},
      {"qt.add", "sum of two tensors of one shape", 2, 2, true, {}, verifySameShape},
      {"qt.softmax", "softmax along an axis", 1, 1, true, {{"axis", K::Int, true}}, verifyAxisOp},
      {"qt.layernorm",
       "layer normalisation along an axis",
       1,
       1,
       true,
       {{"axis", K::Int, true},
        {"gamma", K::Number, false},
        {"beta", K::Number, false},
        {"epsilon", K::Number, false},
        {"min_std", K::Number, false}},
       verifyNorm},
      {"qt.rmsnorm",
       "RMS normalisation along an axis",
       1,
       1,
       true,
       {{"axis", K::Int, true},
        {"gamma", K::Number, false},
        {"epsilon", K::Number, false},
        {"min_std", K::Number, false}},
       verifyNorm},
      {"qt.elementwise",
       "a function applied to every entry",
       1,
       1,
       true,
       {{"fn", K::String, true}},
       verifyElementwise},
      {"qt.matfn",
       "a function of a matrix's singular values or eigenvalues (QSVT)",
       1,
       1,
       true,
       {{"fn", K::String, true}, {"coef", K::List, false}, {"kappa", K::Number, false}},
       verifyMatfn},
      {"qt.attention",
       "multi-head attention softmax(Q K^T / sqrt(d/h)) V",
       3,
       3,
       true,
       {{"heads", K::Int, true}, {"causal", K::Int, false}},
       verifyAttention},
      {"qt.conv2d",
       "2-D convolution",
       2,
       2,
       true,
       {{"stride", K::Int, false}, {"padding", K::Int, false}},
       verifyConv2d},
      {"qt.block_output",
       "the output of one copy of a block: a layer boundary",
       1,
       1,
       true,
       {{"block", K::String, true}},
       [](const Operation &op) -> std::optional<Type> { return tensorOperand(op, 0); }},
      {"qt.output",
       "a model output with its error bound",
       1,
       1,
       false,
       {{"epsilon", K::Number, true}, {"name", K::String, false}},
       verifyOutput},
  };
}

} // namespace qsvtc::ir
