//===- SourceData.h - The entries of a model input or weight ---*- C++ -*-===//
//
// A qt.input / qt.weight holds its data inline, names a CSV or .npy file,
// asks for random entries, or is symbolic (shape and norm only). The
// lowering (alphas), the backend (circuits) and the reference interpreter
// read the entries through this one function.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_SOURCEDATA_H
#define QSVTC_IR_SOURCEDATA_H

#include "qsvtc/ir/Module.h"

#include <optional>
#include <vector>

namespace qsvtc::ir {

/// The row-major entries of `source` (a qt.input or qt.weight), or nothing
/// when it is symbolic. Throws NotSupportedError for random(...) data.
std::optional<std::vector<double>> explicitValues(const Operation &source);

/// The qt.input / qt.weight called `name` in `module`, or null.
const Operation *findSource(const Module &module, const std::string &name);

} // namespace qsvtc::ir

#endif // QSVTC_IR_SOURCEDATA_H
