//===- QtOps.h - The qt dialect: tensor ops of the model --------*- C++ -*-===//
//
// qt ops are the model as written: tensors (amplitude-encoded inputs,
// weights), products, sums and the nonlinear maps of a transformer or a
// residual conv net. Element-wise functions (qt.elementwise: entries of a
// tensor) and matrix functions (qt.matfn: applied to singular values or
// eigenvalues by QSVT) are different ops on purpose. QSVTC_QT_OPS lists
// each once; its definition (name, operands, attributes, type rule) and
// its exact value (the reference interpreter, interp/Reference.h) live in
// compiler/ops/Qt*.cpp. The lowering passes turn them into qsvt ops.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_OPS_QTOPS_H
#define QSVTC_OPS_QTOPS_H

#include "qsvtc/ops/Construction.h"

#include <optional>

#define QSVTC_QT_OPS(X)                                                                            \
  X(Input, "qt.input")                                                                             \
  X(Weight, "qt.weight")                                                                           \
  X(Matmul, "qt.matmul")                                                                           \
  X(Transpose, "qt.transpose")                                                                     \
  X(Scale, "qt.scale")                                                                             \
  X(Add, "qt.add")                                                                                 \
  X(Softmax, "qt.softmax")                                                                         \
  X(LayerNorm, "qt.layernorm")                                                                     \
  X(RmsNorm, "qt.rmsnorm")                                                                         \
  X(Elementwise, "qt.elementwise")                                                                 \
  X(Matfn, "qt.matfn")                                                                             \
  X(Attention, "qt.attention")                                                                     \
  X(Conv2d, "qt.conv2d")                                                                           \
  X(BlockOutput, "qt.block_output")                                                                \
  X(Output, "qt.output")

namespace qsvtc::ops::qt {

class TensorOp {
public:
  virtual ~TensorOp() = default;
  /// Name, operands, attributes and the type rule (ir::verify runs it).
  virtual ir::OpDefinition definition() const = 0;
  /// The exact value of the result (of the operand, for qt.output) from the
  /// operands' values: matrices, vectors as columns.
  virtual Eigen::MatrixXd reference(const ir::Operation &op, const OperandValue &in) const = 0;
};

#define QSVTC_DECLARE_TENSOR_OP(Class, Name)                                                       \
  class Class final : public TensorOp {                                                            \
  public:                                                                                          \
    static constexpr const char *name = Name;                                                      \
    ir::OpDefinition definition() const override;                                                  \
    Eigen::MatrixXd reference(const ir::Operation &op, const OperandValue &in) const override;     \
  };
QSVTC_QT_OPS(QSVTC_DECLARE_TENSOR_OP)
#undef QSVTC_DECLARE_TENSOR_OP

/// The definition of `op`, or nullptr for an op of another dialect.
const TensorOp *tensorOp(const ir::Operation &op);
/// Every qt op's ir::OpDefinition.
std::vector<ir::OpDefinition> qtDefinitions();

/// A model input or weight.
inline bool isSource(const ir::Operation &op) { return is<Input>(op) || is<Weight>(op); }
/// A layer norm or an RMS norm.
inline bool isNormalisation(const ir::Operation &op) {
  return is<LayerNorm>(op) || is<RmsNorm>(op);
}

// Typed attributes of the qt ops (each defined in the op's own file).

/// An input's or weight's name.
const std::string &sourceName(const ir::Operation &source);
// Their data attributes: ir/SourceData.h.

/// The functions qt.matfn applies (the DSL's `matrix f(A, ...)`).
const std::vector<std::string> &matrixFunctionNames();

/// qt.elementwise, qt.matfn: the function's name.
const std::string &functionName(const ir::Operation &op);
/// qt.matfn: the condition number bound the user gave, if any.
std::optional<double> kappa(const ir::Operation &matfn);

/// qt.scale's factor.
double scaleFactor(const ir::Operation &scale);
void setScaleFactor(ir::Operation &scale, double factor);

/// qt.softmax, qt.layernorm, qt.rmsnorm: the axis they normalise along.
int64_t axis(const ir::Operation &op);
/// qt.layernorm, qt.rmsnorm: y = gamma (x - mean) / sqrt(var + epsilon) + beta
/// (no mean and no beta for RMS); min_std, if given, bounds the rows'
/// standard deviations below.
struct NormParams {
  double gamma = 1, beta = 0, epsilon = 1e-5;
  std::optional<double> minStd;
};
NormParams normParams(const ir::Operation &norm);

/// qt.attention: the number of heads and whether it is causal.
int64_t heads(const ir::Operation &attention);
bool isCausal(const ir::Operation &attention);

/// qt.conv2d: stride (default 1) and zero padding (default 0).
int64_t convStride(const ir::Operation &conv);
int64_t convPadding(const ir::Operation &conv);

/// qt.block_output: the block whose result it marks.
const std::string &blockName(const ir::Operation &blockOutput);

/// NotSupportedError: "<loc>: the reference interpreter does not evaluate
/// <what> yet".
[[noreturn]] void notInReference(const ir::Operation &op, const std::string &what);

} // namespace qsvtc::ops::qt

#endif // QSVTC_OPS_QTOPS_H
