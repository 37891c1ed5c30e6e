//===- Type.h - Types of IR values ------------------------------*- C++ -*-===//
//
// Three kinds of value flow through the IR:
//  - tensor<4x4>: a tensor of the model (qt dialect), an amplitude-encoded
//    input or a weight, of rank 1 to 4;
//  - !qsvt.block<RxC, alpha = a, anc = n>: a block encoding U of an R x C
//    matrix A with A = alpha * <0|_anc U |0>_anc on n ancilla qubits;
//  - !qsvt.state<N, anc = n>: a state preparation whose first N amplitudes,
//    with n ancillas projected on |0>, hold a vector (times alpha).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_TYPE_H
#define QSVTC_IR_TYPE_H

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace qsvtc::ir {

struct Type {
  enum class Kind { Tensor, Block, State };

  Kind kind = Kind::Tensor;
  std::vector<int64_t> shape;
  double alpha = 1.0;   // block/state normalisation
  int64_t ancillas = 0; // block/state ancilla qubits

  static Type tensor(std::vector<int64_t> shape);
  static Type block(int64_t rows, int64_t cols, double alpha, int64_t ancillas);
  static Type state(int64_t size, double alpha, int64_t ancillas);

  bool isTensor() const { return kind == Kind::Tensor; }
  bool isBlock() const { return kind == Kind::Block; }
  bool isState() const { return kind == Kind::State; }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  /// Number of entries of a tensor / rows*cols of a block.
  double elementCount() const;

  bool operator==(const Type &other) const;
  bool operator!=(const Type &other) const { return !(*this == other); }

  /// IR text form: "tensor<4x4>", "!qsvt.block<4x4, alpha = 2.0, anc = 3>".
  std::string str() const;
};

/// The shape of the block that encodes a tensor: a matrix is R x C; a
/// vector or a rank 3-4 tensor is a column of its entries (row-major).
std::vector<int64_t> encodedShape(const Type &tensor);

/// Qubits to index `count` items: the smallest n with 2^n >= count.
inline int64_t qubitsFor(int64_t count) {
  int64_t n = 0;
  while ((int64_t{1} << n) < count)
    ++n;
  return n;
}

/// 1 when the product of blocks a (R x K) and b (K x C) projects its
/// inner index on [0, K): K is below 2^(the wider factor's qubits), so
/// the factors' padding would otherwise enter the product (one ancilla).
inline int projectsInnerIndex(const Type &a, const Type &b) {
  const int64_t width = std::max(qubitsFor(std::max(a.shape[0], a.shape[1])),
                                 qubitsFor(std::max(b.shape[0], b.shape[1])));
  return a.shape[1] < (int64_t{1} << width) ? 1 : 0;
}

/// "4x4" for {4, 4}.
std::string shapeString(const std::vector<int64_t> &shape);

} // namespace qsvtc::ir

#endif // QSVTC_IR_TYPE_H
