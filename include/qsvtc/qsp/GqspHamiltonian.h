//===- GqspHamiltonian.h - e^{-i tau cos theta} by GQSP ---------*- C++ -*-===//
//
// Hamiltonian simulation with GQSP (Motlagh, Wiebe, arXiv 2308.01501,
// Sec. 5): for a unitary U = sum_j e^{i theta_j} |j><j| (e.g. a
// qubitization walk of H / alpha, whose eigenphases are arccos of H's
// eigenvalues over alpha), the Jacobi-Anger expansion
//   e^{-i tau cos theta} = sum_k (-i)^k J_k(tau) e^{i k theta}
// truncated at |k| <= K and shifted by z^K is a polynomial of degree 2K,
//   P(z) = s z^K sum_{|k| <= K} (-i)^k J_k(tau) z^k,
// scaled by s < 1 so that max |P| < 1 on the circle. The GQSP circuit of P
// followed by K applications of U^dagger has top-left block within
// `totalError` of e^{-i tau cos(theta)} for every eigenphase theta:
//   totalError = certificate + (1 - s)(1 + tail) + tail,
// tail = sum_{|k| > K} |J_k(tau)| (Bessel values by Miller's backward
// recurrence in long double; beyond its start, |J_k| <= |tau/2|^k / k!).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_GQSPHAMILTONIAN_H
#define QSVTC_QSP_GQSPHAMILTONIAN_H

#include "qsvtc/qsp/Gqsp.h"

#include <nlohmann/json.hpp>

namespace qsvtc::qsp {

/// J_0(x)..J_n(x) (n >= 0, |x| <= 1e6) by Miller's backward recurrence in
/// long double, normalised by J_0 + 2 sum_k J_{2k} = 1.
std::vector<long double> besselJ(int n, double x);

struct GqspHamiltonianResult {
  GqspResult solve;              ///< angles, complement, certificate of P
  std::vector<GqspComplex> coef; ///< P's coefficients, degree 2K
  double tau = 0;
  int shift = 0;              ///< K: apply U^dagger K times after the circuit
  double scale = 1;           ///< s
  double truncationBound = 0; ///< tail
  double totalError = 0;      ///< sup_theta |block - e^{-i tau cos theta}|
};

/// Throws qsvtc::Error for epsilon outside (0, 0.5), non-finite tau or
/// |tau| > 1e6, and when the certified total error exceeds epsilon.
GqspHamiltonianResult gqspHamiltonian(double tau, double epsilon, const GqspOptions &options = {});

nlohmann::ordered_json toJson(const GqspHamiltonianResult &r);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_GQSPHAMILTONIAN_H
