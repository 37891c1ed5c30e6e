//===- Lowered.cpp - What every qsvt value encodes, classically -----------===//
#include "qsvtc/interp/Lowered.h"

#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"

namespace qsvtc::interp {

using Eigen::MatrixXd;

BlockValues evaluateLowered(const ir::Module &module, Semantics semantics) {
  BlockValues values;
  for (const auto &opPtr : module.operations) {
    const ir::Operation &op = *opPtr;
    if (!op.hasResult())
      continue;
    ops::OperandValue in = [&](std::size_t i) -> const MatrixXd & {
      auto it = values.find(op.operands[i]);
      if (it == values.end())
        ops::notEvaluated(op, "operand " + std::to_string(i) + " (not a block value)");
      return it->second;
    };
    const ops::Construction *construction = ops::construction(op);
    if (!construction)
      ops::notEvaluated(op, "'" + op.getName() + "'");
    MatrixXd r = construction->evaluate(op, in, semantics);
    values[op.getResult()] = std::move(r);
  }
  return values;
}

std::vector<MatrixXd> loweredOutputs(const ir::Module &module, Semantics semantics) {
  BlockValues values = evaluateLowered(module, semantics);
  std::vector<MatrixXd> outputs;
  for (const auto &op : module.operations)
    if (ops::is<ops::Output>(*op))
      outputs.push_back(values.at(op->operands[0]));
  return outputs;
}

} // namespace qsvtc::interp
