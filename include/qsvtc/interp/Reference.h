//===- Reference.h - The exact forward pass of a qt module -----*- C++ -*-===//
//
// What the model spec means, in double precision, with no approximation:
// exact softmax, layer norm, GELU (erf form), matrix functions by
// eigendecomposition / SVD. The backend writes its result into the
// manifest as the reference every circuit is checked against, and tests
// compare lowered programs with it. Tensors of rank <= 2 are matrices
// (vectors are columns, as the qsvt encoding sees them).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_INTERP_REFERENCE_H
#define QSVTC_INTERP_REFERENCE_H

#include "qsvtc/ir/Module.h"

#include <Eigen/Dense>

#include <map>
#include <optional>

namespace qsvtc::interp {

/// The value of every qt.output of `module` (qt ops only), in order.
/// Throws NotSupportedError for ops it cannot evaluate (symbolic or random
/// data, tensors of rank > 2, convolutions) and Error for bad data.
std::vector<Eigen::MatrixXd> evaluateOutputs(const ir::Module &module);
/// The value of every qt op's result (same rules), and the outputs' values
/// in order when `outputs` is given.
std::map<const ir::Value *, Eigen::MatrixXd>
evaluateValues(const ir::Module &module, std::vector<Eigen::MatrixXd> *outputs = nullptr);

/// The entries of a model input or weight (qt.input, qt.weight, or the
/// qsvt.lcu encoding one) as its encoded R x C matrix; nothing when it is
/// symbolic.
std::optional<Eigen::MatrixXd> sourceMatrix(const ir::Operation &op);

/// The scalar functions the element-wise ops name (closed forms).
double elementwise(const std::string &fn, double x);

/// The functions of one entry that lowering applies by QSVT on a diagonal
/// encoding of the entries (a qsvt.poly on qsvt.diag_from_state): sigmoid,
/// tanh, erf, softplus, relu, and normcdf (GELU's gate).
bool isEntryFunction(const std::string &fn);

} // namespace qsvtc::interp

#endif // QSVTC_INTERP_REFERENCE_H
