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

#include <cstdint>
#include <optional>
#include <vector>

namespace qsvtc::ir {

/// The row-major entries of `source` (a qt.input, qt.weight, or the
/// qsvt.lcu that encodes one: it carries the same attributes), or nothing
/// when it is symbolic.
std::optional<std::vector<double>> explicitValues(const Operation &source);

/// random(seed = s, norm = a) for an encoded shape R x C (ir/Type.h):
/// i.i.d. standard normal entries from mt19937_64(s) by Box-Muller (two
/// 53-bit uniforms per entry, cosine branch), row-major, then scaled so
/// that the operator norm (largest singular value; the l2 norm for a
/// column) is a. Reproducible on every platform.
std::vector<double> randomValues(uint64_t seed, const std::vector<int64_t> &shape, double norm);

} // namespace qsvtc::ir

#endif // QSVTC_IR_SOURCEDATA_H
