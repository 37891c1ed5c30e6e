//===- QsvtSequence.cpp - QSVT circuits from phase factors ----------------===//
#include "qsvtc/backend/QsvtSequence.h"

#include <cmath>

#include "qsvtc/qsp/Conventions.h"
#include "qsvtc/support/Error.h"

namespace qsvtc::backend {

namespace {

/// e^{i psi (2 Pi - 1)} with the projector marked by `mark` (which flips
/// `signal` on Pi and is its own inverse): rz(2 psi) on the signal, its
/// sign flipped by the real-part qubit (the -psi branch); `extra` adds a
/// controlled correction (the mixed-parity selector's).
template <class Mark, class Extra>
void appendRotation(GateBuilder &b, const Mark &mark, int signal, int real, double angle,
                    const Extra &extra) {
  mark();
  b.cx(real, signal);
  b.rz(angle, signal);
  extra();
  b.cx(real, signal);
  mark();
}

} // namespace

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
    appendRotation(
        b, [&] { b.x(signal, inPi); }, signal, real, angle(0, slot),
        [&] {
          if (mixed)
            b.call("crz", {angle(1, slot) - angle(0, slot)}, {select, signal});
        });
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
  return defineBlock(program, std::move(def), 0.0, arity - dataQubits);
}

} // namespace qsvtc::backend

namespace qsvtc::backend {

Encoded defineProjectedQsvt(Program &program, const std::string &name, const std::string &comment,
                            const Encoded &operand, int width, const std::vector<double> &phases,
                            const std::function<void(GateBuilder &, int)> &markIn,
                            const std::function<void(GateBuilder &, int)> &markOut) {
  const std::vector<double> psi = qsp::wxToReflection(phases);
  const std::size_t degree = psi.size() - 1;
  if (degree % 2 == 0)
    throw InternalError("defineProjectedQsvt: degree " + std::to_string(degree) +
                        " is even (an odd polynomial maps the input space to the output's)");
  const int signal = width, real = width + 1;
  // Each mark is a gate of its own (on the operand's qubits and the
  // signal), called at every rotation: its wide controls are written once.
  auto defineMark = [&](const std::string &which,
                        const std::function<void(GateBuilder &, int)> &mark) {
    GateDef m{
        name + "_" + which, width + 1, "flips the last qubit on " + which + "'s projector", {}};
    GateBuilder mb(m.body);
    mark(mb, width);
    return program.define(std::move(m));
  };
  const std::string in = defineMark("in", markIn), out = defineMark("out", markOut);
  GateDef def{name, width + 2, comment, {}};
  GateBuilder b(def.body);
  const std::vector<int> operandQubits = qubitRange(0, width);
  const std::vector<int> markQubits = qubitRange(0, width + 1);
  // Slot k follows W_k: U (k odd) leaves the output space, U^dagger the input's.
  auto rotation = [&](std::size_t slot) {
    const std::string &mark = slot % 2 == 1 ? out : in;
    appendRotation(
        b, [&] { b.call(mark, {}, markQubits); }, signal, real, 2 * psi[degree - slot], [] {});
  };
  b.h(real);
  rotation(0);
  for (std::size_t k = 1; k <= degree; ++k) {
    b.call(operand.gate, {}, operandQubits, {}, /*inverse=*/k % 2 == 0);
    rotation(k);
  }
  b.h(real);
  return defineBlock(program, std::move(def), 0.0, 2);
}

} // namespace qsvtc::backend
