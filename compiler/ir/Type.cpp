//===- Type.cpp - Types of IR values --------------------------------------===//
#include "qsvtc/ir/Type.h"

#include "qsvtc/ir/Attribute.h"

namespace qsvtc::ir {

Type Type::tensor(std::vector<int64_t> shape) {
  Type t;
  t.kind = Kind::Tensor;
  t.shape = std::move(shape);
  return t;
}

Type Type::block(int64_t rows, int64_t cols, double alpha, int64_t ancillas) {
  Type t;
  t.kind = Kind::Block;
  t.shape = {rows, cols};
  t.alpha = alpha;
  t.ancillas = ancillas;
  return t;
}

Type Type::state(int64_t size, double alpha, int64_t ancillas) {
  Type t;
  t.kind = Kind::State;
  t.shape = {size};
  t.alpha = alpha;
  t.ancillas = ancillas;
  return t;
}

double Type::elementCount() const {
  double n = 1;
  for (int64_t extent : shape)
    n *= static_cast<double>(extent);
  return n;
}

bool Type::operator==(const Type &other) const {
  if (kind != other.kind || shape != other.shape)
    return false;
  return kind == Kind::Tensor || (alpha == other.alpha && ancillas == other.ancillas);
}

std::vector<int64_t> encodedShape(const Type &tensor) {
  if (tensor.rank() == 2)
    return tensor.shape;
  return {static_cast<int64_t>(tensor.elementCount()), 1};
}

std::string shapeString(const std::vector<int64_t> &shape) {
  std::string out;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i)
      out += 'x';
    out += std::to_string(shape[i]);
  }
  return out;
}

std::string Type::str() const {
  switch (kind) {
  case Kind::Tensor:
    return "tensor<" + shapeString(shape) + ">";
  case Kind::Block:
    return "!qsvt.block<" + shapeString(shape) + ", alpha = " + formatFloat(alpha) +
           ", anc = " + std::to_string(ancillas) + ">";
  case Kind::State:
    return "!qsvt.state<" + shapeString(shape) + ", alpha = " + formatFloat(alpha) +
           ", anc = " + std::to_string(ancillas) + ">";
  }
  return "";
}

} // namespace qsvtc::ir
