//===- Constructions.cpp - Constant blocks and entrywise algebra ----------===//
#include "qsvtc/backend/Constructions.h"

#include "qsvtc/backend/StatePrep.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/support/Error.h"

#include <cmath>

namespace qsvtc::backend {

namespace {

/// V with V|0> = 1_n / sqrt(n) on `qubits` (H^n when n fills them).
void uniformState(GateBuilder &b, int64_t n, const std::vector<int> &qubits) {
  if (n == (int64_t{1} << qubits.size())) {
    for (int q : qubits)
      b.h(q);
    return;
  }
  prepareRealState(b, std::vector<double>(static_cast<std::size_t>(n), 1 / std::sqrt(double(n))),
                   qubits);
}

/// The gate that prepares the uniform state on n entries, defined once.
std::string uniformGate(Program &program, const std::string &name, int64_t n, int dataQubits) {
  GateDef def{name,
              std::max(dataQubits, 1),
              "|0> -> uniform superposition of " + std::to_string(n) + " entries",
              {}};
  GateBuilder b(def.body);
  uniformState(b, n, qubitRange(0, dataQubits));
  return program.define(std::move(def));
}

} // namespace

Encoded defineUniform(Program &program, const std::string &name, const std::string &comment,
                      int64_t n, int dataQubits) {
  GateDef def{name, dataQubits, comment, {}};
  GateBuilder b(def.body);
  uniformState(b, n, qubitRange(0, dataQubits));
  return defineBlock(program, std::move(def), std::sqrt(static_cast<double>(n)), 0);
}

Encoded defineCentering(Program &program, const std::string &name, const std::string &comment,
                        int64_t n, int dataQubits) {
  if (dataQubits == 0) { // one entry: I - J = 0, its ancilla flipped
    GateDef zero{name, 1, comment, {}};
    GateBuilder(zero.body).x(0);
    return defineBlock(program, std::move(zero), 1.0, 1);
  }
  std::string v = uniformGate(program, name + "_uniform", n, dataQubits);
  std::vector<int> data = qubitRange(0, dataQubits);
  const int lcu = dataQubits;
  GateDef def{name, dataQubits + 1, comment, {}};
  GateBuilder b(def.body);
  b.h(lcu);
  // R = V (I - 2|0><0|) V^dagger, controlled on the LCU qubit: the -1 on
  // |0..0> is a Z on data[0] controlled by lcu and the other data qubits at 0.
  b.call(v, {}, data, {}, /*inverse=*/true);
  b.x(data[0]);
  std::vector<Control> when = controlsFor(std::vector<int>(data.begin() + 1, data.end()), 0);
  when.push_back({lcu, true});
  b.z(data[0], when);
  b.x(data[0]);
  b.call(v, {}, data);
  b.h(lcu);
  return defineBlock(program, std::move(def), 1.0, 1);
}

Encoded defineScalar(Program &program, const std::string &name, const std::string &comment,
                     double c) {
  GateDef def{name, 1, comment, {}};
  if (c < 0)
    GateBuilder(def.body).gphase(M_PI);
  return defineBlock(program, std::move(def), std::fabs(c), 1);
}

void flagIndexAtLeast(GateBuilder &b, const std::vector<int> &index, uint64_t k, int flag) {
  const int w = static_cast<int>(index.size());
  if (w >= 63)
    throw InternalError("an index comparison on " + std::to_string(w) + " qubits");
  const uint64_t end = uint64_t{1} << w;
  for (uint64_t x = k; x < end;) {
    int j = 0; // the largest aligned block [x, x + 2^j) inside [x, end)
    while (j < w && x % (uint64_t{2} << j) == 0 && x + (uint64_t{2} << j) <= end)
      ++j;
    const std::vector<int> high(index.begin() + j, index.end());
    b.x(flag, controlsFor(high, x >> j));
    x += uint64_t{1} << j;
  }
}

Encoded defineColumns(Program &program, const std::string &name, const std::string &comment,
                      int64_t n, int64_t width, int64_t offset, int dataQubits) {
  // The n x n identity: no gates. Its padding is not zero for n below 2^k;
  // a product with it keeps only its first n (the inner index projection).
  if (width == n && offset == 0)
    return defineBlock(program, GateDef{name, dataQubits, comment, {}}, 1.0, 0);
  int low = 0;
  while ((int64_t{1} << low) < width)
    ++low;
  if ((int64_t{1} << low) != width || offset % width != 0)
    throw NotSupportedError("a column selector of width " + std::to_string(width) + " at offset " +
                            std::to_string(offset) +
                            " (needs a power-of-2 width dividing the offset)");
  (void)n;
  bool flag = low < dataQubits;
  GateDef def{name, dataQubits + (flag ? 1 : 0), comment, {}};
  GateBuilder b(def.body);
  if (flag) { // ancilla := [some bit >= low is set]
    const int anc = dataQubits;
    b.x(anc);
    b.x(anc, controlsFor(qubitRange(low, dataQubits - low), 0));
  }
  for (int q = low; q < dataQubits; ++q)
    if (q < 63 && ((offset >> q) & 1))
      b.x(q);
  return defineBlock(program, std::move(def), 1.0, flag ? 1 : 0);
}

Encoded defineOnes(Program &program, const std::string &name, const std::string &comment,
                   int64_t rows, int64_t cols, int dataQubits) {
  std::string vc = uniformGate(program, name + "_cols", cols, dataQubits);
  std::string vr = uniformGate(program, name + "_rows", rows, dataQubits);
  std::vector<int> data = qubitRange(0, dataQubits);
  const int anc = dataQubits;
  GateDef def{name, dataQubits + 1, comment, {}};
  GateBuilder b(def.body);
  b.call(vc, {}, data, {}, /*inverse=*/true);
  b.x(anc); // the ancilla stays |0> only for data |0..0>
  b.x(anc, controlsFor(data, 0));
  b.call(vr, {}, data);
  return defineBlock(program, std::move(def),
                     std::sqrt(static_cast<double>(rows) * static_cast<double>(cols)), 1);
}

Encoded defineHadamard(Program &program, const std::string &name, const std::string &comment,
                       const Encoded &a, const Encoded &bEnc, int dataQubits) {
  const int n = dataQubits;
  const int copy = n + a.ancillas + bEnc.ancillas; // the second data register
  GateDef def{name, copy + n, comment, {}};
  GateBuilder b(def.body);
  for (int q = 0; q < n; ++q)
    b.cx(q, copy + q);
  b.call(a.gate, {}, qubitRange(0, n + a.ancillas));
  std::vector<int> onB = qubitRange(copy, n);
  for (int q = 0; q < bEnc.ancillas; ++q)
    onB.push_back(n + a.ancillas + q);
  b.call(bEnc.gate, {}, onB);
  for (int q = 0; q < n; ++q)
    b.cx(q, copy + q);
  return defineBlock(program, std::move(def), a.alpha * bEnc.alpha, a.ancillas + bEnc.ancillas + n);
}

Encoded defineDiagonal(Program &program, const std::string &name, const std::string &comment,
                       const Encoded &column, int dataQubits) {
  const int n = dataQubits;
  const int fresh = n + column.ancillas;
  GateDef def{name, fresh + n, comment, {}};
  GateBuilder b(def.body);
  std::vector<int> onColumn = qubitRange(fresh, n);
  for (int q = 0; q < column.ancillas; ++q)
    onColumn.push_back(n + q);
  b.call(column.gate, {}, onColumn);
  for (int q = 0; q < n; ++q)
    b.cx(q, fresh + q);
  return defineBlock(program, std::move(def), column.alpha, column.ancillas + n);
}

Encoded defineVec(Program &program, const std::string &name, const std::string &comment,
                  const Encoded &a, int64_t rows, int64_t cols, int aQubits) {
  const int logR = static_cast<int>(ir::qubitsFor(rows)),
            logC = static_cast<int>(ir::qubitsFor(cols));
  const int n = logR + logC, m = n; // the data, then A's register at m
  GateDef def{name, n + aQubits + a.ancillas, comment, {}};
  GateBuilder b(def.body);
  // Only A's C columns are read: its padded columns may hold anything (an
  // element-wise function's f(0)), and vec's padding must stay zero.
  uniformState(b, cols, qubitRange(0, logC));
  for (int q = 0; q < logC; ++q)
    b.cx(q, m + q);
  b.call(a.gate, {}, qubitRange(m, aQubits + a.ancillas));
  for (int q = 0; q < logR; ++q)
    b.swap(m + q, logC + q);
  return defineBlock(program, std::move(def), a.alpha * std::sqrt(static_cast<double>(cols)),
                     aQubits + a.ancillas);
}

Encoded defineUnvec(Program &program, const std::string &name, const std::string &comment,
                    const Encoded &column, int64_t rows, int64_t cols, int dataQubits) {
  const int logR = static_cast<int>(ir::qubitsFor(rows)),
            logC = static_cast<int>(ir::qubitsFor(cols));
  const int n = dataQubits, v = n;                   // v's register: column bits low
  const int pad = v + logR + logC + column.ancillas; // zeros for the data's high bits
  GateDef def{name, pad + n - logR, comment, {}};
  GateBuilder b(def.body);
  b.call(column.gate, {}, qubitRange(v, logR + logC + column.ancillas));
  for (int q = 0; q < logC; ++q)
    b.cx(v + q, q);
  // Unprepare the uniform state on the C columns: the padded columns read
  // nothing (exact zeros), whatever the column holds at j >= C.
  if (cols == int64_t{1} << logC)
    for (int q = 0; q < logC; ++q)
      b.h(v + q);
  else
    b.call(uniformGate(program, name + "_uniform", cols, logC), {}, qubitRange(v, logC), {},
           /*inverse=*/true);
  for (int q = 0; q < n; ++q)
    b.swap(q, q < logR ? v + logC + q : pad + q - logR);
  return defineBlock(program, std::move(def), column.alpha * std::sqrt(static_cast<double>(cols)),
                     logR + logC + column.ancillas + n - logR);
}

Encoded defineColumnState(Program &program, const std::string &name, const std::string &comment,
                          const std::vector<double> &entries, int dataQubits) {
  double norm = 0;
  for (double v : entries)
    norm += v * v;
  norm = std::sqrt(norm);
  std::vector<double> unit;
  for (double v : entries)
    unit.push_back(v / norm);
  GateDef def{name, dataQubits, comment, {}};
  GateBuilder b(def.body);
  prepareRealState(b, unit, qubitRange(0, dataQubits));
  return defineBlock(program, std::move(def), norm, 0);
}

Encoded defineHadamardPolynomial(Program &program, const std::string &name,
                                 const std::string &comment, const Encoded &bEnc,
                                 const std::vector<double> &monomials, int64_t rows, int64_t cols,
                                 int dataQubits) {
  const int n = dataQubits;
  const int d = static_cast<int>(monomials.size()) - 1;
  // Powers 1..d: power j = power (j-1) o B.
  std::vector<Encoded> powers = {Encoded{}, bEnc};
  for (int j = 2; j <= d; ++j)
    powers.push_back(defineHadamard(program, name + "_pow" + std::to_string(j),
                                    "Hadamard power " + std::to_string(j), powers.back(), bEnc, n));
  Encoded ones = defineOnes(program, name + "_ones", "J, the all-ones matrix", rows, cols, n);
  int shared = std::max(d >= 1 ? powers[static_cast<std::size_t>(d)].ancillas : 0, 1);
  int m = static_cast<int>(ir::qubitsFor(d + 1));
  std::vector<double> weights = {monomials[0] * ones.alpha};
  for (int j = 1; j <= d; ++j)
    weights.push_back(monomials[static_cast<std::size_t>(j)]);
  GateDef def{name, n + shared + m, comment, {}};
  GateBuilder b(def.body);
  double alpha = appendLcu(program, b, name, weights, qubitRange(n + shared, m),
                           [&](std::size_t j, const std::vector<Control> &when) {
                             const Encoded &term = j == 0 ? ones : powers[j];
                             b.call(term.gate, {}, qubitRange(0, n + term.ancillas), when);
                           });
  return defineBlock(program, std::move(def), alpha, shared + m);
}

} // namespace qsvtc::backend
