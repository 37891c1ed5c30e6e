//===- GqspComplement.cpp - The outer complement of a GQSP polynomial -----===//
//
// Q = exp(h), h the analytic projection (frequencies >= 0, the mean once)
// of g = log sqrt(1 - |P|^2) on an N-point grid of the unit circle: then
// Re h = g, so |Q|^2 = 1 - |P|^2, and Q is outer. As 1 - |P|^2 is a
// non-negative trigonometric polynomial of degree d, its outer factor is a
// polynomial of degree d (Fejer-Riesz); on a finite grid the discrete
// Hilbert transform aliases, which shows as energy of the computed Q beyond
// degree d. The grid starts at 16(d + 1) points (enough for max |P| = 0.9
// at 1e-28) and doubles until that tail is negligible (it shrinks
// geometrically, the faster the further max |P| stays below 1).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Gqsp.h"

#include "ComplexFft.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qsvtc::qsp {

using detail::Cd;

namespace {

void checkCoefficients(const std::vector<GqspComplex> &p) {
  if (p.empty())
    throw Error("GQSP: the polynomial has no coefficients");
  for (std::size_t k = 0; k < p.size(); ++k)
    if (!std::isfinite(p[k].real()) || !std::isfinite(p[k].imag()))
      throw Error("GQSP: coefficient " + std::to_string(k) + " is not finite");
}

struct Attempt {
  std::vector<Cd> q; ///< all N coefficients of exp(h)
  double maxAbs = 0, tail = 0, defect = 0;
};

Attempt completeOnGrid(const std::vector<GqspComplex> &p, std::size_t n) {
  const std::size_t d = p.size() - 1;
  std::vector<Cd> values(n, Cd(0));
  std::copy(p.begin(), p.end(), values.begin());
  detail::fftInverse(values); // P(e^{2 pi i j/n})
  Attempt a;
  std::vector<Cd> g(n);
  // The pointwise loops run on all cores (log and exp dominate them).
  const unsigned workers = numeric::workerCount(n, std::size_t(1) << 15);
  std::vector<double> peak(workers, 0), defect(workers, 0);
  numeric::parallelChunks(n, workers, [&](std::size_t begin, std::size_t end, unsigned w) {
    for (std::size_t j = begin; j < end; ++j) {
      const double m2 = std::norm(values[j]);
      peak[w] = std::max(peak[w], std::isnan(m2) ? HUGE_VAL : m2); // NaN: refused below
      g[j] = Cd(m2 < 1 ? 0.5 * std::log1p(-m2) : 0.0, 0);
    }
  });
  a.maxAbs = std::sqrt(*std::max_element(peak.begin(), peak.end()));
  if (!(a.maxAbs < 1)) {
    std::size_t j = 0;
    while (j + 1 < n && !(std::abs(values[j]) >= a.maxAbs))
      ++j;
    throw Error("GQSP: |P(z)| reaches " + formatNumber(a.maxAbs, 12) + " at z = exp(2 pi i " +
                std::to_string(j) + "/" + std::to_string(n) +
                "); the complement needs max |P| < 1 on the unit circle (scale P down)");
  }
  detail::fftForward(g); // n * (Fourier coefficients of g)
  const double inv = 1.0 / double(n);
  g[0] *= inv;
  for (std::size_t k = 1; k < n / 2; ++k)
    g[k] *= 2 * inv;
  g[n / 2] *= inv;
  std::fill(g.begin() + n / 2 + 1, g.end(), Cd(0));
  detail::fftInverse(g); // h on the grid
  numeric::parallelChunks(n, workers, [&](std::size_t begin, std::size_t end, unsigned w) {
    for (std::size_t j = begin; j < end; ++j) {
      g[j] = std::exp(g[j]);
      defect[w] = std::max(defect[w], std::abs(std::norm(values[j]) + std::norm(g[j]) - 1));
    }
  });
  a.defect = *std::max_element(defect.begin(), defect.end());
  detail::fftForward(g);
  double total = 0, beyond = 0;
  for (std::size_t k = 0; k < n; ++k) {
    g[k] *= inv;
    total += std::norm(g[k]);
    if (k > d)
      beyond += std::norm(g[k]);
  }
  a.tail = total > 0 ? beyond / total : 0;
  a.q = std::move(g);
  return a;
}

} // namespace

std::vector<GqspComplex> gqspComplement(const std::vector<GqspComplex> &p,
                                        const GqspOptions &options, GqspResult *stats) {
  checkCoefficients(p);
  const std::size_t d = p.size() - 1;
  std::size_t n = detail::powerOfTwoAtLeast(std::max<std::size_t>(16 * (d + 1), 16));
  if (n > options.maxGrid)
    throw Error("GQSP: degree " + std::to_string(d) + " needs a completion grid of " +
                std::to_string(n) + " points, above the limit " + std::to_string(options.maxGrid));
  for (;;) {
    Attempt a = completeOnGrid(p, n);
    // 1 - |P|^2 is computed to ~u absolutely, so log sqrt(1 - |P|^2), and
    // Q with it, carries relative noise u / (1 - max|P|^2) at every grid
    // point: its energy beyond degree d cannot fall below about that
    // squared (for max|P| = 0.9, 1.4e-30; for 1 - 1e-7, 4e-19).
    const double noise = 8 * std::numeric_limits<double>::epsilon() / (1 - a.maxAbs * a.maxAbs);
    const double tolerance = std::max(options.tailTolerance, noise * noise);
    if (a.tail <= tolerance || 2 * n > options.maxGrid) {
      if (a.tail > tolerance)
        throw Error("GQSP: the complement did not converge on " + std::to_string(n) +
                    " points (relative tail energy " + formatNumber(a.tail) +
                    "; max |P| = " + formatNumber(a.maxAbs, 12) + " is too close to 1)");
      if (stats) {
        stats->grid = n;
        stats->maxAbs = a.maxAbs;
        stats->tailEnergy = a.tail;
        stats->unitarityDefect = a.defect;
      }
      a.q.resize(d + 1);
      return a.q;
    }
    if (options.progress)
      options.progress("complement: tail " + formatNumber(a.tail) + " on " + std::to_string(n) +
                       " points, doubling the grid");
    n *= 2;
  }
}

} // namespace qsvtc::qsp
