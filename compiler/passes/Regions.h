//===- Regions.h - A construction's Lipschitz constant as a whole -*- C++ -*-===//
//
// Error propagation op by op (AllocateError.cpp) cannot see the
// cancellations inside a normalisation: for layer norm the composed bound
// is ~1e8 per layer of GPT-2 size where the function is |gamma|/sqrt(eps)-
// Lipschitz per row, and across twelve layers the budget underflows. The
// lowering therefore marks such a construction as a region: its output op
// carries `lipschitz` = L (|dY|_2 <= L |dB|_2), and the one op inside that
// reads the region's input B carries `region_entry` = B's operand index.
// The allocator propagates B's error through L alone; the ops inside keep
// the op-by-op propagation of their own errors.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_REGIONS_H
#define QSVTC_COMPILER_PASSES_REGIONS_H

#include "qsvtc/ir/Module.h"

namespace qsvtc::passes {

/// Marks the ops that compute `output` from `input` as a region with
/// Lipschitz constant L. Throws (a lowering bug) unless exactly one op
/// between them reads `input`.
void markRegion(const ir::Value *input, ir::Value *output, double lipschitz);

/// For a region's output op, the op inside that reads the region's input,
/// and that input; nullptr when `op` ends no region or its entry is gone
/// (the allocator then composes op by op).
const ir::Operation *regionEntry(const ir::Operation &op);
const ir::Value *regionInput(const ir::Operation &op);

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_REGIONS_H
