//===- Encodings.cpp - How data becomes a block encoding ------------------===//
#include "Encodings.h"

#include "qsvtc/ir/SourceData.h"
#include "qsvtc/numeric/Pauli.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"

#include <cmath>

namespace qsvtc::passes {

std::pair<double, int64_t> pauliNorm(const std::vector<double> &a, int64_t rows, int64_t cols) {
  std::vector<numeric::PauliTerm> terms = numeric::pauliDecompose(a, rows, cols);
  double sum = 0;
  for (const numeric::PauliTerm &t : terms)
    sum += std::fabs(t.coefficient);
  return {sum, static_cast<int64_t>(terms.size())};
}

SourceEncoding chooseEncoding(const ir::Operation &source) {
  const ir::Type &tensor = source.getResult()->type;
  std::vector<int64_t> shape = ir::encodedShape(tensor);
  int64_t rows = shape[0], cols = shape[1];
  bool isInput = ops::is<ops::qt::Input>(source);
  // One entry c has no data qubit: its block is sign(c) |c| on one idle
  // ancilla (the sign as a phase, which a gate needs a qubit for).
  int64_t denseAncillas = rows * cols == 1 ? 1
                          : cols == 1      ? 0
                                           : ir::qubitsFor(std::max(rows, cols));
  const std::string &name = ops::qt::sourceName(source);
  std::optional<std::vector<double>> values = ir::explicitValues(source);
  if (!values) {
    double norm = ir::sourceNorm(source).value();
    return {isInput ? ops::LcuKind::Amplitude : ops::LcuKind::Opaque, norm, denseAncillas};
  }
  double frobenius = 0;
  for (double v : *values)
    frobenius += v * v;
  frobenius = std::sqrt(frobenius);
  if (!(frobenius > 0))
    throw ir::locatedError(source.location,
                           "'" + name +
                               "' is all zeros: it has no block encoding (alpha would be 0)");
  if (isInput || cols == 1 || std::max(rows, cols) > 256)
    return {isInput ? ops::LcuKind::Amplitude : ops::LcuKind::Dense, frobenius, denseAncillas};
  auto [pauli, terms] = pauliNorm(*values, rows, cols);
  if (pauli < frobenius)
    return {ops::LcuKind::Pauli, pauli, ir::qubitsFor(terms)};
  return {ops::LcuKind::Dense, frobenius, denseAncillas};
}

ir::Value *encodeSource(Rewriter &rw, const ir::Operation &source) {
  std::vector<int64_t> shape = ir::encodedShape(source.getResult()->type);
  SourceEncoding e = chooseEncoding(source);
  ir::AttrDict attrs =
      ops::lcuAttributes(e.kind, ops::qt::sourceName(source), ir::dataAttributes(source));
  return rw.create(ops::Lcu::name, {}, ir::Type::block(shape[0], shape[1], e.alpha, e.ancillas),
                   std::move(attrs), source.location, source.getResult()->name);
}

ir::Value *uniformColumn(Rewriter &rw, int64_t n, const ir::Location &loc) {
  return rw.create(ops::Lcu::name, {}, ir::Type::block(n, 1, std::sqrt(static_cast<double>(n)), 0),
                   ops::lcuAttributes(ops::LcuKind::Uniform, ""), loc);
}

ir::Value *centering(Rewriter &rw, int64_t n, const ir::Location &loc) {
  return rw.create(ops::Lcu::name, {}, ir::Type::block(n, n, 1.0, 1),
                   ops::lcuAttributes(ops::LcuKind::Centering, ""), loc);
}

ir::Value *columnSelector(Rewriter &rw, int64_t n, int64_t width, int64_t offset,
                          const ir::Location &loc) {
  return rw.create(ops::Lcu::name, {}, ir::Type::block(n, width, 1.0, 1),
                   ops::lcuAttributes(ops::LcuKind::Columns, "", {}, offset), loc);
}

ir::Value *identityBlock(Rewriter &rw, int64_t n, const ir::Location &loc) {
  return rw.create(ops::Lcu::name, {}, ir::Type::block(n, n, 1.0, 0),
                   ops::lcuAttributes(ops::LcuKind::Columns, "", {}, 0), loc);
}

ir::Value *zeroPadded(Rewriter &rw, ir::Value *m, bool columns, const ir::Location &loc) {
  const int64_t rows = m->type.shape[0], cols = m->type.shape[1];
  const int64_t full = int64_t{1} << ir::qubitsFor(std::max(rows, cols));
  const ir::AttrDict flag = ops::zeroPaddingAttributes(); // approximate may drop it
  if (rows < full)
    m = rw.create(ops::Mul::name, {identityBlock(rw, rows, loc), m}, {}, flag, loc);
  if (cols < full && (cols > 1 || columns))
    m = rw.create(ops::Mul::name, {m, identityBlock(rw, cols, loc)}, {}, flag, loc);
  return m;
}

ir::Value *scaled(Rewriter &rw, ir::Value *block, double c, const ir::Location &loc) {
  return rw.create(ops::Add::name, {block}, std::nullopt, ops::addAttributes({c}), loc);
}

} // namespace qsvtc::passes
