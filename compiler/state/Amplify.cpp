//===- Amplify.cpp - Exact amplitude amplification -----------------------===//
#include "qsvtc/state/Amplify.h"

#include "qsvtc/backend/Constructions.h"
#include "qsvtc/ir/Type.h"

#include "qsvtc/support/Error.h"

#include <cmath>
#include <complex>
#include <limits>

namespace qsvtc::state {

using backend::Control;
using backend::Encoded;
using backend::GateBuilder;
using backend::GateDef;
using cd = std::complex<double>;

namespace {

/// One iterate in span{good, bad} (coordinates g, b), as the circuit runs
/// it: S_g(phiG), then U S_0(phi0) U^dagger = I - (1 - e^{i phi0}) psi0 psi0^T
/// with psi0 = (sin theta, cos theta).
void iterate(cd &g, cd &b, double theta, double phiG, double phi0) {
  g *= std::polar(1.0, phiG);
  const double s = std::sin(theta), c = std::cos(theta);
  const cd overlap = s * g + c * b;
  const cd k = 1.0 - std::polar(1.0, phi0);
  g -= k * s * overlap;
  b -= k * c * overlap;
}

} // namespace

double amplificationIterates(double a) {
  if (!(a > 0))
    return std::numeric_limits<double>::infinity();
  if (a >= 1 - 1e-13)
    return 0;
  return std::max(1.0, std::ceil(M_PI / (4 * std::asin(std::min(a, 1.0))) - 0.5));
}

AmplifySchedule scheduleAmplification(double a) {
  if (!(a > 0) || a > 1 + 1e-9)
    throw Error("amplitude amplification needs a success amplitude in (0, 1], got " +
                std::to_string(a));
  AmplifySchedule s;
  s.iterates = static_cast<int>(amplificationIterates(a));
  if (s.iterates == 0)
    return s;
  const double theta = std::asin(a);
  // After K - 1 standard iterates the state is (sin beta, cos beta).
  const double beta = (2 * s.iterates - 1) * theta;
  const double sb = std::sin(beta), cb = std::cos(beta);
  const double st = std::sin(theta), ct = std::cos(theta);
  // Bad part after the last iterate vanishes iff 1 - e^{i phi0} = z with
  // z = cos beta / (cos theta <psi0|S_g(phiG) state>); phi0 exists iff
  // |z - 1| = 1. Scan phiG for a sign change of |z - 1| - 1, then bisect.
  auto zOf = [&](double phiG) {
    const cd overlap = st * std::polar(1.0, phiG) * sb + ct * cb;
    return cd(cb) / (ct * overlap);
  };
  auto h = [&](double phiG) { return std::abs(zOf(phiG) - 1.0) - 1.0; };
  const int steps = 4096;
  double lo = 0, hi = 0;
  bool found = false;
  for (int i = 0; i < steps && !found; ++i) {
    double x0 = 2 * M_PI * i / steps, x1 = 2 * M_PI * (i + 1) / steps;
    if (h(x0) == 0 || (h(x0) < 0) != (h(x1) < 0)) {
      lo = x0, hi = x1, found = true;
    }
  }
  if (!found)
    throw InternalError("no last-iterate phases for amplitude " + std::to_string(a));
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2;
    ((h(lo) < 0) == (h(mid) < 0) ? lo : hi) = mid;
  }
  s.phiGood = (lo + hi) / 2;
  s.phiZero = std::arg(1.0 - zOf(s.phiGood));
  // Run the schedule in the plane to read off the final phase.
  cd g = st, b = ct;
  for (int k = 1; k < s.iterates; ++k)
    iterate(g, b, theta, M_PI, M_PI);
  iterate(g, b, theta, s.phiGood, s.phiZero);
  s.residual = std::abs(b);
  if (s.residual > 1e-9 || std::fabs(std::abs(g) - 1) > 1e-9)
    throw InternalError("amplification schedule for amplitude " + std::to_string(a) + " leaves " +
                        std::to_string(s.residual));
  s.globalPhase = -std::arg(g);
  return s;
}

void appendZeroPhase(GateBuilder &b, const std::vector<int> &qubits, double phi) {
  if (qubits.empty()) {
    b.gphase(phi);
    return;
  }
  const int target = qubits.back();
  std::vector<int> others(qubits.begin(), qubits.end() - 1);
  b.x(target);
  b.call("p", {phi}, {target}, backend::controlsFor(others, 0));
  b.x(target);
}

Encoded defineAmplified(backend::Program &program, const std::string &name,
                        const std::string &comment, const Encoded &child, int dataQubits,
                        const AmplifySchedule &schedule, int64_t meanFreeLength) {
  const int width = dataQubits + child.ancillas;
  GateDef def{name, width, comment, {}};
  GateBuilder b(def.body);
  const std::vector<int> all = backend::qubitRange(0, width);
  const std::vector<int> flags = backend::qubitRange(dataQubits, child.ancillas);
  // e^{i phi} on the good subspace: on flags |0>, then e^{-i phi} back on
  // flags |0> (x) |u> when the good part is mean-free.
  std::string uniform;
  std::vector<int> low;
  if (meanFreeLength > 0) {
    low = backend::qubitRange(0, static_cast<int>(ir::qubitsFor(meanFreeLength)));
    uniform = backend::defineUniform(program, name + "_uniform", "|0> -> the uniform row",
                                     meanFreeLength, static_cast<int>(low.size()))
                  .gate;
  }
  auto goodPhase = [&](double phi) {
    appendZeroPhase(b, flags, phi);
    if (meanFreeLength == 0)
      return;
    b.call(uniform, {}, low, {}, /*inverse=*/true);
    appendZeroPhase(b, all, -phi);
    b.call(uniform, {}, low);
  };
  b.call(child.gate, {}, all);
  for (int k = 1; k <= schedule.iterates; ++k) {
    const bool last = k == schedule.iterates;
    goodPhase(last ? schedule.phiGood : M_PI);
    b.call(child.gate, {}, all, {}, /*inverse=*/true);
    appendZeroPhase(b, all, last ? schedule.phiZero : M_PI);
    b.call(child.gate, {}, all);
  }
  if (schedule.globalPhase != 0)
    b.gphase(schedule.globalPhase);
  return backend::defineBlock(program, std::move(def), child.alpha, child.ancillas);
}

} // namespace qsvtc::state
