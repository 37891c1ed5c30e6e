//===- Common.h - Helpers the qsvt constructions share ----------*- C++ -*-===//
#ifndef QSVTC_COMPILER_OPS_COMMON_H
#define QSVTC_COMPILER_OPS_COMMON_H

#include "OpChecks.h"
#include "qsvtc/ops/QsvtOps.h"

namespace qsvtc::ops {

using namespace ir::checks;
using AttrKind = ir::AttrSpec::Kind;

/// The result type as declared, after checking its kind and sanity.
const ir::Type &declaredResult(const ir::Operation &op, ir::Type::Kind kind);
/// 2^ceil(log2 n): a register's span for n entries.
int64_t paddedSize(int64_t n);
/// alpha bounds every norm of the matrix a block encodes.
inline Bounds alphaBounds(double alpha) { return {alpha, alpha, alpha, alpha}; }

/// The op has no circuit: "this op" in the emitter's words.
[[noreturn]] inline void noCircuit(const ir::Operation &op) { noCircuit(op, "this op"); }

/// An output's error bound lies in (0, 1) (qt.output, qsvt.output).
inline void checkOutputEpsilon(const ir::Operation &op) {
  double eps = op.getAttr("epsilon").getNumber();
  if (!(eps > 0 && eps < 1))
    fail("epsilon must be in (0, 1), got " + op.getAttr("epsilon").str());
}

/// Softmax of each row (the reference's qt.softmax and qt.attention).
Eigen::MatrixXd rowSoftmax(const Eigen::MatrixXd &a);

/// The op of a construction that reads its input (compiler/passes/Regions.h).
inline const ir::AttrSpec RegionEntry{"region_entry", AttrKind::Int, false};

} // namespace qsvtc::ops

#endif // QSVTC_COMPILER_OPS_COMMON_H
