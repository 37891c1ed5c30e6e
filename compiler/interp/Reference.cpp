//===- Reference.cpp - The exact forward pass of a qt module --------------===//
#include "qsvtc/interp/Reference.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"

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

std::optional<MatrixXd> sourceMatrix(const ir::Operation &op) {
  std::optional<std::vector<double>> values;
  if (ir::hasSourceData(op))
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
    const ops::qt::TensorOp *def = ops::qt::tensorOp(op);
    if (!def)
      ops::qt::notInReference(op, "'" + op.getName() + "' (it reads the model at the qt stage)");
    ops::OperandValue in = [&](std::size_t i) -> const MatrixXd & {
      return values.at(op.operands[i]);
    };
    for (const ir::Value *v : op.operands)
      if (v->type.rank() > 2)
        ops::qt::notInReference(op, "tensors of rank " + std::to_string(v->type.rank()));
    MatrixXd r = def->reference(op, in);
    if (!op.hasResult()) { // qt.output: r is its operand's value
      if (outputs)
        outputs->push_back(std::move(r));
      continue;
    }
    values[op.getResult()] = std::move(r);
  }
  return values;
}

} // namespace qsvtc::interp
