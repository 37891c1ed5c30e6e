//===- Conventions.cpp - Phase conventions of other tools -----------------===//
#include "qsvtc/qsp/Conventions.h"

#include "qsvtc/support/Error.h"

#include <cmath>

namespace qsvtc::qsp {

namespace {
/// psi = phi + sign * (shifts of the reflection convention).
std::vector<double> shiftReflection(std::vector<double> p, double sign) {
  if (p.empty())
    throw Error("no phases");
  const std::size_t d = p.size() - 1;
  if (d == 0)
    return p; // no signal operator: both conventions are e^{i phi_0 Z}
  p[0] += sign * (2.0 * d - 1) * M_PI / 4;
  for (std::size_t j = 1; j < d; ++j)
    p[j] -= sign * M_PI / 2;
  p[d] -= sign * M_PI / 4;
  return p;
}
} // namespace

std::vector<double> wxToReflection(const std::vector<double> &phi) {
  return shiftReflection(phi, 1.0);
}

std::vector<double> reflectionToWx(const std::vector<double> &psi) {
  return shiftReflection(psi, -1.0);
}

std::vector<double> wxToQsppackReduced(const std::vector<double> &phi) {
  if (phi.empty())
    throw Error("no phases");
  const std::size_t d = phi.size() - 1;
  std::vector<double> im = phi;
  im.front() -= M_PI / 4;
  im.back() -= M_PI / 4; // for d = 0 the same entry, shifted twice
  const std::size_t first = d / 2 + (d % 2);
  std::vector<double> r(im.begin() + first, im.end());
  if (d % 2 == 0)
    r.front() /= 2;
  return r;
}

std::vector<double> wxToPyqsp(const std::vector<double> &phi) {
  if (phi.empty())
    throw Error("no phases");
  std::vector<double> psi(phi.size());
  for (std::size_t j = 0; j < phi.size(); ++j)
    psi[j] = -phi[j];
  psi.front() += M_PI / 4;
  psi.back() += M_PI / 4; // for d = 0 the same entry: pi/2 - phi_0
  return psi;
}

std::vector<double> pyqspToWx(const std::vector<double> &psi) {
  return wxToPyqsp(psi); // an involution
}

std::vector<double> pyqspFullFromReduced(const std::vector<double> &reduced, int parity) {
  if (reduced.empty())
    throw Error("no phases");
  if (parity != 0 && parity != 1)
    throw Error("parity must be 0 or 1");
  std::vector<double> full(reduced.rbegin(), reduced.rend());
  if (parity == 0) {
    full.back() *= 2; // the middle phase r_0, doubled
    full.insert(full.end(), reduced.begin() + 1, reduced.end());
  } else {
    full.insert(full.end(), reduced.begin(), reduced.end());
  }
  return full;
}

} // namespace qsvtc::qsp
