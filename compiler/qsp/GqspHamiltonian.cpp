//===- GqspHamiltonian.cpp - e^{-i tau cos theta} by GQSP -----------------===//
//
// Budget: (1 - s)(1 + tail) + tail = delta + 2 tail with s = (1 - delta) /
// (1 + tail): delta = epsilon / 4 and tail <= epsilon / 8 take half of
// epsilon, the phases' certificate the other half.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/GqspHamiltonian.h"

#include "qsvtc/qsp/GqspJson.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <cmath>

namespace qsvtc::qsp {

namespace {

constexpr double kMaxTau = 1e6;

/// Bound on sum_{k > n} |J_k(x)| from |J_k(x)| <= |x/2|^k / k!, whose terms
/// fall at least geometrically (ratio q = |x| / (2 (n + 2)) < 1) past n.
double tailAbove(int n, double x) {
  const double h = std::abs(x) / 2;
  const double q = h / (n + 2);
  if (!(q < 1))
    return HUGE_VAL;
  if (h == 0)
    return 0;
  const double logTerm = (n + 1) * std::log(h) - std::lgamma(n + 2.0);
  return std::exp(logTerm) / (1 - q);
}

/// (-i)^m as a complex number.
GqspComplex minusIPower(int m) {
  switch (((m % 4) + 4) % 4) {
  case 0:
    return {1, 0};
  case 1:
    return {0, -1};
  case 2:
    return {-1, 0};
  default:
    return {0, 1};
  }
}

} // namespace

std::vector<long double> besselJ(int n, double x) {
  if (n < 0 || !std::isfinite(x) || std::abs(x) > kMaxTau)
    throw Error("besselJ: order " + std::to_string(n) + " or argument " + formatNumber(x) +
                " out of range");
  const long double ax = std::abs(static_cast<long double>(x));
  std::vector<long double> j(n + 1, 0.0L);
  if (ax == 0) {
    j[0] = 1;
    return j;
  }
  // Start well above both n and x: J is the minimal solution of the
  // recurrence there, so the backward sweep converges to it.
  const int start = 2 * ((std::max(n, static_cast<int>(ax)) + 40 +
                          static_cast<int>(10 * std::cbrt(static_cast<double>(ax)))) /
                             2 +
                         1);
  long double next = 0, cur = 1e-300L, norm = 0;
  for (int k = start; k > 0; --k) {
    const long double prev = 2 * k / ax * cur - next; // J_{k-1}
    next = cur;
    cur = prev;
    if (k - 1 <= n)
      j[k - 1] = cur;
    if ((k - 1) % 2 == 0)
      norm += (k - 1 == 0 ? 1 : 2) * cur;
    if (std::abs(cur) > 1e300L) { // rescale everything kept so far
      for (int i = k - 1; i <= n; ++i)
        j[i] *= 1e-300L;
      cur *= 1e-300L;
      next *= 1e-300L;
      norm *= 1e-300L;
    }
  }
  for (long double &v : j)
    v /= norm;
  if (x < 0) // J_k(-x) = (-1)^k J_k(x)
    for (int k = 1; k <= n; k += 2)
      j[k] = -j[k];
  return j;
}

GqspHamiltonianResult gqspHamiltonian(double tau, double epsilon, const GqspOptions &options) {
  if (!(epsilon > 0 && epsilon < 0.5))
    throw Error("GQSP hamiltonian: epsilon must lie in (0, 0.5), got " + formatNumber(epsilon));
  if (!std::isfinite(tau) || std::abs(tau) > kMaxTau)
    throw Error("GQSP hamiltonian: tau must be finite with |tau| <= 1e6, got " + formatNumber(tau));
  GqspHamiltonianResult r;
  r.tau = tau;
  // K: the first order whose tail (computed Bessel values up to a margin,
  // the a priori bound beyond) is within epsilon / 8.
  const int margin = 64 + static_cast<int>(2 * std::cbrt(std::abs(tau)));
  int top = static_cast<int>(std::abs(tau)) + margin;
  std::vector<long double> j, above; // above[k] = sum_{k < m <= top} |J_m|
  auto compute = [&] {
    j = besselJ(top, tau);
    above.assign(top + 1, 0.0L);
    for (int m = top; m-- > 0;)
      above[m] = above[m + 1] + std::abs(j[m + 1]);
  };
  auto tailFrom = [&](int k) { // sum_{|m| > k} |J_m|, k <= top
    return 2 * static_cast<double>(above[k]) * (1 + 1e-12) + 2 * tailAbove(top, tau);
  };
  compute();
  while (tailFrom(top - margin) > epsilon / 8) { // rare: grow the computed range
    top *= 2;
    compute();
  }
  int k = 0;
  while (tailFrom(k) > epsilon / 8)
    ++k;
  r.shift = k;
  r.truncationBound = tailFrom(k);
  r.scale = (1 - epsilon / 4) / (1 + r.truncationBound);
  r.coef.resize(2 * k + 1);
  for (int m = -k; m <= k; ++m) {
    const long double jm = m >= 0 ? j[m] : ((-m) % 2 ? -j[-m] : j[-m]);
    r.coef[m + k] = minusIPower(m) * static_cast<double>(r.scale * jm);
  }
  r.solve = solveGqsp(r.coef, options);
  const double certificate = r.solve.certified ? r.solve.certificate.bound : HUGE_VAL;
  r.totalError = std::nextafter(
      certificate + (1 - r.scale) * (1 + r.truncationBound) + r.truncationBound, HUGE_VAL);
  if (!(r.totalError <= epsilon))
    throw Error("GQSP hamiltonian: certified error " + formatNumber(r.totalError) +
                " exceeds epsilon = " + formatNumber(epsilon) + " (tau = " + formatNumber(tau) +
                ", degree " + std::to_string(2 * k) + "; phases " + formatNumber(certificate) +
                ")");
  return r;
}

nlohmann::ordered_json toJson(const GqspHamiltonianResult &r) {
  nlohmann::ordered_json j = toJson(r.solve);
  nlohmann::ordered_json head;
  head["function"] = "hamiltonian";
  // The circuit, then U^dagger `shift` times: top-left block
  // z^-K P_angles(z), within max_error of the target at every eigenphase.
  head["formula"] = "exp(-i*tau*cos(theta))";
  head["tau"] = r.tau;
  head["shift"] = r.shift;
  head["scale"] = r.scale;
  head["truncation_bound"] = r.truncationBound;
  head["phase_error"] = j["max_error"];
  head.update(j);
  head["max_error"] = r.totalError; // against exp(-i tau cos theta) after U^-K
  head["coef"] = complexJson(r.coef);
  return head;
}

} // namespace qsvtc::qsp
