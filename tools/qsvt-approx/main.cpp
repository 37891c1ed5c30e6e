//===- qsvt-approx/main.cpp - Polynomial approximation CLI ----------------===//
//
// qsvt-approx --function gelu --epsilon 1e-6 [-o poly.json]: the
// smallest-degree polynomial for a catalog function (or for user-given
// Chebyshev coefficients), with its certified error, as design.md's JSON.
//
//===----------------------------------------------------------------------===//
#include "../common/Main.h"
#include "../common/Plot.h"

#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/PolyJson.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/Stopwatch.h"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace qsvtc;
using namespace qsvtc::approx;

namespace {

void listCatalog() {
  for (const CatalogEntry &e : catalogEntries()) {
    std::string params;
    for (const auto &[k, v] : e.params)
      params += (params.empty() ? "" : " ") + k + "=" + std::to_string(v);
    std::cout << e.name << "\t" << e.formula << "\t[" << params << "]\tdomain " << e.domain
              << "\tparity " << parityName(e.parity) << "\t" << e.use << "\n";
  }
  std::cout << "chebyshev\tsum_k c_k T_k(x) from --coefficients FILE\n";
}

} // namespace

static int run(int argc, char **argv) {
  CLI::App app{"qsvt-approx: smallest-degree polynomial approximation with a "
               "certified error, for QSP/QSVT"};
  std::string function, coefFile, domainText, output = "-", method = "remez";
  std::vector<std::string> params;
  ApproxOptions opts;
  int degree = -1;
  bool list = false, quiet = false;
  app.add_option("--function,-f", function, "catalog function (see --list), or 'chebyshev'");
  app.add_option("--coefficients", coefFile,
                 "polynomial JSON whose Chebyshev coefficients define f");
  app.add_option("--epsilon,-e", opts.epsilon, "max |p - s f| on the domain")->default_val(1e-6);
  app.add_option("--domain", domainText,
                 "intervals a,b[,c,d...] inside [-1,1] (default: the "
                 "function's)");
  app.add_option("--param,-p", params, "function parameter name=value")->take_all();
  app.add_option("--method", method, "remez (minimax) or chebyshev")
      ->check(CLI::IsMember({"remez", "chebyshev"}));
  app.add_option("--precision-bits", opts.precisionBits,
                 "working precision in bits (default: 53 if eps allows)");
  app.add_option("--eta", opts.eta, "require max|p| <= 1 - eta on [-1,1]")->default_val(1e-3);
  app.add_option("--max-degree", opts.maxDegree, "refuse degrees above this")->default_val(100000);
  app.add_option("--degree", degree, "fixed degree (remez) instead of a search");
  app.add_option("-o,--output", output, "output file ('-' = stdout)");
  std::string plot;
  app.add_option("--plot", plot,
                 "also draw the target, the polynomial and the error curve into this PNG "
                 "(python3 -m qsvtc.plot approx; needs python3-matplotlib)");
  app.add_flag("--list", list, "list the function catalog and exit");
  app.add_flag("--quiet,-q", quiet, "no summary or progress lines on stderr");
  if (std::optional<int> code = tools::parseArguments(app, argc, argv))
    return *code;

  if (list) {
    listCatalog();
    return 0;
  }
  if (function.empty() && coefFile.empty())
    throw Error("give --function NAME (see --list) or --coefficients FILE");
  checkOutputPath(output, {coefFile});
  if (!plot.empty())
    tools::checkPlotting(plot, {coefFile, output});
  if (degree >= 0)
    opts.degree = degree;
  opts.method = method == "chebyshev" ? Method::Chebyshev : Method::Remez;
  std::optional<Domain> domain;
  if (!domainText.empty())
    domain = Domain::parse(domainText);
  TargetFunction f;
  if (!coefFile.empty() || function == "chebyshev") {
    if (coefFile.empty())
      throw Error("function 'chebyshev' needs --coefficients FILE");
    if (!params.empty())
      throw Error("--param does not apply to --coefficients");
    f = makeChebyshevFunction(parsePolyJson(readFile(coefFile), coefFile).coef, domain);
  } else {
    f = makeCatalogFunction(function, parseAssignments(params, "--param"), domain);
  }
  if (!quiet)
    opts.progress = tools::progressLine("qsvt-approx");
  const Stopwatch clock;
  const Approximation a = approximate(f, opts);
  const double seconds = clock.seconds();
  const std::string json = toJson(a, opts).dump(2) + "\n";
  if (!plot.empty())
    tools::plotJson("approx", json, plot);
  writeFileAtomically(output, json);
  if (!quiet)
    std::cerr << "qsvt-approx: " << a.target.formula << ": degree " << a.degree << " ("
              << methodName(a.method) << (a.degreeProvenMinimal ? ", proven minimal" : "")
              << "), certified max error " << a.certificate.maxError << " <= " << opts.epsilon
              << ", max|p| " << a.certificate.maxAbs << ", " << seconds << " s\n";
  return 0; // errors: guardedMain (tools/common/Main.h) reports them
}

int main(int argc, char **argv) {
  return qsvtc::tools::guardedMain("qsvt-approx", [&] { return run(argc, argv); });
}
