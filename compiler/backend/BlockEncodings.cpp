//===- BlockEncodings.cpp - Data as block-encoding gates ------------------===//
#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/support/Error.h"

#include "qsvtc/backend/StatePrep.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/numeric/Pauli.h"

#include <cmath>

namespace qsvtc::backend {

Encoded defineBlock(Program &program, GateDef def, double alpha, int ancillas) {
  def.dataQubits = def.arity - ancillas;
  if (def.dataQubits < 0)
    throw InternalError("definition " + def.name + " has more ancillas than qubits");
  return {program.define(std::move(def)), alpha, ancillas};
}

double appendLcu(Program &program, GateBuilder &b, const std::string &name,
                 const std::vector<double> &weights, const std::vector<int> &prep,
                 const SelectTerm &select) {
  double total = 0;
  for (double w : weights)
    total += std::fabs(w);
  const int m = static_cast<int>(prep.size());
  std::string prepGate;
  if (m > 0) {
    std::vector<double> amplitudes;
    for (double w : weights)
      amplitudes.push_back(std::sqrt(std::fabs(w) / total));
    GateDef prepare{name + "_prep",
                    m,
                    "PREPARE: sqrt(|w_k| / sum |w|) on " + std::to_string(m) + " qubits",
                    {}};
    GateBuilder pb(prepare.body);
    prepareRealState(pb, amplitudes, qubitRange(0, m));
    prepGate = program.define(std::move(prepare));
    b.call(prepGate, {}, prep);
  }
  for (std::size_t k = 0; k < weights.size(); ++k) {
    std::vector<Control> when = controlsFor(prep, k);
    select(k, when);
    if (weights[k] >= 0)
      continue;
    if (m == 0) {
      b.gphase(M_PI);
      continue;
    }
    // -1 on the prep qubits spelling k: Z on prep[0] (X-conjugated when
    // k's bit 0 is 0) controlled by the others.
    std::vector<Control> others(when.begin() + 1, when.end());
    bool bit0 = k & 1;
    if (!bit0)
      b.x(prep[0]);
    b.z(prep[0], others);
    if (!bit0)
      b.x(prep[0]);
  }
  if (m > 0)
    b.call(prepGate, {}, prep, {}, /*inverse=*/true);
  return total;
}

Encoded definePauliEncoding(Program &program, const std::string &name, const std::string &comment,
                            const std::vector<double> &a, int64_t rows, int64_t cols,
                            int dataQubits) {
  std::vector<numeric::PauliTerm> terms = numeric::pauliDecompose(a, rows, cols);
  std::vector<double> weights;
  for (const numeric::PauliTerm &t : terms)
    weights.push_back(t.coefficient);
  int m = static_cast<int>(ir::qubitsFor(static_cast<int64_t>(terms.size())));
  GateDef def{name, dataQubits + m, comment, {}};
  GateBuilder b(def.body);
  double alpha = appendLcu(program, b, name, weights, qubitRange(dataQubits, m),
                           [&](std::size_t k, const std::vector<Control> &when) {
                             for (int q = 0; q < dataQubits; ++q)
                               if ((terms[k].z >> q) & 1)
                                 b.z(q, when);
                             for (int q = 0; q < dataQubits; ++q)
                               if ((terms[k].x >> q) & 1)
                                 b.x(q, when);
                           });
  return defineBlock(program, std::move(def), alpha, m);
}

Encoded defineDenseEncoding(Program &program, const std::string &name, const std::string &comment,
                            const std::vector<double> &a, int64_t rows, int64_t cols,
                            int dataQubits) {
  std::size_t dim = std::size_t{1} << dataQubits;
  std::vector<std::vector<double>> unitRows(dim);
  std::vector<double> rowNorms(dim, 0.0);
  double frobenius = 0;
  for (int64_t i = 0; i < rows; ++i) {
    std::vector<double> row(dim, 0.0);
    double norm = 0;
    for (int64_t j = 0; j < cols; ++j) {
      row[static_cast<std::size_t>(j)] = a[static_cast<std::size_t>(i * cols + j)];
      norm += row[static_cast<std::size_t>(j)] * row[static_cast<std::size_t>(j)];
    }
    frobenius += norm;
    norm = std::sqrt(norm);
    rowNorms[static_cast<std::size_t>(i)] = norm;
    if (norm > 0)
      for (double &v : row)
        v /= norm;
    unitRows[static_cast<std::size_t>(i)] = std::move(row);
  }
  frobenius = std::sqrt(frobenius);
  for (double &v : rowNorms)
    v /= frobenius;
  std::vector<int> data = qubitRange(0, dataQubits), anc = qubitRange(dataQubits, dataQubits);

  GateDef rowsGate{name + "_rows",
                   2 * dataQubits,
                   "L: |i>|0> -> |i>|A_i / ||A_i||> (rows, multiplexed over i)",
                   {}};
  GateBuilder lb(rowsGate.body);
  prepareRealStatesMultiplexed(lb, unitRows, data, anc);
  std::string rowsName = program.define(std::move(rowsGate));

  GateDef def{name, 2 * dataQubits, comment, {}};
  GateBuilder b(def.body);
  for (int q = 0; q < dataQubits; ++q)
    b.swap(data[static_cast<std::size_t>(q)], anc[static_cast<std::size_t>(q)]);
  prepareRealState(b, rowNorms, data);
  b.call(rowsName, {}, qubitRange(0, 2 * dataQubits), {}, /*inverse=*/true);
  return defineBlock(program, std::move(def), frobenius, dataQubits);
}

} // namespace qsvtc::backend
