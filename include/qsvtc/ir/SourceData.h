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

/// The most entries a tensor with explicit data may have: the reference
/// interpreter, the encodings and the backend hold all of them. Symbolic
/// data has no entries and no cap. Process-wide, set by the tools'
/// --max-tensor-entries (like DiagnosticEngine::errorLimit).
inline int64_t maxTensorEntries = int64_t{1} << 20;

/// "'X' has 4e+06 entries, above the cap of 1048576 for ... (raise it with
/// --max-tensor-entries=N, or ...)": the refusal, the same in every stage.
std::string tooManyEntriesMessage(const std::string &what, double entries);

/// The row-major entries of `source` (a qt.input, qt.weight, or the
/// qsvt.lcu that encodes one: it carries the same attributes), or nothing
/// when it is symbolic. A located error above maxTensorEntries, before any
/// file is read or any entry drawn.
std::optional<std::vector<double>> explicitValues(const Operation &source);

/// Whether `op` carries data attributes: a qt.input or qt.weight, or the
/// qsvt.lcu that encodes one (not a constant's).
bool hasSourceData(const Operation &op);
/// The attributes that say where `source`'s entries come from (init, seed,
/// norm, path, values): the qsvt.lcu that encodes it carries them too.
AttrDict dataAttributes(const Operation &source);
/// How the entries are given: "inline", "csv", "npy", "random", "symbolic".
const std::string &dataOrigin(const Operation &source);

/// Whether `source` (as above) is symbolic: a shape and a norm, no entries.
bool isSymbolic(const Operation &source);
/// The norm a symbolic or random source was given, if any.
std::optional<double> sourceNorm(const Operation &source);

/// random(seed = s, norm = a) for an encoded shape R x C (ir/Type.h):
/// i.i.d. standard normal entries from mt19937_64(s) by Box-Muller (two
/// 53-bit uniforms per entry, cosine branch), row-major, then scaled so
/// that the operator norm (largest singular value; the l2 norm for a
/// column) is a. Reproducible on every platform.
std::vector<double> randomValues(uint64_t seed, const std::vector<int64_t> &shape, double norm);

} // namespace qsvtc::ir

#endif // QSVTC_IR_SOURCEDATA_H
