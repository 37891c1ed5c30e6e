//===- Lcu.cpp - qsvt.lcu: a block encoding of data or of a constant ------===//
//
// Data (kind pauli, dense, amplitude; opaque under --allow-opaque) is read
// by its oracle; the constants are the uniform column 1_N, the centering
// projector I - J/N, a column selector and a convolution (not emitted yet).
// The data travels with the encoding (init, seed, norm, path, values: as on
// qt.input/qt.weight), so lowered IR is self-contained.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "qsvtc/backend/Constructions.h"
#include "qsvtc/backend/Emitter.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/SourceData.h"

#include <array>
#include <iterator>

namespace qsvtc::ops {

namespace {

constexpr std::array<const char *, 8> KindNames = {"pauli",   "dense",     "amplitude", "opaque",
                                                   "uniform", "centering", "columns",   "conv2d"};

/// Inline data must fit under the claimed alpha: no block encoding has
/// alpha below ||A||_2 (bounded below by the largest row or column norm),
/// and the dense and amplitude oracles' alpha is the Frobenius norm.
void verifyInlineAlpha(const ir::Operation &op, const std::string &kind, const ir::Type &r) {
  if (!op.hasAttr("values") || (kind != "dense" && kind != "amplitude" && kind != "pauli"))
    return;
  const std::vector<double> v = ir::toDoubles(op.getAttr("values"));
  const int64_t rows = r.shape[0], cols = r.shape[1];
  if (static_cast<double>(v.size()) != static_cast<double>(rows) * static_cast<double>(cols))
    fail("'values' has " + std::to_string(v.size()) + " entries for a " + r.str());
  Eigen::Map<const Eigen::MatrixXd> a(v.data(), cols, rows); // row-major: a is A^T
  const double need = kind == "pauli"
                          ? std::max(a.colwise().norm().maxCoeff(), a.rowwise().norm().maxCoeff())
                          : a.norm();
  if (r.alpha < need * (1 - 1e-12))
    fail("alpha " + backend::roundTrip(r.alpha) + " is below " + backend::roundTrip(need) +
         (kind == "pauli"
              ? ", a lower bound of ||A||_2 for its values"
              : ", the Frobenius norm of its values (the " + kind + " oracle's normalisation)"));
}

std::optional<ir::Type> verifyLcu(const ir::Operation &op) {
  std::string kind = oneOfNames(op.getAttr("kind").getString(), KindNames, "encoding kind");
  const ir::Type &r = declaredResult(op, ir::Type::Kind::Block);
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
  verifyInlineAlpha(op, kind, r);
  return r;
}

/// Symbolic data under --allow-opaque: a gate without a body (printed as
/// a defcal, OpenQASM 3's opaque gate) with the IR's alpha and ancillas.
backend::Encoded opaqueOracle(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                              int n) {
  const ir::Type &type = op.getResult()->type;
  const std::string source = op.getAttr("source").getString();
  const int ancillas = static_cast<int>(type.ancillas);
  backend::GateDef def{
      gate,
      n + ancillas,
      ctx.comment(op) + "\n// opaque oracle: a block encoding of '" + source + "' (" +
          std::to_string(type.shape[0]) + " x " + std::to_string(type.shape[1]) +
          ", alpha = " + backend::roundTrip(type.alpha) + ") on " + std::to_string(n) +
          " data qubits (first) and " + std::to_string(ancillas) + " ancillas in |0>",
      {}};
  def.opaque = true;
  backend::Encoded e = backend::defineBlock(ctx.program(), std::move(def), type.alpha, ancillas);
  ctx.noteOpaque(source, e.gate);
  return e;
}

backend::Encoded emitData(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                          int n) {
  const ir::Type &type = op.getResult()->type;
  backend::Program &program = ctx.program();
  std::optional<std::vector<double>> values;
  if (op.hasAttr("init"))
    values = ir::explicitValues(op);
  if (!values && ctx.allowOpaque())
    return opaqueOracle(op, ctx, gate, n);
  if (!values)
    throw backend::symbolicDataError(op.location.str(), op.getAttr("source").getString());
  int64_t rows = type.shape[0], cols = type.shape[1];
  if (rows * cols == 1) // c = sign(c) |c|, on the one ancilla Encodings.cpp gives it
    return backend::defineScalar(program, gate, ctx.comment(op), (*values)[0]);
  if (lcuKind(op) == LcuKind::Pauli)
    return backend::definePauliEncoding(program, gate, ctx.comment(op), *values, rows, cols, n);
  if (cols == 1)
    return backend::defineColumnState(program, gate, ctx.comment(op), *values, n);
  return backend::defineDenseEncoding(program, gate, ctx.comment(op), *values, rows, cols, n);
}

} // namespace

LcuKind lcuKind(const ir::Operation &lcu) {
  const std::string &kind = lcu.getAttr("kind").getString();
  for (std::size_t i = 0; i < KindNames.size(); ++i)
    if (kind == KindNames[i])
      return static_cast<LcuKind>(i);
  throw InternalError(lcu.location.str() + ": qsvt.lcu of unknown kind '" + kind + "'");
}

const char *lcuKindName(LcuKind kind) { return KindNames.at(static_cast<std::size_t>(kind)); }

ir::AttrDict lcuAttributes(LcuKind kind, const std::string &source, ir::AttrDict data,
                           std::optional<int64_t> offset) {
  ir::AttrDict attrs = std::move(data);
  attrs["kind"] = ir::Attribute(lcuKindName(kind));
  attrs["source"] = ir::Attribute(source);
  if (offset)
    attrs["offset"] = ir::Attribute(*offset);
  return attrs;
}

ir::AttrDict conv2dAttributes(const std::string &source, const std::vector<int64_t> &inputShape,
                              int64_t stride, int64_t padding) {
  ir::Attribute::List shape(inputShape.begin(), inputShape.end());
  return {{"kind", lcuKindName(LcuKind::Conv2d)},
          {"source", source},
          {"input_shape", ir::Attribute(shape)},
          {"stride", ir::Attribute(stride)},
          {"padding", ir::Attribute(padding)}};
}

const std::string &lcuSource(const ir::Operation &lcu) { return lcu.getAttr("source").getString(); }

ir::OpDefinition Lcu::definition() const {
  return {name,
          "block encoding of data or a constant (Pauli LCU, dense, amplitude, opaque "
          "oracle, uniform, centering projector, column selector, convolution)",
          0,
          0,
          true,
          {{"source", AttrKind::String, true},
           {"kind", AttrKind::String, true},
           {"offset", AttrKind::Int, false},
           {"input_shape", AttrKind::List, false},
           {"stride", AttrKind::Int, false},
           {"padding", AttrKind::Int, false},
           {"init", AttrKind::String, false},
           {"seed", AttrKind::Int, false},
           {"norm", AttrKind::Number, false},
           {"path", AttrKind::String, false},
           {"values", AttrKind::List, false}},
          verifyLcu};
}

Bounds Lcu::bounds(const ir::Operation &op, const OperandBounds &, double alpha) const {
  switch (lcuKind(op)) {
  case LcuKind::Uniform: // the all-ones column
    return {alpha, 1, alpha, 1};
  case LcuKind::Columns: // a selector: one 1 per column
    return {1, 1, 1, 1};
  default:
    return alphaBounds(alpha);
  }
}

std::vector<double> Lcu::errorGains(const ir::Operation &op, const passes::DataFacts &) const {
  return ones(op);
}

bool Lcu::makesError(const ir::Operation &) const { return false; }

Eigen::MatrixXd Lcu::evaluate(const ir::Operation &op, const OperandValue &,
                              interp::Semantics) const {
  using Eigen::MatrixXd;
  const auto &shape = op.getResult()->type.shape;
  switch (lcuKind(op)) {
  case LcuKind::Uniform:
    return MatrixXd::Ones(shape[0], 1);
  case LcuKind::Centering:
    return MatrixXd::Identity(shape[0], shape[0]) -
           MatrixXd::Constant(shape[0], shape[0], 1.0 / static_cast<double>(shape[0]));
  case LcuKind::Columns: {
    MatrixXd s = MatrixXd::Zero(shape[0], shape[1]);
    for (int64_t j = 0; j < shape[1]; ++j)
      s(op.getAttr("offset").getInt() + j, j) = 1;
    return s;
  }
  case LcuKind::Conv2d:
    notEvaluated(op, "convolutions");
  default:
    break;
  }
  std::optional<MatrixXd> m = interp::sourceMatrix(op);
  if (!m)
    notEvaluated(op, "symbolic '" + op.getAttr("source").getString() + "'");
  return *m;
}

backend::Encoded Lcu::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                           int n) const {
  const ir::Type &type = op.getResult()->type;
  backend::Encoded e;
  switch (lcuKind(op)) {
  case LcuKind::Uniform:
    e = backend::defineUniform(ctx.program(), gate, ctx.comment(op), type.shape[0], n);
    break;
  case LcuKind::Centering:
    e = backend::defineCentering(ctx.program(), gate, ctx.comment(op), type.shape[0], n);
    break;
  case LcuKind::Columns:
    e = backend::defineColumns(ctx.program(), gate, ctx.comment(op), type.shape[0], type.shape[1],
                               op.getAttr("offset").getInt(), n);
    break;
  case LcuKind::Conv2d:
    noCircuit(op, "kind = \"" + op.getAttr("kind").getString() + "\"");
  default:
    e = emitData(op, ctx, gate, n);
  }
  if (op.hasAttr("init"))
    ctx.noteOracle(op.getAttr("source").getString(), e.gate);
  return e;
}

bool Lcu::mixesRegisters() const { return false; }

std::vector<double> Lcu::operandRuns(const ir::Operation &op) const { return ones(op); }

} // namespace qsvtc::ops
