// Uses both installed libraries: the phase engine (QSP phases of T_3(x)/2,
// whose phases are certified by the engine) and the runtime (a QASM circuit
// read and simulated). Exit 0 and one line per check, or a message.
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/runtime/Simulator.h"

#include <cmath>
#include <iostream>

int main() {
  using qsvtc::numeric::Mpfr;
  qsvtc::qsp::PhaseOptions options;
  options.epsilon = 1e-12;
  const qsvtc::qsp::PhaseResult r =
      qsvtc::qsp::solvePhases({Mpfr(0), Mpfr(0), Mpfr(0), Mpfr(0.5)}, options);
  std::cout << "phases: degree " << r.degree << ", certified error " << r.certificate.maxError
            << "\n";
  if (r.degree != 3 || !(r.certificate.maxError <= 1e-12))
    return 1;
  const qsvtc::runtime::Circuit c = qsvtc::runtime::readQasm(
      "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n",
      "bell.qasm");
  qsvtc::runtime::StateVector sv(c.numQubits);
  sv.run(c);
  const double p00 = std::norm(sv.amplitudes()(0)), p11 = std::norm(sv.amplitudes()(3));
  std::cout << "bell state: p00 " << p00 << ", p11 " << p11 << "\n";
  return std::fabs(p00 - 0.5) < 1e-12 && std::fabs(p11 - 0.5) < 1e-12 ? 0 : 1;
}
