//===- Encodings.h - How data becomes a block encoding ----------*- C++ -*-===//
//
// The constants of the lowering: which encoding a model input or weight
// gets, with its normalisation alpha and ancilla count, and the constant
// blocks (uniform vectors, centering projector, column selectors).
// Accounting (docs/lowering.md):
//   amplitude / dense: state-preparation (QRAM/Gram) encoding of A/||A||_F,
//     alpha = ||A||_F, ancillas = ceil(log2 max(R, C)) (a vector: 0; backend/BlockEncodings.h);
//   pauli: LCU of Pauli strings, alpha = sum |c_P|, ancillas = ceil(log2 #terms);
//   opaque (symbolic): alpha = the declared norm bound, ancillas as dense.
// For explicit weights the smaller-alpha encoding of pauli and dense wins.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_ENCODINGS_H
#define QSVTC_COMPILER_PASSES_ENCODINGS_H

#include "Rewriter.h"
#include "qsvtc/ops/QsvtOps.h"

namespace qsvtc::passes {

/// How a qt.input / qt.weight is block-encoded: kind ("amplitude", "dense",
/// "pauli", "opaque"), alpha, ancillas (throws for data it cannot read).
struct SourceEncoding {
  ops::LcuKind kind;
  double alpha = 0;
  int64_t ancillas = 0;
};
SourceEncoding chooseEncoding(const ir::Operation &source);

/// The qsvt.lcu for a qt.input / qt.weight op (throws for data it cannot read).
ir::Value *encodeSource(Rewriter &rw, const ir::Operation &source);

/// The all-ones column of length n: alpha = sqrt(n), no ancillas (H gates).
ir::Value *uniformColumn(Rewriter &rw, int64_t n, const ir::Location &loc);
/// I - J/n on n entries: the mean-removing projector, alpha 1, one ancilla.
ir::Value *centering(Rewriter &rw, int64_t n, const ir::Location &loc);
/// The n x width matrix selecting columns [offset, offset + width).
ir::Value *columnSelector(Rewriter &rw, int64_t n, int64_t width, int64_t offset,
                          const ir::Location &loc);

/// The n x n identity (no gates, no ancillas): a product with it projects
/// on its first n indices when n is not a power of 2 (qsvt.mul).
ir::Value *identityBlock(Rewriter &rw, int64_t n, const ir::Location &loc);

/// M with its padding zeroed: an R x C block inside 2^n x 2^n times the
/// identities on its short sides (products project their inner index), so
/// the rows >= R and the columns >= C of its block are 0. A column's other
/// columns (a state preparation's) are zeroed only when `columns` is set:
/// an output column is read from |0>, but QSVT sees the whole block.
ir::Value *zeroPadded(Rewriter &rw, ir::Value *m, bool columns, const ir::Location &loc);

/// c * block (an LCU with one term: alpha |c|).
ir::Value *scaled(Rewriter &rw, ir::Value *block, double c, const ir::Location &loc);

/// Sum of |Tr(P A)| / 2^n over Pauli strings P on the zero-padded 2^n x 2^n
/// matrix (row-major A, rows x cols), and the number of nonzero terms.
std::pair<double, int64_t> pauliNorm(const std::vector<double> &a, int64_t rows, int64_t cols);

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_ENCODINGS_H
