//===- Reference.cpp - The exact forward pass of a qt module --------------===//
#include "qsvtc/interp/Reference.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <limits>
#include <map>

namespace qsvtc::interp {

using Eigen::MatrixXd;

double elementwise(const std::string &fn, double x) {
  const approx::Activation *a = approx::findActivation(fn);
  if (!a)
    throw InternalError("unknown element-wise function '" + fn + "'");
  return a->evalDouble(x);
}

bool isEntryFunction(const std::string &fn) {
  const approx::Activation *a = approx::findActivation(fn);
  return a && a->lowering == approx::ActivationLowering::OnDiagonal;
}

namespace {

[[noreturn]] void unsupported(const ir::Operation &op, const std::string &what) {
  throw NotSupportedError(op.location.str() + ": the reference interpreter does not evaluate " +
                          what + " yet");
}

MatrixXd rowSoftmax(const MatrixXd &a) {
  MatrixXd s(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    Eigen::RowVectorXd e = (a.row(i).array() - a.row(i).maxCoeff()).exp();
    s.row(i) = e / e.sum();
  }
  return s;
}

/// f of the eigenvalues of the symmetric part (the lowering requires a
/// symmetric operand for eigenvalue functions).
template <typename F> MatrixXd eigenFunction(const MatrixXd &a, F f) {
  Eigen::SelfAdjointEigenSolver<MatrixXd> es((a + a.transpose()) / 2);
  Eigen::VectorXd v = es.eigenvalues().unaryExpr(f);
  return es.eigenvectors() * v.asDiagonal() * es.eigenvectors().transpose();
}

MatrixXd matrixFunction(const ir::Operation &op, const MatrixXd &a) {
  const std::string &fn = op.getAttr("fn").getString();
  if (fn == "exp")
    return eigenFunction(a, [](double x) { return std::exp(x); });
  if (fn == "invsqrt")
    return eigenFunction(a, [](double x) { return 1 / std::sqrt(std::fabs(x)); });
  Eigen::JacobiSVD<MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  if (fn == "sign")
    return svd.matrixU() * svd.matrixV().transpose();
  if (fn == "inverse") {
    Eigen::VectorXd s = svd.singularValues();
    double cut = s.size() ? s(0) * 1e-12 : 0;
    for (Eigen::Index i = 0; i < s.size(); ++i)
      s(i) = s(i) > cut ? 1 / s(i) : 0;
    return svd.matrixV() * s.asDiagonal() * svd.matrixU().transpose();
  }
  unsupported(op, "'matrix " + fn + "'");
}

MatrixXd normalizeRows(const ir::Operation &op, const MatrixXd &x, bool center) {
  double eps = op.hasAttr("epsilon") ? op.getAttr("epsilon").getNumber() : 1e-5;
  double gamma = op.hasAttr("gamma") ? op.getAttr("gamma").getNumber() : 1.0;
  double beta = op.hasAttr("beta") ? op.getAttr("beta").getNumber() : 0.0;
  MatrixXd y(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::RowVectorXd r = x.row(i);
    if (center)
      r.array() -= r.mean();
    double var = r.squaredNorm() / static_cast<double>(r.size());
    y.row(i) = (gamma / std::sqrt(var + eps)) * r.array() + beta;
  }
  return y;
}

MatrixXd attention(const ir::Operation &op, const MatrixXd &q, const MatrixXd &k,
                   const MatrixXd &v) {
  int64_t heads = op.getAttr("heads").getInt();
  Eigen::Index dh = q.cols() / heads, dv = v.cols() / heads;
  MatrixXd out(q.rows(), v.cols());
  const bool causal = op.hasAttr("causal");
  for (int64_t h = 0; h < heads; ++h) {
    MatrixXd scores = q.middleCols(h * dh, dh) * k.middleCols(h * dh, dh).transpose() /
                      std::sqrt(static_cast<double>(dh));
    if (causal) // token j attends to tokens 0..j: the rest weigh e^{-inf} = 0
      for (Eigen::Index j = 0; j < scores.rows(); ++j)
        for (Eigen::Index l = j + 1; l < scores.cols(); ++l)
          scores(j, l) = -std::numeric_limits<double>::infinity();
    out.middleCols(h * dv, dv) = rowSoftmax(scores) * v.middleCols(h * dv, dv);
  }
  return out;
}

/// `rowwise` applied along the op's axis: rows for the last axis of a
/// matrix, the column otherwise (axis 0; a vector is a column).
template <typename F> MatrixXd alongAxis(const ir::Operation &op, const MatrixXd &m, F rowwise) {
  int64_t axis = op.getAttr("axis").getInt();
  if (axis < 0)
    axis += op.operands[0]->type.rank();
  if (axis == 0)
    return rowwise(MatrixXd(m.transpose())).transpose();
  return rowwise(m);
}

/// A @ B with docs/dsl.md's vector rule: a vector (held as a column) on
/// the left acts as a row; a vector result is held as a column again.
MatrixXd matmul(const ir::Operation &op, const MatrixXd &a, const MatrixXd &b) {
  const bool leftVector = op.operands[0]->type.rank() == 1;
  MatrixXd r = leftVector ? MatrixXd(a.transpose() * b) : MatrixXd(a * b);
  if (op.getResult()->type.rank() == 1 && r.rows() == 1)
    r.transposeInPlace();
  return r;
}

MatrixXd source(const ir::Operation &op) {
  std::optional<MatrixXd> m = sourceMatrix(op);
  if (!m)
    unsupported(op, "symbolic '" + op.getAttr("name").getString() + "' (it has no entries)");
  return *m;
}

} // namespace

std::optional<MatrixXd> sourceMatrix(const ir::Operation &op) {
  std::optional<std::vector<double>> values;
  if (op.hasAttr("init"))
    values = ir::explicitValues(op);
  if (!values)
    return std::nullopt;
  const ir::Type &type = op.getResult()->type;
  std::vector<int64_t> shape = type.isTensor() ? ir::encodedShape(type) : type.shape;
  MatrixXd m(shape[0], shape[1]);
  for (int64_t i = 0; i < shape[0]; ++i)
    for (int64_t j = 0; j < shape[1]; ++j)
      m(i, j) = (*values)[static_cast<std::size_t>(i * shape[1] + j)];
  return m;
}

std::vector<MatrixXd> evaluateOutputs(const ir::Module &module) {
  std::vector<MatrixXd> outputs;
  evaluateValues(module, &outputs);
  return outputs;
}

std::map<const ir::Value *, MatrixXd> evaluateValues(const ir::Module &module,
                                                     std::vector<MatrixXd> *outputs) {
  std::map<const ir::Value *, MatrixXd> values;
  for (const auto &opPtr : module.operations) {
    const ir::Operation &op = *opPtr;
    const std::string &name = op.getName();
    if (name.rfind("qt.", 0) != 0)
      unsupported(op, "'" + name + "' (it reads the model at the qt stage)");
    auto in = [&](std::size_t i) -> const MatrixXd & { return values.at(op.operands[i]); };
    for (const ir::Value *v : op.operands)
      if (v->type.rank() > 2)
        unsupported(op, "tensors of rank " + std::to_string(v->type.rank()));
    MatrixXd r;
    if (name == "qt.input" || name == "qt.weight")
      r = source(op);
    else if (name == "qt.matmul")
      r = matmul(op, in(0), in(1));
    else if (name == "qt.transpose")
      r = in(0).transpose();
    else if (name == "qt.scale")
      r = op.getAttr("factor").getNumber() * in(0);
    else if (name == "qt.add")
      r = in(0) + in(1);
    else if (name == "qt.softmax")
      r = alongAxis(op, in(0), rowSoftmax);
    else if (name == "qt.layernorm" || name == "qt.rmsnorm")
      r = alongAxis(op, in(0), [&](const MatrixXd &m) {
        return normalizeRows(op, m, name == "qt.layernorm");
      });
    else if (name == "qt.elementwise") {
      const std::string &fn = op.getAttr("fn").getString();
      r = in(0).unaryExpr([&](double x) { return elementwise(fn, x); });
    } else if (name == "qt.matfn")
      r = matrixFunction(op, in(0));
    else if (name == "qt.attention")
      r = attention(op, in(0), in(1), in(2));
    else if (name == "qt.block_output")
      r = in(0);
    else if (name == "qt.output") {
      if (outputs)
        outputs->push_back(in(0));
      continue;
    } else
      unsupported(op, "'" + name + "'");
    values[op.getResult()] = std::move(r);
  }
  return values;
}

} // namespace qsvtc::interp
