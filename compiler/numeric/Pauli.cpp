//===- Pauli.cpp - Pauli decomposition of a real matrix -------------------===//
#include "qsvtc/numeric/Pauli.h"

#include <cmath>

namespace qsvtc::numeric {

std::vector<PauliTerm> pauliDecompose(const std::vector<double> &a, int64_t rows, int64_t cols) {
  int64_t n = 0;
  while ((int64_t{1} << n) < std::max(rows, cols))
    ++n;
  int64_t dim = int64_t{1} << n;
  std::vector<PauliTerm> terms;
  std::vector<double> v(static_cast<std::size_t>(dim));
  for (int64_t x = 0; x < dim; ++x) {
    for (int64_t i = 0; i < dim; ++i) {
      int64_t r = i ^ x;
      v[static_cast<std::size_t>(i)] =
          r < rows && i < cols ? a[static_cast<std::size_t>(r * cols + i)] : 0.0;
    }
    for (int64_t h = 1; h < dim; h *= 2)
      for (int64_t i = 0; i < dim; i += 2 * h)
        for (int64_t j = i; j < i + h; ++j) {
          double u = v[static_cast<std::size_t>(j)], w = v[static_cast<std::size_t>(j + h)];
          v[static_cast<std::size_t>(j)] = u + w;
          v[static_cast<std::size_t>(j + h)] = u - w;
        }
    for (int64_t z = 0; z < dim; ++z) {
      double c = v[static_cast<std::size_t>(z)];
      if (std::fabs(c) > 1e-15 * static_cast<double>(dim))
        terms.push_back(
            {static_cast<uint64_t>(x), static_cast<uint64_t>(z), c / static_cast<double>(dim)});
    }
  }
  return terms;
}

} // namespace qsvtc::numeric
