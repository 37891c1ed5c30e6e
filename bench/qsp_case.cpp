//===- qsp_case.cpp - One phase-factor benchmark case ---------------------===//
//
// qsp-case TARGET DEGREE [SOLVER] [--dump-poly FILE] [--dump-phases FILE]
//          [--poly-only] [--peak P] [--epsilon E]
// builds a degree-DEGREE polynomial of the given family, runs
// qsp::solvePhases (certification included) and prints one JSON line: wall
// time, iterations, certified error, peak memory (this process's max RSS,
// so run one case per process; bench/run-qsp-bench.sh does).
// --dump-poly writes the exact coefficients solved (a qsvt-approx-style
// polynomial file, doubles in shortest round-trip form) for the peers in
// bench/peers/; --dump-phases writes the phases file; --poly-only stops
// after the polynomial; --peak replaces the amplitude 1/2 below (e.g.
// 0.999999999 for max|f| = 1 - 1e-9); --epsilon the required certified
// error (1e-12). Families (exact polynomials of that degree):
//   cos    0.5 cos(tau x) interpolated at degree d, tau = 0.8 d (even d)
//   exp    even part of 0.5 exp(-beta (x+1)) interpolated at degree d,
//          beta = d / 3 (even d)
//   erf    0.5 erf(k x) interpolated at degree d, k = d / 20 (odd d)
//   inv    (1 - (1 - x^2)^b) / x scaled to max 0.5, b = (d+1)/2 (odd d),
//          the Childs-Kothari-Somma polynomial for 1/x
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/PhasesJson.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/resource.h>

using namespace qsvtc;

namespace {

std::vector<double> family(const std::string &name, int d, double peak0) {
  std::vector<double> c(d + 1, 0.0);
  if (name == "cos") {
    const double tau = 0.8 * d;
    c = numeric::chebyshevInterpolate<double>([&](double x) { return peak0 * std::cos(tau * x); },
                                              d);
    c = numeric::parityProject(std::move(c), 0);
  } else if (name == "exp") {
    const double beta = d / 3.0;
    c = numeric::chebyshevInterpolate<double>(
        [&](double x) { return peak0 * std::exp(-beta * (x + 1)); }, d);
    c = numeric::parityProject(std::move(c), 0);
  } else if (name == "erf" || name == "inv") {
    const double k = d / 20.0;
    const int b = (d + 1) / 2;
    auto f = [&](double x) {
      if (name == "erf")
        return peak0 * std::erf(k * x);
      return x == 0 ? 0.0 : -std::expm1(b * std::log1p(-x * x)) / x;
    };
    c = numeric::chebyshevInterpolate<double>(f, d);
    c = numeric::parityProject(std::move(c), 1);
    if (name == "inv") { // peak on 8x oversampled Chebyshev points (a DCT)
      std::vector<double> padded(8 * d + 1, 0.0);
      std::copy(c.begin(), c.end(), padded.begin());
      double peak = 0;
      for (double v : numeric::chebyshevValues(padded))
        peak = std::max(peak, std::abs(v));
      for (double &v : c)
        v *= peak0 / peak;
    }
  } else {
    throw Error("unknown family '" + name + "' (cos, exp, erf, inv)");
  }
  return c;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> positional;
  std::string polyFile, phasesFile;
  bool polyOnly = false;
  double peak = 0.5, epsilon = 1e-12;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--dump-poly" || a == "--dump-phases") && i + 1 < argc)
      (a == "--dump-poly" ? polyFile : phasesFile) = argv[++i];
    else if ((a == "--peak" || a == "--epsilon") && i + 1 < argc)
      (a == "--peak" ? peak : epsilon) = std::atof(argv[++i]);
    else if (a == "--poly-only")
      polyOnly = true;
    else
      positional.push_back(a);
  }
  if (positional.size() < 2 || positional.size() > 3) {
    std::fprintf(stderr, "usage: qsp-case cos|exp|erf|inv DEGREE [SOLVER] "
                         "[--dump-poly FILE] [--dump-phases FILE] [--poly-only] "
                         "[--peak P] [--epsilon E]\n");
    return 2;
  }
  const std::string name = positional[0];
  int d = std::atoi(positional[1].c_str());
  if ((name == "cos" || name == "exp") && d % 2)
    ++d;
  if ((name == "erf" || name == "inv") && d % 2 == 0)
    ++d;
  try {
    const std::vector<double> c = family(name, d, peak);
    if (!polyFile.empty()) {
      nlohmann::ordered_json j;
      j["basis"] = "chebyshev";
      j["parity"] = d % 2;
      j["degree"] = d;
      j["domain"] = {-1, 1};
      j["coef"] = c; // nlohmann writes doubles in round-trip form
      j["function"] = name;
      writeFileAtomically(polyFile, j.dump() + "\n");
    }
    if (polyOnly)
      return 0;
    qsp::PhaseOptions opts;
    opts.epsilon = epsilon;
    if (positional.size() > 2)
      opts.solver = qsp::parseSolver(positional[2]);
    const auto start = std::chrono::steady_clock::now();
    const qsp::PhaseResult r =
        qsp::solvePhases(std::vector<numeric::Mpfr>(c.begin(), c.end()), opts);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    if (!phasesFile.empty())
      writeFileAtomically(phasesFile, qsp::toJson(r, opts).dump() + "\n");
    std::printf("{\"target\": \"%s\", \"degree\": %d, \"solver\": \"%s\", "
                "\"seconds\": %.4f, \"iterations\": %d, "
                "\"certify_seconds\": %.4f, "
                "\"certified_error\": %.3e, \"certificate\": \"%s\", "
                "\"peak_rss_mb\": %.1f}\n",
                name.c_str(), r.degree, qsp::solverName(r.solver).c_str(), seconds, r.iterations,
                r.certifySeconds, r.certificate.maxError, r.certificate.method.c_str(),
                usage.ru_maxrss / 1024.0);
  } catch (const Error &e) {
    std::printf("{\"target\": \"%s\", \"degree\": %d, \"error\": \"%s\"}\n", name.c_str(), d,
                e.what());
    return 1;
  }
  return 0;
}
