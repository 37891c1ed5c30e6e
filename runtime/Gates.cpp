//===- Gates.cpp - Built-in gates and the stdgates.inc library ------------===//
//
// Matrices are written in closed form (not by expanding the stdgates.inc
// bodies): the unit tests check each against the spec's definition through
// U and gphase, so a typo here cannot hide.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Gates.h"

#include <cmath>
#include <numbers>

namespace qsvtc::runtime {

namespace {

using M = Eigen::MatrixXcd;
using P = std::vector<double>;
constexpr double kPi = std::numbers::pi;
const Complex I(0, 1);

Complex expi(double a) { return {std::cos(a), std::sin(a)}; }

M m2(Complex a, Complex b, Complex c, Complex d) {
  M m(2, 2);
  m << a, b, c, d;
  return m;
}
M diag(Complex a, Complex b) { return m2(a, 0, 0, b); }

M pauliX(const P &) { return m2(0, 1, 1, 0); }
M pauliY(const P &) { return m2(0, -I, I, 0); }
M pauliZ(const P &) { return diag(1, -1); }
M hadamard(const P &) {
  const double r = 1 / std::sqrt(2.0);
  return m2(r, r, r, -r);
}
M phaseP(const P &p) { return diag(1, expi(p[0])); }
M sGate(const P &) { return diag(1, I); }
M sdgGate(const P &) { return diag(1, -I); }
M tGate(const P &) { return diag(1, expi(kPi / 4)); }
M tdgGate(const P &) { return diag(1, expi(-kPi / 4)); }
M sxGate(const P &) {
  return m2(Complex(0.5, 0.5), Complex(0.5, -0.5), Complex(0.5, -0.5), Complex(0.5, 0.5));
}
M rxGate(const P &p) {
  const double c = std::cos(p[0] / 2), s = std::sin(p[0] / 2);
  return m2(c, -I * s, -I * s, c);
}
M ryGate(const P &p) {
  const double c = std::cos(p[0] / 2), s = std::sin(p[0] / 2);
  return m2(c, -s, s, c);
}
M rzGate(const P &p) { return diag(expi(-p[0] / 2), expi(p[0] / 2)); }
M identity(const P &) { return diag(1, 1); }
M swapGate(const P &) {
  M m = M::Zero(4, 4);
  m(0, 0) = m(3, 3) = 1;
  m(1, 2) = m(2, 1) = 1;
  return m;
}
M u2Gate(const P &p) { return expi(-(kPi / 2 + p[0] + p[1]) / 2) * uMatrix(kPi / 2, p[0], p[1]); }
M u3Gate(const P &p) { return expi(-(p[0] + p[1] + p[2]) / 2) * uMatrix(p[0], p[1], p[2]); }
M cuTarget(const P &p) { return expi(p[3] - p[0] / 2) * uMatrix(p[0], p[1], p[2]); }

} // namespace

Eigen::Matrix2cd uMatrix(double theta, double phi, double lambda) {
  const double c = std::cos(theta / 2), s = std::sin(theta / 2);
  Eigen::Matrix2cd m;
  // e^{i(phi+lambda)} as a product: phi + lambda rounds for large angles
  // (1e21 + 0.2 == 1e21), which would make the matrix non-unitary.
  m << c, -expi(lambda) * s, expi(phi) * s, expi(phi) * expi(lambda) * c;
  return expi(theta / 2) * m;
}

const std::vector<StdGate> &stdGates() {
  // name, params, controls, targets, matrix of the controlled part
  static const std::vector<StdGate> gates = {
      {"p", 1, 0, 1, phaseP},      {"x", 0, 0, 1, pauliX},    {"y", 0, 0, 1, pauliY},
      {"z", 0, 0, 1, pauliZ},      {"h", 0, 0, 1, hadamard},  {"s", 0, 0, 1, sGate},
      {"sdg", 0, 0, 1, sdgGate},   {"t", 0, 0, 1, tGate},     {"tdg", 0, 0, 1, tdgGate},
      {"sx", 0, 0, 1, sxGate},     {"rx", 1, 0, 1, rxGate},   {"ry", 1, 0, 1, ryGate},
      {"rz", 1, 0, 1, rzGate},     {"cx", 0, 1, 1, pauliX},   {"cy", 0, 1, 1, pauliY},
      {"cz", 0, 1, 1, pauliZ},     {"cp", 1, 1, 1, phaseP},   {"crx", 1, 1, 1, rxGate},
      {"cry", 1, 1, 1, ryGate},    {"crz", 1, 1, 1, rzGate},  {"ch", 0, 1, 1, hadamard},
      {"swap", 0, 0, 2, swapGate}, {"ccx", 0, 2, 1, pauliX},  {"cswap", 0, 1, 2, swapGate},
      {"cu", 4, 1, 1, cuTarget},   {"CX", 0, 1, 1, pauliX},   {"phase", 1, 0, 1, phaseP},
      {"cphase", 1, 1, 1, phaseP}, {"id", 0, 0, 1, identity}, {"u1", 1, 0, 1, phaseP},
      {"u2", 2, 0, 1, u2Gate},     {"u3", 3, 0, 1, u3Gate},
  };
  return gates;
}

const StdGate *findStdGate(const std::string &name) {
  for (const StdGate &g : stdGates())
    if (g.name == name)
      return &g;
  return nullptr;
}

} // namespace qsvtc::runtime
