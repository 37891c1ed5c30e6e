//===- Solve.cpp - Certified QSP phase factors for a polynomial -----------===//
#include "qsvtc/qsp/Solve.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/Newton.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <sstream>

namespace qsvtc::qsp {
using numeric::Mpfr;

Solver parseSolver(const std::string &name) {
  if (name == "auto")
    return Solver::Auto;
  if (name == "newton")
    return Solver::Newton;
  if (name == "fast")
    return Solver::Fast;
  if (name == "mpfr")
    return Solver::Mpfr;
  throw Error("unknown solver '" + name + "' (known: auto, newton, fast, mpfr)");
}

std::string solverName(Solver s) {
  switch (s) {
  case Solver::Auto:
    return "auto";
  case Solver::Newton:
    return "newton";
  case Solver::Fast:
    return "fast";
  case Solver::Mpfr:
    return "mpfr";
  }
  return "auto";
}

namespace {

std::string show(double v) {
  std::ostringstream out;
  out.precision(3);
  out << v;
  return out.str();
}

/// Rejects what no QSP solver can take: mixed parity, |p| >= 1.
int checkTarget(std::vector<Mpfr> &coef) {
  while (coef.size() > 1 && coef.back() == 0)
    coef.pop_back();
  if (coef.empty())
    throw Error("the polynomial has no coefficients");
  const int d = static_cast<int>(coef.size()) - 1;
  const int parity = d % 2;
  for (int k = 0; k <= d; ++k)
    if (coef[k] != 0 && k % 2 != parity)
      throw Error("the polynomial has mixed parity (nonzero c_" +
                  std::to_string(k) + " in a degree-" + std::to_string(d) +
                  " polynomial); QSP needs a definite parity: split it into "
                  "even and odd parts (qsvt-approx writes them as \"parts\")");
  // max |p| on a dense grid, in double: QSP needs |p| < 1 on [-1, 1].
  std::vector<double> c;
  for (const Mpfr &ck : coef)
    c.push_back(static_cast<double>(ck));
  const std::size_t n = 10 * (coef.size()) + 2000;
  double peak = 0, at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = std::cos(M_PI * i / (n - 1));
    const double v = std::abs(numeric::clenshaw(c, x));
    if (!(v <= peak)) // also catches NaN
      peak = v, at = x;
  }
  if (!(peak < 1.0))
    throw Error("max|p| = " + show(peak) + " at x = " + show(at) +
                " is not below 1: QSP needs |p| < 1 on [-1, 1] (scale the "
                "polynomial down, e.g. qsvt-approx --eta)");
  return parity;
}

unsigned bitsFor(double eps) {
  return std::max(128u, static_cast<unsigned>(std::ceil(-std::log2(eps))) + 64);
}

} // namespace

PhaseResult solvePhases(std::vector<Mpfr> coef, const PhaseOptions &opts) {
  if (!(opts.epsilon > 0 && opts.epsilon < 1))
    throw Error("epsilon must lie in (0, 1), got " + show(opts.epsilon));
  const int parity = checkTarget(coef);
  const int d = static_cast<int>(coef.size()) - 1;

  PhaseResult out;
  out.degree = d;
  out.parity = parity;
  auto certifyInto = [&](PhaseResult &r) {
    r.certificate = certifyPhases(r.phases, r.precisionBits, coef);
    r.log.push_back(solverName(r.solver) + ": " + std::to_string(r.iterations) +
                    " iterations, certified error " +
                    show(r.certificate.maxError));
    return r.certificate.maxError <= opts.epsilon;
  };
  auto runNewtonDouble = [&] {
    std::vector<double> c;
    for (const Mpfr &ck : coef)
      c.push_back(static_cast<double>(ck));
    NewtonOptions no;
    no.maxIterations = opts.maxIterations;
    no.tolerance = std::min(1e-14, opts.epsilon / 10);
    const NewtonResult<double> nr = newtonPhases(c, parity, no);
    out.phases.assign(nr.phases.begin(), nr.phases.end());
    out.precisionBits = 53;
    out.solver = Solver::Newton;
    out.iterations = nr.iterations;
    out.solverResidual = nr.residual;
    return certifyInto(out);
  };
  auto runNewtonMpfr = [&] {
    const unsigned bits =
        opts.precisionBits ? opts.precisionBits : bitsFor(opts.epsilon);
    numeric::PrecisionGuard guard(bits);
    std::vector<Mpfr> c;
    for (const Mpfr &ck : coef)
      c.push_back(numeric::withPrecision(ck, bits));
    NewtonOptions no;
    no.maxIterations = opts.maxIterations;
    no.tolerance = std::ldexp(1.0, -static_cast<int>(bits) + 16);
    const NewtonResult<Mpfr> nr = newtonPhases(c, parity, no);
    out.phases = nr.phases;
    out.precisionBits = bits;
    out.solver = Solver::Mpfr;
    out.iterations = nr.iterations;
    out.solverResidual = nr.residual;
    return certifyInto(out);
  };

  bool ok = false;
  switch (opts.solver) {
  case Solver::Newton:
    ok = runNewtonDouble();
    break;
  case Solver::Mpfr:
    ok = runNewtonMpfr();
    break;
  case Solver::Fast:
    throw Error("the fast solver (Weiss completion + inverse nonlinear FFT) "
                "is not built yet; use --solver newton or mpfr");
  case Solver::Auto:
    ok = runNewtonDouble() || runNewtonMpfr();
    break;
  }
  if (!ok)
    throw Error("certified error " + show(out.certificate.maxError) +
                " exceeds the requested eps = " + show(opts.epsilon) +
                " (degree " + std::to_string(d) + ", solver " +
                solverName(out.solver) + "); no phases written");
  return out;
}

} // namespace qsvtc::qsp
