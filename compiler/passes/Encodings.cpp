//===- Encodings.cpp - How data becomes a block encoding ------------------===//
#include "Encodings.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/TensorFile.h"

#include <cmath>

namespace qsvtc::passes {

namespace {

/// The entries of an explicit input/weight (row-major), or nothing for a
/// symbolic one.
std::optional<std::vector<double>> explicitValues(const ir::Operation &source) {
  const std::string &init = source.getAttr("init").getString();
  if (init == "symbolic")
    return std::nullopt;
  if (init == "inline")
    return ir::toDoubles(source.getAttr("values"));
  if (init == "csv")
    return readCsv(source.getAttr("path").getString()).values;
  if (init == "npy")
    return readNpy(source.getAttr("path").getString()).values;
  throw NotSupportedError(source.location.str() + ": lowering random(...) weights is not "
                          "supported yet: it needs the reference interpreter's generator");
}

} // namespace

std::pair<double, int64_t> pauliNorm(const std::vector<double> &a, int64_t rows, int64_t cols) {
  int64_t n = ir::qubitsFor(std::max(rows, cols));
  int64_t dim = int64_t{1} << n;
  double sum = 0;
  int64_t terms = 0;
  std::vector<double> v(static_cast<std::size_t>(dim));
  // Tr(X^x Z^z A) = sum_i A[i ^ x][i] (-1)^{popcount(i & z)} (Y = iXZ only
  // adds a phase): for each x, a Walsh-Hadamard transform over i gives all z.
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
    for (double c : v)
      if (std::fabs(c) > 1e-15 * dim) {
        sum += std::fabs(c) / static_cast<double>(dim);
        ++terms;
      }
  }
  return {sum, terms};
}

ir::Value *encodeSource(Rewriter &rw, const ir::Operation &source) {
  const ir::Type &tensor = source.getResult()->type;
  std::vector<int64_t> shape = ir::encodedShape(tensor);
  int64_t rows = shape[0], cols = shape[1];
  bool isInput = source.getName() == "qt.input";
  int64_t denseAncillas = cols == 1 ? 0 : ir::qubitsFor(std::max(rows, cols)) + 1;
  std::string name = source.getAttr("name").getString();
  auto make = [&](const char *kind, double alpha, int64_t ancillas) {
    return rw.create("qsvt.lcu", {}, ir::Type::block(rows, cols, alpha, ancillas),
                     {{"kind", kind}, {"source", name}}, source.location,
                     source.getResult()->name);
  };
  std::optional<std::vector<double>> values = explicitValues(source);
  if (!values) {
    double norm = source.getAttr("norm").getNumber();
    return make(isInput ? "amplitude" : "opaque", norm, denseAncillas);
  }
  double frobenius = 0;
  for (double v : *values)
    frobenius += v * v;
  frobenius = std::sqrt(frobenius);
  if (!(frobenius > 0))
    throw Error(source.location.str() + ": error: '" + name +
                "' is all zeros: it has no block encoding (alpha would be 0)");
  if (isInput || cols == 1 || std::max(rows, cols) > 256)
    return make(isInput ? "amplitude" : "dense", frobenius, denseAncillas);
  auto [pauli, terms] = pauliNorm(*values, rows, cols);
  if (pauli < frobenius)
    return make("pauli", pauli, ir::qubitsFor(terms));
  return make("dense", frobenius, denseAncillas);
}

ir::Value *uniformColumn(Rewriter &rw, int64_t n, const ir::Location &loc) {
  return rw.create("qsvt.lcu", {}, ir::Type::block(n, 1, std::sqrt(static_cast<double>(n)), 0),
                   {{"kind", "uniform"}, {"source", ""}}, loc);
}

ir::Value *centering(Rewriter &rw, int64_t n, const ir::Location &loc) {
  return rw.create("qsvt.lcu", {}, ir::Type::block(n, n, 1.0, 1),
                   {{"kind", "centering"}, {"source", ""}}, loc);
}

ir::Value *columnSelector(Rewriter &rw, int64_t n, int64_t width, int64_t offset,
                          const ir::Location &loc) {
  return rw.create("qsvt.lcu", {}, ir::Type::block(n, width, 1.0, 1),
                   {{"kind", "columns"}, {"offset", offset}, {"source", ""}}, loc);
}

ir::Value *scaled(Rewriter &rw, ir::Value *block, double c, const ir::Location &loc) {
  return rw.create("qsvt.add", {block}, std::nullopt, {{"coeffs", ir::floatList({c})}}, loc);
}

} // namespace qsvtc::passes
