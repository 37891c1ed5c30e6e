//===- Lowering.h - Patterns that turn qt ops into qsvt ops -----*- C++ -*-===//
//
// Each family of qt ops has one pattern function (one file each); a
// pattern returns true when it replaced the op. A pattern only fires when
// the op's operands already have block encodings, so the named passes
// (lower-linear, lower-softmax, ...) can run alone and lower what they can,
// and lower-to-qsvt applies every family in one walk in program order,
// which lowers a whole model. docs/lowering.md states each construction.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_LOWERING_H
#define QSVTC_COMPILER_PASSES_LOWERING_H

#include "Rewriter.h"
#include "qsvtc/ops/QsvtOps.h"

namespace qsvtc::passes {

/// True if `value` is a block, or a tensor cast from one.
bool valueReady(const ir::Value *value);
/// True if every operand of `op` is ready.
bool operandsReady(const ir::Operation &op);
/// Operand `i` as a block (operandsReady must hold).
ir::Value *blockOperand(Rewriter &rw, ir::Operation &op, std::size_t i);

/// qt.input, qt.weight, qt.matmul, qt.transpose, qt.scale, qt.add,
/// qt.conv2d, qt.output (LowerLinear.cpp).
bool lowerLinear(Rewriter &rw, ir::Operation &op);
/// qt.softmax, qt.attention (LowerSoftmax.cpp).
bool lowerSoftmax(Rewriter &rw, ir::Operation &op);
/// qt.layernorm, qt.rmsnorm (LowerNorm.cpp).
bool lowerNorm(Rewriter &rw, ir::Operation &op);
/// qt.elementwise (LowerActivation.cpp).
bool lowerActivation(Rewriter &rw, ir::Operation &op);
/// qt.matfn (LowerMatrixFunction.cpp).
bool lowerMatrixFunction(Rewriter &rw, ir::Operation &op);
/// Before lowering a numeric model: kappa and symmetry, as stated for
/// matrix functions, measured on the data (CheckData.cpp); throws Error.
void checkDataAssumptions(const ir::Module &module);

inline bool isPowerOfTwo(int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

/// What onDiagonal amplifies: M to its norm bound, or diag(vec M) to its
/// entries' bound (the range of f's argument then follows the entries).
enum class DiagonalAmplification { Matrix, Entries };
/// f of every entry of M by QSVT on diag(vec M) (LowerActivation.cpp).
ir::Value *onDiagonal(Rewriter &rw, ir::Value *m, const std::string &fn,
                      DiagonalAmplification amplify, const ir::Location &loc);

/// Row-wise softmax of a block (shared by softmax and attention).
ir::Value *rowSoftmax(Rewriter &rw, ir::Value *block, const ir::Location &loc);

/// A qsvt.poly placeholder: spec.fn applied element-wise or to singular
/// values, with its parameter; its result alpha is provisional until the
/// approximate pass knows the polynomial.
ir::Value *polynomial(Rewriter &rw, ir::Value *block, const ops::PolySpec &spec,
                      const ir::Location &loc);

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_LOWERING_H
