//===- Solve.cpp - Certified QSP phase factors for a polynomial -----------===//
#include "qsvtc/qsp/Solve.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/MaxAbs.h"
#include "qsvtc/qsp/Newton.h"
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/qsp/Weiss.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/Stopwatch.h"

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

/// The coefficients as doubles, for the double solvers and the max|p|
/// check, and what that rounding moved them by in l1 (a bound on how far
/// it moves p).
std::vector<double> doubleCoefficients(const std::vector<Mpfr> &coef, double &rounding) {
  std::vector<double> c;
  rounding = 0;
  for (const Mpfr &ck : coef) {
    c.push_back(static_cast<double>(ck));
    rounding += static_cast<double>(abs(Mpfr(ck - c.back())));
  }
  return c;
}

/// Rejects what no QSP solver can take: mixed parity, |p| >= 1 (or within
/// rounding of 1). *maxAbs: max|p|, located (numeric/MaxAbs.h).
int checkTarget(std::vector<Mpfr> &coef, double *maxAbs) {
  while (coef.size() > 1 && coef.back() == 0)
    coef.pop_back();
  if (coef.empty())
    throw Error("the polynomial has no coefficients");
  const int d = static_cast<int>(coef.size()) - 1;
  const int parity = d % 2;
  for (int k = 0; k <= d; ++k)
    if (coef[k] != 0 && k % 2 != parity)
      throw Error("the polynomial has mixed parity (nonzero c_" + std::to_string(k) +
                  " in a degree-" + std::to_string(d) +
                  " polynomial); QSP needs a definite parity: split it into "
                  "even and odd parts (qsvt-approx writes them as \"parts\")");
  // max|p| located and bounded (numeric/MaxAbs.h): a grid alone missed
  // peaks by ~1e-5 and let 1 + 3e-6 through to minutes of solving.
  double rounding = 0;
  const numeric::MaxAbs peak = numeric::maxAbsChebyshev(doubleCoefficients(coef, rounding));
  const double value = peak.value + rounding, upper = peak.upper + rounding;
  if (!(value < 1.0))
    throw Error("max|p| = " + formatNumber(value, 10) + " at x = " + formatNumber(peak.at, 10) +
                " is not below 1: QSP needs |p| < 1 on [-1, 1] (scale the polynomial by less "
                "than 1/max|p| = " +
                formatNumber(1 / value, 10) + ", e.g. qsvt-approx --eta)");
  // A bound left loose by the refinement's budget refuses nothing that is
  // attained below 1 (the solvers' own checks then decide).
  if (!(upper < 1.0) && peak.complete)
    throw Error("max|p| = " + formatNumber(value, 16) + " at x = " + formatNumber(peak.at, 10) +
                " is within rounding of 1 (bounded by " + formatNumber(upper, 16) +
                "): QSP needs |p| < 1 on [-1, 1] with a margin that can be certified (scale "
                "the polynomial down, e.g. qsvt-approx --eta)");
  if (maxAbs) // a grid estimate (high degree) is left to each solver's own sampling
    *maxAbs = peak.complete ? value : -1;
  return parity;
}

unsigned bitsFor(double eps) {
  return std::max(128u, static_cast<unsigned>(std::ceil(-std::log2(eps))) + 64);
}

} // namespace

PhaseResult solvePhases(std::vector<Mpfr> coef, const PhaseOptions &opts) {
  if (!(opts.epsilon > 0 && opts.epsilon < 1))
    throw Error("epsilon must lie in (0, 1), got " + formatNumber(opts.epsilon));
  if (opts.precisionBits > numeric::MaxPrecisionBits)
    throw Error("--precision-bits " + std::to_string(opts.precisionBits) + " is above " +
                std::to_string(numeric::MaxPrecisionBits) + " (about 1200 digits)");
  double maxAbs = 0;
  const int parity = checkTarget(coef, &maxAbs);
  const int d = static_cast<int>(coef.size()) - 1;

  PhaseResult out;
  out.degree = d;
  out.parity = parity;
  auto certifyInto = [&](PhaseResult &r) {
    const Stopwatch clock;
    r.certificate = certifyPhases(r.phases, r.precisionBits, coef);
    r.certifySeconds += clock.seconds();
    r.log.push_back(solverName(r.solver) + ": " + std::to_string(r.iterations) +
                    " iterations, certified error " + formatNumber(r.certificate.maxError));
    return r.certificate.maxError <= opts.epsilon;
  };
  // The O(d log^2 d) certificate of double phases (NlftCertify.h): the l1
  // norm of the coefficient difference, plus that rounding.
  auto nlftCertificateInto = [&](PhaseResult &r, const NlftCertificate &cert, double rounding) {
    r.precisionBits = 53;
    r.certificate.maxError = std::nextafter(cert.bound + rounding, INFINITY);
    r.certificate.maxErrorAt = std::nan("");
    r.certificate.gridPoints = 0;
    r.certificate.precisionBits = cert.precisionBits;
    r.certificate.method = "nlft-l1";
  };
  // Newton keeps two dense n x n matrices (n ~ d / 2, the Jacobian and its
  // samples): 3.6 GB at this degree (cos at 3e4: 56 s), 40 GB at 1e5. Past
  // it, a clear refusal instead of an allocation failure.
  constexpr int newtonDegreeLimit = 30000;
  auto newtonFits = [&](const char *solver) {
    if (d <= newtonDegreeLimit)
      return true;
    out.log.push_back(
        std::string(solver) + ": degree " + std::to_string(d) + " is above Newton's limit of " +
        std::to_string(newtonDegreeLimit) + " (its dense matrices would take ~" +
        formatNumber(2 * std::pow(d / 2.0, 2) * 8 / 1e9, 2) + " GB); use the fast solver");
    return false;
  };
  auto runNewtonDouble = [&] {
    if (!newtonFits("newton"))
      return false;
    double rounding = 0;
    const std::vector<double> c = doubleCoefficients(coef, rounding);
    NewtonOptions no;
    no.maxIterations = opts.maxIterations;
    no.tolerance = std::min(1e-14, opts.epsilon / 10);
    no.progress = opts.progress;
    const NewtonResult<double> nr = newtonPhases(c, parity, no);
    out.phases.assign(nr.phases.begin(), nr.phases.end());
    out.precisionBits = 53;
    out.solver = Solver::Newton;
    out.iterations = nr.iterations;
    out.solverResidual = nr.residual;
    // The O(d log^2 d) l1 certificate first, the O(d^2) grid only when it
    // is too loose for epsilon: the grid costs more than the solve above
    // a few thousand (degree 3000: ~2.4 s) and half of a small solve's time
    // (degree <= 100: 5.6 ms median with the grid, 2.2 ms without).
    const Stopwatch clock;
    const NlftCertificate cert = certifyPhasesNlft(nr.phases, c);
    out.certifySeconds += clock.seconds();
    nlftCertificateInto(out, cert, rounding);
    out.log.push_back("newton: " + std::to_string(out.iterations) +
                      " iterations, certified error " + formatNumber(out.certificate.maxError) +
                      " (nlft-l1)");
    if (out.certificate.maxError <= opts.epsilon)
      return true;
    return certifyInto(out);
  };
  auto runNewtonMpfr = [&] {
    if (!newtonFits("mpfr"))
      return false;
    const unsigned bits = opts.precisionBits ? opts.precisionBits : bitsFor(opts.epsilon);
    numeric::PrecisionGuard guard(bits);
    std::vector<Mpfr> c;
    for (const Mpfr &ck : coef)
      c.push_back(numeric::withPrecision(ck, bits));
    NewtonOptions no;
    no.maxIterations = opts.maxIterations;
    no.tolerance = std::ldexp(1.0, -static_cast<int>(bits) + 16);
    no.progress = opts.progress;
    const NewtonResult<Mpfr> nr = newtonPhases(c, parity, no);
    out.phases = nr.phases;
    out.precisionBits = bits;
    out.solver = Solver::Mpfr;
    out.iterations = nr.iterations;
    out.solverResidual = nr.residual;
    return certifyInto(out);
  };

  // Weiss completion + inverse NLFFT, certified by the double-double
  // forward NLFFT (the l1 norm of the coefficient difference bounds the
  // sup-norm error); coefficients that are not doubles add their rounding.
  auto runFast = [&] {
    double rounding = 0;
    const std::vector<double> c = doubleCoefficients(coef, rounding);
    WeissStats stats;
    WeissOptions wo;
    wo.refineAbove = std::min(wo.refineAbove, opts.epsilon / 2);
    wo.maxAbs = maxAbs;
    try {
      const std::vector<double> phases = weissPhases(c, parity, wo, &stats);
      out.phases.assign(phases.begin(), phases.end());
    } catch (const Error &e) {
      out.log.push_back(std::string("fast: ") + e.what());
      return false;
    }
    const NlftCertificate cert =
        stats.certified
            ? stats.certificate
            : certifyPhasesNlft(std::vector<double>(out.phases.begin(), out.phases.end()), c);
    out.certifySeconds += stats.certifySeconds;
    out.solver = Solver::Fast;
    out.iterations = stats.refinementSteps;
    out.solverResidual = stats.unrefinedError;
    nlftCertificateInto(out, cert, rounding);
    if (stats.nearOneNodes > 0)
      out.log.push_back("fast: near-1 completion, " + std::to_string(stats.nearOneNodes) +
                        " quadrature nodes in " + std::to_string(stats.nearOneLevels) +
                        " levels, " + std::to_string(stats.nearOneModes) + " modes");
    out.log.push_back("fast: " + std::to_string(stats.refinementSteps) +
                      " refinement steps, certified error " +
                      formatNumber(out.certificate.maxError));
    return out.certificate.maxError <= opts.epsilon;
  };

  // Newton's O(d^3) iterations are for moderate degree: up to this it is
  // tried first (below 256) or after the fast solver; above it, only when
  // the fast one refused (near max|p| = 1, where the Weiss grid grows like
  // d / (1 - max|p|)), up to where it takes seconds, not minutes (degree
  // 1e4 at 1 - 1e-9: ~0.4 GB, 8 factorizations of ~1.7 s, 20 s; odd
  // targets of that size are degree 10001).
  constexpr int newtonMaxDegree = 3000;
  constexpr int newtonFallbackMaxDegree = 12000;
  // Says which solver failed and what comes next, for long runs.
  auto next = [&](const char *solver) {
    if (opts.progress && !out.log.empty())
      opts.progress(out.log.back() + "; trying " + solver);
    return false;
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
    ok = runFast();
    break;
  case Solver::Auto:
    // Small degree: Newton (robust for max|p| near 1, where the Weiss grid
    // grows like d / (1 - max|p|)); otherwise the fast solver first.
    if (d < 256)
      ok = runNewtonDouble() || next("fast") || runFast() || next("mpfr") || runNewtonMpfr();
    else if (d <= newtonMaxDegree)
      ok = runFast() || next("newton") || runNewtonDouble() || next("mpfr") || runNewtonMpfr();
    else if (d <= newtonFallbackMaxDegree)
      ok = runFast() || next("newton") || runNewtonDouble();
    else
      ok = runFast();
    break;
  }
  if (!ok && out.phases.empty()) { // every solver tried refused: say why
    std::string why;
    for (const std::string &line : out.log)
      why += (why.empty() ? "" : "; ") + line;
    throw Error("no phases for the degree-" + std::to_string(d) + " polynomial: " + why +
                "; no phases written");
  }
  if (!ok)
    throw Error("certified error " + formatNumber(out.certificate.maxError) +
                " exceeds the requested eps = " + formatNumber(opts.epsilon) + " (degree " +
                std::to_string(d) + ", solver " + solverName(out.solver) + "); no phases written");
  return out;
}

} // namespace qsvtc::qsp
