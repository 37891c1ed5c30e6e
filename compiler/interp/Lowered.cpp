//===- Lowered.cpp - What every qsvt value encodes, classically -----------===//
#include "qsvtc/interp/Lowered.h"

#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <functional>

namespace qsvtc::interp {

using Eigen::MatrixXd;

namespace {

[[noreturn]] void unsupported(const ir::Operation &op, const std::string &what) {
  throw NotSupportedError(op.location.str() + ": the lowered-IR interpreter does not evaluate " +
                          what + " yet");
}

MatrixXd dataMatrix(const ir::Operation &op) {
  std::optional<MatrixXd> m = sourceMatrix(op);
  if (!m)
    unsupported(op, "symbolic '" + op.getAttr("source").getString() + "'");
  return *m;
}

MatrixXd constant(const ir::Operation &op) {
  const std::string &kind = op.getAttr("kind").getString();
  const auto &shape = op.getResult()->type.shape;
  if (kind == "uniform")
    return MatrixXd::Ones(shape[0], 1);
  if (kind == "centering")
    return MatrixXd::Identity(shape[0], shape[0]) -
           MatrixXd::Constant(shape[0], shape[0], 1.0 / static_cast<double>(shape[0]));
  if (kind == "columns") {
    MatrixXd s = MatrixXd::Zero(shape[0], shape[1]);
    for (int64_t j = 0; j < shape[1]; ++j)
      s(op.getAttr("offset").getInt() + j, j) = 1;
    return s;
  }
  if (kind == "conv2d")
    unsupported(op, "convolutions");
  return dataMatrix(op);
}

using Scalar = std::function<double(double)>;

/// g(A) on the spectrum: eigenvalues of a symmetric A; for odd g on a
/// general A, U g(Sigma) V^T, shaped like A (QSVT's odd block; the
/// lowering takes the inverse's adjoint).
MatrixXd spectral(const ir::Operation &op, const MatrixXd &a, const Scalar &g, bool odd) {
  if (a.rows() == a.cols() && (a - a.transpose()).norm() <= 1e-12 * a.norm()) {
    Eigen::SelfAdjointEigenSolver<MatrixXd> es(a);
    Eigen::VectorXd v = es.eigenvalues().unaryExpr(g);
    return es.eigenvectors() * v.asDiagonal() * es.eigenvectors().transpose();
  }
  if (!odd)
    unsupported(op, "an even function of a non-symmetric matrix");
  Eigen::JacobiSVD<MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  Eigen::VectorXd s = svd.singularValues().unaryExpr(g);
  return svd.matrixU() * s.asDiagonal() * svd.matrixV().transpose();
}

MatrixXd polynomialOp(const ir::Operation &op, const MatrixXd &b, double alphaIn,
                      Semantics semantics) {
  const std::string &fn = op.getAttr("fn").getString();
  bool entrywise = op.getFlag("elementwise");
  bool odd = fn == "inverse" || fn == "sign" || fn == "amplify";
  if (semantics == Semantics::Polynomial) {
    if (!op.hasAttr("coef"))
      throw ir::locatedError(op.location,
                             "'" + fn + "' has no polynomial yet: run approximate first");
    std::vector<double> coef = ir::toDoubles(op.getAttr("coef"));
    double gain = op.getAttr("factor").getNumber() / op.getAttr("scale").getNumber();
    Scalar p = [&](double x) { return gain * numeric::clenshaw(coef, x / alphaIn); };
    return entrywise ? MatrixXd(b.unaryExpr(p)) : spectral(op, b, p, odd);
  }
  if (entrywise) {
    if (fn == "softmax-exp")
      return (b.array() - alphaIn).exp().matrix();
    if (fn == "exp")
      return (b.array() - op.getAttr("param").getNumber()).exp().matrix();
    return b.unaryExpr([&](double x) { return elementwise(fn, x); });
  }
  if (fn == "amplify")
    return b;
  if (fn == "exp")
    return spectral(
        op, b, [](double x) { return std::exp(x); }, false);
  if (fn == "softmax-exp") // on a diagonal: shifted as element-wise
    return spectral(
        op, b, [&](double x) { return std::exp(x - alphaIn); }, false);
  if (isEntryFunction(fn)) // on a diagonal (docs/lowering.md): its entries
    return spectral(
        op, b, [&](double x) { return elementwise(fn, x); }, false);
  if (fn == "invsqrt")
    return spectral(
        op, b, [](double x) { return 1 / std::sqrt(std::fabs(x)); }, false);
  if (fn == "inverse")
    return spectral(
        op, b, [](double x) { return 1 / x; }, true);
  if (fn == "sign")
    return spectral(
        op, b, [](double x) { return x > 0   ? 1.0
                                     : x < 0 ? -1.0
                                             : 0.0; }, true);
  unsupported(op, "'" + fn + "'");
}

MatrixXd kron(const MatrixXd &a, const MatrixXd &b) {
  MatrixXd k(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return k;
}

} // namespace

BlockValues evaluateLowered(const ir::Module &module, Semantics semantics) {
  BlockValues values;
  for (const auto &opPtr : module.operations) {
    const ir::Operation &op = *opPtr;
    if (!op.hasResult())
      continue;
    const std::string &name = op.getName();
    auto in = [&](std::size_t i) -> const MatrixXd & {
      auto it = values.find(op.operands[i]);
      if (it == values.end())
        unsupported(op, "operand " + std::to_string(i) + " (not a block value)");
      return it->second;
    };
    MatrixXd r;
    if (name == "qsvt.lcu")
      r = constant(op);
    else if (name == "qsvt.adjoint")
      r = in(0).transpose();
    else if (name == "qsvt.mul")
      r = in(0) * in(1);
    else if (name == "qsvt.add") {
      std::vector<double> c = ir::toDoubles(op.getAttr("coeffs"));
      r = c[0] * in(0);
      for (std::size_t i = 1; i < c.size(); ++i)
        r += c[i] * in(i);
    } else if (name == "qsvt.tensor")
      r = kron(in(0), in(1));
    else if (name == "qsvt.hadamard")
      r = in(0).cwiseProduct(in(1));
    else if (name == "qsvt.vec") {
      const MatrixXd &a = in(0);
      Eigen::Index padded = Eigen::Index{1} << ir::qubitsFor(a.cols());
      r = MatrixXd::Zero(a.rows() * padded, 1);
      for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
          r(i * padded + j, 0) = a(i, j);
    } else if (name == "qsvt.unvec") {
      Eigen::Index rows = op.getAttr("rows").getInt(), cols = op.getAttr("cols").getInt();
      Eigen::Index padded = Eigen::Index{1} << ir::qubitsFor(cols);
      r.resize(rows, cols);
      for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
          r(i, j) = in(0)(i * padded + j, 0);
    } else if (name == "qsvt.diag_from_state")
      r = in(0).col(0).asDiagonal();
    else if (name == "qsvt.poly" || name == "qsvt.phases")
      r = polynomialOp(op, in(0), op.operands[0]->type.alpha, semantics);
    else if (name == "qsvt.real_part")
      r = (in(0) + in(0).transpose()) / 2;
    else if (name == "qsvt.amplify" || name == "qsvt.readout")
      r = in(0);
    else
      unsupported(op, "'" + name + "'");
    values[op.getResult()] = std::move(r);
  }
  return values;
}

std::vector<MatrixXd> loweredOutputs(const ir::Module &module, Semantics semantics) {
  BlockValues values = evaluateLowered(module, semantics);
  std::vector<MatrixXd> outputs;
  for (const auto &op : module.operations)
    if (op->getName() == "qsvt.output")
      outputs.push_back(values.at(op->operands[0]));
  return outputs;
}

} // namespace qsvtc::interp
