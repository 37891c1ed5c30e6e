//===- QsvtSequence.cpp - QSVT circuits from phase factors ----------------===//
#include "qsvtc/backend/QsvtSequence.h"

#include <cmath>

#include "qsvtc/qsp/Conventions.h"

namespace qsvtc::backend {

Encoded defineQsvt(Program &program, const std::string &name, const std::string &comment,
                   const Encoded &operand, int dataQubits, const std::vector<double> &phases,
                   const std::vector<double> &phasesOdd, double oddWeight) {
  const bool mixed = !phasesOdd.empty();
  // Branch 0: `phases`; branch 1 (mixed only): `phasesOdd`.
  std::vector<std::vector<double>> psi = {qsp::wxToReflection(phases)};
  if (mixed)
    psi.push_back(qsp::wxToReflection(phasesOdd));
  const int anc0 = dataQubits, a = operand.ancillas;
  const int signal = dataQubits + a, real = signal + 1, select = signal + 2;
  const int arity = select + (mixed ? 1 : 0);
  std::vector<int> operandQubits = qubitRange(0, dataQubits + a);
  // Fires on the operand's ancillas all |0>.
  std::vector<Control> inPi = controlsFor(qubitRange(anc0, a), 0);

  GateDef def{name, arity, comment, {}};
  GateBuilder b(def.body);
  // The angle of branch `k` at slot `slot` (slot 0 = first in time): psi_{d - slot},
  // or 0 once that branch's sequence is over.
  auto angle = [&](std::size_t k, std::size_t slot) {
    const std::vector<double> &p = psi[k];
    std::size_t d = p.size() - 1;
    return slot <= d ? 2 * p[d - slot] : 0.0;
  };
  auto rotation = [&](std::size_t slot) {
    b.x(signal, inPi);
    b.cx(real, signal);
    b.rz(angle(0, slot), signal);
    if (mixed)
      b.call("crz", {angle(1, slot) - angle(0, slot)}, {select, signal});
    b.cx(real, signal);
    b.x(signal, inPi);
  };
  std::size_t degree0 = psi[0].size() - 1;
  std::size_t degree1 = mixed ? psi[1].size() - 1 : degree0;
  std::size_t degree = std::max(degree0, degree1);
  // The selector's preparation: H for equal weights, else ry(t) with
  // sin^2(t/2) = oddWeight, undone by ry(-t) at the end.
  const bool equal = oddWeight == 0.5;
  const double t = 2 * std::asin(std::sqrt(oddWeight));
  b.h(real);
  if (mixed && equal)
    b.h(select);
  else if (mixed)
    b.ry(t, select);
  rotation(0);
  for (std::size_t k = 1; k <= degree; ++k) {
    std::vector<Control> when;
    if (k > std::min(degree0, degree1)) // only the longer branch has W_k
      when.push_back({select, degree1 > degree0});
    b.call(operand.gate, {}, operandQubits, when, /*inverse=*/k % 2 == 0);
    rotation(k);
  }
  if (mixed && equal)
    b.h(select);
  else if (mixed)
    b.ry(-t, select);
  b.h(real);
  return {program.define(std::move(def)), 0.0, arity - dataQubits};
}

} // namespace qsvtc::backend
