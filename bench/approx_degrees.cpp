//===- approx_degrees.cpp - Degree table for the approximation engine -----===//
//
// For every catalog function at eps 1e-6, 1e-10, 1e-14: the Remez degree,
// whether it is proven minimal (de la Vallee Poussin's bound at the next
// smaller degree exceeds eps, so the true minimax degree equals it), the
// Chebyshev-truncation degree, the certified error, and the wall time.
// For 1/x it adds the analytic minimax-optimal degree (Privalov's closed
// form, arXiv 2507.15537 Thm 1) for the same scaled target.
// Usage: approx-degrees [--json]
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace qsvtc::approx;

namespace {

struct Case {
  std::string name;
  std::map<std::string, double> params;
};

/// Smallest odd degree 2n-1 with s (1-a)^n / (a (1+a)^(n-1)) <= eps.
int optimalInverseDegree(double a, double s, double eps) {
  for (int n = 1;; ++n) {
    const double e = s * std::exp(n * std::log1p(-a) - (n - 1) * std::log1p(a)) / a;
    if (e <= eps)
      return 2 * n - 1;
  }
}

} // namespace

int main(int argc, char **argv) {
  const bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  const std::vector<Case> cases = {
      {"exp", {{"beta", 1}}},
      {"exp-decay", {{"beta", 4}}},
      {"sigmoid", {}},
      {"tanh", {}},
      {"gelu", {}},
      {"silu", {}},
      {"softplus", {}},
      {"inverse", {{"delta", 0.1}}},
      {"invsqrt", {{"delta", 0.1}}},
      {"erf", {{"k", 4}}},
      {"sign", {{"delta", 0.1}}},
      {"cos", {{"tau", 10}}},
      {"sin", {{"tau", 10}}},
  };
  if (!json)
    std::printf("%-10s %-6s %7s %8s %7s %9s %11s %8s\n", "function", "eps", "remez", "minimal",
                "cheb", "optimal", "cert.err", "time[s]");
  else
    std::printf("[\n");
  bool first = true;
  for (const Case &c : cases)
    for (double eps : {1e-6, 1e-10, 1e-14}) {
      const TargetFunction f = makeCatalogFunction(c.name, c.params);
      ApproxOptions opts;
      opts.epsilon = eps;
      auto start = std::chrono::steady_clock::now();
      const Approximation r = approximate(f, opts);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      opts.method = Method::Chebyshev;
      const Approximation t = approximate(f, opts);
      // The scale the Remez search worked with, before any rescale for
      // max|p| (Approximate.cpp: (1 - eta)(1 - 1e-12) - eps over max|f|).
      int optimal = -1;
      if (c.name == "inverse") {
        const double delta = c.params.at("delta");
        const double s = ((1 - opts.eta) * (1 - 1e-12) - eps) * delta;
        optimal = optimalInverseDegree(delta, s, eps);
      }
      if (json) {
        std::printf("%s  {\"function\": \"%s\", \"epsilon\": %g, \"remez\": %d, "
                    "\"proven_minimal\": %s, \"chebyshev\": %d, "
                    "\"analytic_optimal\": %d, \"certified_error\": %.3e, "
                    "\"seconds\": %.4f}",
                    first ? "" : ",\n", c.name.c_str(), eps, r.degree,
                    r.degreeProvenMinimal ? "true" : "false", t.degree, optimal,
                    r.certificate.maxError, seconds);
      } else {
        std::printf("%-10s %-6.0e %7d %8s %7d %9s %11.3e %8.3f\n", c.name.c_str(), eps, r.degree,
                    r.degreeProvenMinimal ? "proven" : "no", t.degree,
                    optimal < 0 ? "-" : std::to_string(optimal).c_str(), r.certificate.maxError,
                    seconds);
      }
      std::fflush(stdout);
      first = false;
    }
  if (json)
    std::printf("\n]\n");
  return 0;
}
