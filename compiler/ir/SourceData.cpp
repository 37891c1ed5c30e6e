//===- SourceData.cpp - The entries of a model input or weight ------------===//
#include "qsvtc/ir/SourceData.h"

#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/TensorFile.h"

#include <Eigen/Dense>

#include <cmath>
#include <random>

namespace qsvtc::ir {

std::string tooManyEntriesMessage(const std::string &what, double entries) {
  const std::string count =
      entries < 1e15 ? std::to_string(static_cast<int64_t>(entries)) : formatNumber(entries, 3);
  return what + " has " + count + " entries, above the cap of " + std::to_string(maxTensorEntries) +
         " for tensors with explicit data (raise it with --max-tensor-entries=N, or declare the "
         "data symbolic(norm = ...) to estimate resources)";
}

bool hasSourceData(const Operation &op) { return op.hasAttr("init"); }

AttrDict dataAttributes(const Operation &source) {
  AttrDict data;
  for (const char *key : {"init", "seed", "norm", "path", "values"})
    if (source.hasAttr(key))
      data[key] = source.getAttr(key);
  return data;
}

const std::string &dataOrigin(const Operation &source) {
  return source.getAttr("init").getString();
}

bool isSymbolic(const Operation &source) {
  return hasSourceData(source) && dataOrigin(source) == "symbolic";
}

std::optional<double> sourceNorm(const Operation &source) {
  if (!source.hasAttr("norm"))
    return std::nullopt;
  return source.getAttr("norm").getNumber();
}

std::optional<std::vector<double>> explicitValues(const Operation &source) {
  const std::string &init = dataOrigin(source);
  if (init == "symbolic")
    return std::nullopt;
  const double entries = source.getResult()->type.elementCount();
  if (entries > static_cast<double>(maxTensorEntries))
    throw ir::locatedError(source.location,
                           tooManyEntriesMessage("'" + source.getResult()->name + "'", entries));
  if (init == "inline")
    return toDoubles(source.getAttr("values"));
  if (init == "csv")
    return readCsv(source.getAttr("path").getString()).values;
  if (init == "npy")
    return readNpy(source.getAttr("path").getString()).values;
  const Type &type = source.getResult()->type;
  if (init == "random")
    return randomValues(static_cast<uint64_t>(source.getAttr("seed").getInt()),
                        type.isTensor() ? encodedShape(type) : type.shape,
                        sourceNorm(source).value_or(1.0));
  throw ir::locatedError(source.location, "unknown data source '" + init + "'");
}

std::vector<double> randomValues(uint64_t seed, const std::vector<int64_t> &shape, double norm) {
  std::mt19937_64 engine(seed);
  // Box-Muller on 53-bit uniforms in (0, 1]: std::normal_distribution
  // differs between standard libraries; this does not.
  auto uniform = [&] { return (static_cast<double>(engine() >> 11) + 1.0) * 0x1.0p-53; };
  const int64_t rows = shape[0], cols = shape[1];
  Eigen::MatrixXd m(rows, cols);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      m(i, j) = std::sqrt(-2 * std::log(uniform())) * std::cos(2 * M_PI * uniform());
  // BDCSVD: one-sided Jacobi below 16 x 16 (the same values as before),
  // divide and conquer above, where Jacobi takes minutes at 1000 x 1000.
  double current = cols == 1 ? m.norm() : Eigen::BDCSVD<Eigen::MatrixXd>(m).singularValues()(0);
  m *= norm / current;
  std::vector<double> values;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      values.push_back(m(i, j));
  return values;
}

} // namespace qsvtc::ir
