//===- qsp-phases/main.cpp - QSP phase factors CLI ------------------------===//
//
//   qsp-phases poly.json [-o phases.json]          phases for a polynomial
//   qsp-phases --function exp --param beta=10 --epsilon 1e-12
//                                                  approximate, then phases
//   qsp-phases --check phases.json poly.json       re-certify a phases file
//              [--check-method grid|nlft]          (nlft: O(d log^2 d), for
//                                                  high degree)
//   qsp-phases --gqsp poly.json                    generalized QSP angles for
//                                                  monomial (complex) P(z)
//   qsp-phases --gqsp -f hamiltonian -p tau=T      exp(-i T cos theta) by GQSP
//
//===----------------------------------------------------------------------===//
#include "../common/Main.h"
#include "../common/Plot.h"

#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/PolyJson.h"
#include "qsvtc/qsp/GqspHamiltonian.h"
#include "qsvtc/qsp/GqspJson.h"
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/qsp/PhasesJson.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/Stopwatch.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>
#include <optional>
#include <sstream>

using namespace qsvtc;
using Json = nlohmann::ordered_json;

namespace {

void summary(const std::string &what, const qsp::PhaseResult &r, double eps) {
  std::cerr << "qsp-phases: " << what << "degree " << r.degree << ", solver "
            << qsp::solverName(r.solver) << " (" << r.iterations
            << " iterations), certified max error " << r.certificate.maxError << " <= " << eps
            << " ("
            << (r.certificate.method == "grid"
                    ? std::to_string(r.certificate.gridPoints) + "-point grid"
                    : std::string("NLFFT l1 bound"))
            << ", " << r.certificate.precisionBits << " bits)\n";
}

/// "certified max error B (l1 E + rounding R, long double)".
std::string describe(const qsp::GqspCertificate &c) {
  std::ostringstream s;
  s << "certified max error " << c.bound << " (l1 " << c.coefficientError << " + rounding "
    << c.roundingBound << ", long double)";
  return s.str();
}

qsp::GqspOptions gqspOptions(bool quiet) {
  qsp::GqspOptions opts;
  if (!quiet)
    opts.progress = tools::progressLine("qsp-phases");
  return opts;
}

struct GqspRequest {
  std::string polyFile, function, output;
  std::vector<std::string> params, check;
  std::optional<double> epsilon; ///< when the user gave one
  double defaultEpsilon = 1e-12; ///< for -f hamiltonian otherwise
  bool quiet = false;
};

/// --gqsp -f hamiltonian -p tau=T: e^{-i tau cos theta} by Jacobi-Anger.
int runGqspHamiltonian(const GqspRequest &q) {
  if (q.function != "hamiltonian")
    throw Error("--gqsp -f takes 'hamiltonian' (exp(-i tau cos theta) by Jacobi-Anger), not '" +
                q.function + "'");
  const std::map<std::string, double> params = parseAssignments(q.params, "--param");
  if (params.size() != 1 || !params.count("tau"))
    throw Error("--gqsp -f hamiltonian takes one parameter, -p tau=T");
  checkOutputPath(q.output, {});
  const Stopwatch clock;
  const qsp::GqspHamiltonianResult r = qsp::gqspHamiltonian(
      params.at("tau"), q.epsilon.value_or(q.defaultEpsilon), gqspOptions(q.quiet));
  if (!q.quiet)
    std::cerr << "qsp-phases: GQSP exp(-i tau cos theta), tau = " << r.tau << ": degree "
              << 2 * r.shift << " (then U^dagger " << r.shift << " times), certified max error "
              << r.totalError << " (truncation " << r.truncationBound << ", scale 1 - "
              << 1 - r.scale << ", phases " << r.solve.certificate.bound << ")\n";
  Json out = qsp::toJson(r);
  out["seconds"] = clock.seconds();
  writeFileAtomically(q.output, out.dump(2) + "\n");
  return 0;
}

/// --gqsp: angles for a monomial P(z) or for -f hamiltonian, or the
/// re-certification of a GQSP phases file. For a polynomial file epsilon
/// is enforced only when the user gave one.
int runGqsp(const GqspRequest &q) {
  if (!q.function.empty()) {
    if (!q.polyFile.empty() || !q.check.empty())
      throw Error("give a polynomial file or --function NAME (not both)");
    return runGqspHamiltonian(q);
  }
  if (!q.check.empty()) {
    const qsp::GqspPhases ph = qsp::parseGqspPhasesJson(readFile(q.check[0]), q.check[0]);
    const auto p = qsp::parseGqspPolyJson(readFile(q.check[1]), q.check[1]);
    const qsp::GqspCertificate c = qsp::certifyGqsp(ph, p, {});
    std::cout << "qsp-phases: " << q.check[0] << ": " << describe(c) << "\n";
    if (q.epsilon && c.bound > *q.epsilon) {
      std::cerr << "qsp-phases: error: certified error " << c.bound << " exceeds --epsilon "
                << *q.epsilon << "\n";
      return 1;
    }
    return 0;
  }
  if (q.polyFile.empty())
    throw Error("--gqsp needs a polynomial file ({\"basis\": \"monomial\", \"coef\": [...]})");
  checkOutputPath(q.output, {q.polyFile});
  const auto p = qsp::parseGqspPolyJson(readFile(q.polyFile), q.polyFile);
  const Stopwatch clock;
  const qsp::GqspResult r = qsp::solveGqsp(p, gqspOptions(q.quiet));
  if (!q.quiet)
    std::cerr << "qsp-phases: GQSP degree " << r.phases.degree() << ", complement on " << r.grid
              << " points (max |P| " << r.maxAbs << "), " << describe(r.certificate) << "\n";
  if (q.epsilon && r.certificate.bound > *q.epsilon)
    throw Error("GQSP: certified error " + formatNumber(r.certificate.bound) +
                " exceeds --epsilon " + formatNumber(*q.epsilon) + " (nothing written)");
  Json out = qsp::toJson(r);
  out["seconds"] = clock.seconds();
  writeFileAtomically(q.output, out.dump(2) + "\n");
  return 0;
}

} // namespace

static int run(int argc, char **argv) {
  CLI::App app{"qsp-phases: certified QSP phase factors (Wx convention, "
               "symmetric phases) for a polynomial or a catalog function"};
  std::string polyFile, function, domainText, output = "-", solver = "auto", checkMethod = "grid";
  std::vector<std::string> params, check;
  qsp::PhaseOptions opts;
  bool quiet = false;
  app.add_option("poly", polyFile, "polynomial JSON (design.md format)");
  app.add_option("--function,-f", function,
                 "catalog function to approximate first (see qsvt-approx "
                 "--list)");
  app.add_option("--param,-p", params, "function parameter name=value")->take_all();
  app.add_option("--domain", domainText, "approximation domain a,b[,c,d...]");
  app.add_option("--epsilon,-e", opts.epsilon,
                 "required certified error of the phases (with --function: "
                 "half for the polynomial, half for the phases)")
      ->default_val(1e-12);
  app.add_option("--solver", solver, "auto, newton, fast or mpfr");
  app.add_option("--precision-bits", opts.precisionBits,
                 "MPFR solver precision (default: from epsilon)");
  app.add_option("--check", check,
                 "re-certify: PHASES.json POLY.json (exit 1 if above "
                 "--epsilon)")
      ->expected(2);
  app.add_option("--check-method", checkMethod,
                 "grid (dense grid in double-double or MPFR, O(d^2)) or nlft "
                 "(l1 bound from the double-double forward NLFFT, "
                 "O(d log^2 d); double phases and coefficients)")
      ->check(CLI::IsMember({"grid", "nlft"}));
  app.add_option("-o,--output", output, "output file ('-' = stdout)");
  std::string plot;
  app.add_option("--plot", plot,
                 "also draw the phases and the response they give into this PNG "
                 "(python3 -m qsvtc.plot phases; needs python3-matplotlib)");
  bool gqsp = false;
  app.add_flag("--gqsp", gqsp,
               "generalized QSP (Motlagh-Wiebe): the polynomial file holds monomial "
               "coefficients of P(z), numbers or [re, im] pairs, with |P| < 1 on |z| = 1; "
               "writes theta, phi, lambda and the complement Q (--epsilon is checked only "
               "when given; --check re-certifies a GQSP phases file). -f hamiltonian -p tau=T: "
               "exp(-i T cos theta) by Jacobi-Anger, within --epsilon");
  app.add_flag("--quiet,-q", quiet, "no summary or progress lines on stderr");
  if (std::optional<int> code = tools::parseArguments(app, argc, argv))
    return *code;

  if (gqsp) {
    if (!plot.empty() || app.count("--solver") || app.count("--precision-bits") ||
        app.count("--check-method") || app.count("--domain"))
      throw Error("--gqsp takes a polynomial file, -f hamiltonian -p tau=T, or --check; with -o, "
                  "--epsilon and --quiet");
    GqspRequest q{polyFile, function, output, params, check, std::nullopt, opts.epsilon, quiet};
    if (app.count("--epsilon"))
      q.epsilon = opts.epsilon;
    return runGqsp(q);
  }
  opts.solver = qsp::parseSolver(solver);
  if (!check.empty() && !plot.empty())
    throw Error("--plot draws solved phases; it does not apply to --check");
  if (!check.empty()) {
    const qsp::PhasesFile phases = qsp::parsePhasesJson(readFile(check[0]), check[0]);
    const approx::PolyFile poly = approx::parsePolyJson(readFile(check[1]), check[1]);
    qsp::PhaseCertificate cert;
    if (checkMethod == "nlft") {
      if (phases.precisionBits > 53 || !poly.allDoubles)
        throw Error("--check-method nlft takes double phases and "
                    "coefficients (use the grid for MPFR ones)");
      std::vector<double> phi, coef;
      for (const auto &v : phases.phases)
        phi.push_back(static_cast<double>(v));
      for (const auto &v : poly.toMpfr())
        coef.push_back(static_cast<double>(v));
      const qsp::NlftCertificate nc = qsp::certifyPhasesNlft(phi, coef);
      cert.maxError = nc.bound;
      cert.precisionBits = nc.precisionBits;
      std::cout << "qsp-phases: " << check[0] << ": certified max error " << cert.maxError
                << " (NLFFT l1 bound, " << cert.precisionBits << " bits)\n";
    } else {
      cert = qsp::certifyPhases(phases.phases, phases.precisionBits, poly.toMpfr());
      std::cout << "qsp-phases: " << check[0] << ": certified max error " << cert.maxError
                << " at x = " << cert.maxErrorAt << " (" << cert.gridPoints << "-point grid, "
                << cert.precisionBits << " bits)\n";
    }
    if (cert.maxError > opts.epsilon) {
      std::cerr << "qsp-phases: error: certified error " << cert.maxError << " exceeds --epsilon "
                << opts.epsilon << "\n";
      return 1;
    }
    return 0;
  }
  if (polyFile.empty() == function.empty())
    throw Error("give a polynomial file or --function NAME (not both)");
  checkOutputPath(output, {polyFile});
  if (!plot.empty())
    tools::checkPlotting(plot, {polyFile, output});

  const Stopwatch clock;
  // Progress on stderr once a solve has taken a few seconds (Newton near
  // max|p| = 1, or a solver falling back to a slower one).
  if (!quiet)
    opts.progress = tools::progressLine("qsp-phases");
  Json out;
  if (!polyFile.empty()) {
    const approx::PolyFile poly = approx::parsePolyJson(readFile(polyFile), polyFile);
    const qsp::PhaseResult r = qsp::solvePhases(poly.toMpfr(), opts);
    out = qsp::toJson(r, opts);
    if (!quiet)
      summary("", r, opts.epsilon);
  } else {
    std::optional<approx::Domain> domain;
    if (!domainText.empty())
      domain = approx::Domain::parse(domainText);
    const approx::TargetFunction f =
        approx::makeCatalogFunction(function, parseAssignments(params, "--param"), domain);
    approx::ApproxOptions ao;
    ao.epsilon = opts.epsilon / 2;
    ao.progress = opts.progress;
    const approx::Approximation a = approx::approximate(f, ao);
    qsp::PhaseOptions po = opts;
    po.epsilon = opts.epsilon / 2;
    auto solvePart = [&](const approx::Approximation &part) {
      const qsp::PhaseResult r = qsp::solvePhases(part.coef, po);
      if (!quiet)
        summary(part.target.formula + ": ", r, po.epsilon);
      return qsp::toJson(r, po);
    };
    if (a.parity == approx::Parity::None) {
      auto [even, odd] = approx::splitParity(a);
      out["convention"] = "wx-symmetric";
      out["parts"] = {{"even", solvePart(even)}, {"odd", solvePart(odd)}};
    } else {
      out = solvePart(a);
    }
    out["function"] = f.name;
    out["formula"] = a.target.formula;
    out["scale"] = a.scale;
    out["approximation_degree"] = a.degree;
    out["approximation_error"] = a.certificate.maxError;
  }
  out["seconds"] = clock.seconds();
  const std::string json = out.dump(2) + "\n";
  if (!plot.empty())
    tools::plotJson("phases", json, plot);
  writeFileAtomically(output, json);
  return 0; // errors: guardedMain (tools/common/Main.h) reports them
}

int main(int argc, char **argv) {
  return qsvtc::tools::guardedMain("qsp-phases", [&] { return run(argc, argv); });
}
