//===- WeissNearOne.cpp - The outer completion when max|b| is near 1 ------===//
//
// Weiss.cpp samples log(1 - |b|^2) on a uniform grid. Where |b| comes
// within eta of 1 that function dips to log eta over a width ~sqrt(eta)/D,
// so a uniform grid needs ~d/sqrt(eta) to d/eta points (5e8 at D = 1e5,
// eta = 1e-6; more than memory at 1e-9). Here instead:
//
//  1. f(theta) = log sqrt(1 - |b(e^{i theta})|^2) is even (b is real), so
//     its cosine coefficients r_k = (1/pi) int_0^pi f(theta) cos(k theta)
//     are integrated over [0, pi] by Gauss-Legendre panels (20 points):
//     first of width <= 1/(4D), so that cos(k theta) for k <= K ~ 20 D is
//     resolved too, then bisected, level by level, wherever the last two
//     Legendre coefficients of f on a panel are above the tolerance (near
//     each dip, down to a fraction of its width). b at the nodes comes from
//     a type-2 NUFFT, and r_0..r_K from one type-1 NUFFT over all nodes
//     (Nufft.h): cost ~ (nodes + K) log, nearly independent of eta (only
//     the number of bisection levels, ~log2(1/sqrt(eta)), grows).
//  2. The outer function a^*(z) = exp(r_0 + 2 sum_{k>=1} r_k z^k) is
//     evaluated on the circle of radius rho = 1 - 2/D, where rho^K < 1e-17
//     truncates the series at K (the r_k themselves decay only like the
//     dips' widths), at M >= 2(D + 1) points (folding k mod M), and its
//     Taylor coefficients come from one FFT divided by rho^j (amplification
//     <= rho^{-D} ~ e^2).
//
// This is the plan measured in a prototype (docs/phases.md, "Near max|p| =
// 1"), with a level-synchronous adaptive refinement in place of the
// prototype's located dips: it needs no dip finder and handles clustered
// or flat dips the same way.
//
//===----------------------------------------------------------------------===//
#include "Nufft.h"

#include "ComplexFft.h"

#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/qsp/Weiss.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/Stopwatch.h"

#include <boost/math/quadrature/gauss.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>

namespace qsvtc::qsp {

namespace {

constexpr int kOrder = 20;
using Gauss = boost::math::quadrature::gauss<double, kOrder>;

/// Gauss-Legendre nodes and weights on [-1, 1], ascending, and the rows
/// that give the Legendre coefficients c_{n-1} and c_{n-2} of the
/// interpolant from the values at the nodes.
struct Rule {
  std::array<double, kOrder> x{}, w{}, last{}, secondLast{};
  Rule() {
    const auto &abscissa = Gauss::abscissa();
    const auto &weights = Gauss::weights();
    const int half = kOrder / 2;
    for (int i = 0; i < half; ++i) {
      x[half - 1 - i] = -abscissa[i];
      x[half + i] = abscissa[i];
      w[half - 1 - i] = w[half + i] = weights[i];
    }
    for (int i = 0; i < kOrder; ++i) {
      // P_m(x) by the three-term recurrence.
      double p0 = 1, p1 = x[i];
      for (int m = 2; m < kOrder; ++m) {
        const double p2 = ((2 * m - 1) * x[i] * p1 - (m - 1) * p0) / m;
        p0 = p1;
        p1 = p2;
      }
      // p1 = P_{n-1}(x_i), p0 = P_{n-2}(x_i).
      last[i] = (2 * (kOrder - 1) + 1) / 2.0 * w[i] * p1;
      secondLast[i] = (2 * (kOrder - 2) + 1) / 2.0 * w[i] * p0;
      noiseGain += std::abs(last[i]) + std::abs(secondLast[i]);
    }
  }
  /// The most that errors of size 1 in the values can put in the tail.
  double noiseGain = 0;
};

struct Panel {
  double left, width;
};

} // namespace

std::vector<double> weissCompletionNearOne(const std::vector<double> &b, WeissStats *stats) {
  const Stopwatch clock;
  const std::size_t degree = b.empty() ? 0 : b.size() - 1;
  const double scale = static_cast<double>(std::max<std::size_t>(degree, 8));
  static const Rule rule;
  constexpr double kUnit = std::numeric_limits<double>::epsilon() / 2;
  constexpr double kNufftError = 4e-16; // relative to sum |b_j| (NufftTest: <= 1.1e-16)

  // b on the circle, at any angle.
  const detail::Nufft1d bPlan(degree);
  std::vector<std::complex<double>> bModes(b.begin(), b.end());
  const detail::Nufft1d::Series bSeries = bPlan.series(bModes);
  double bL1 = 0;
  for (double v : b)
    bL1 += std::abs(v);

  // r_k = Re sum_n c_n e^{-i k theta_n}, k = 0..K, rho^K <= 1e-17; the
  // nodes are spread as their panels are accepted, never all held.
  const double logRho = std::log1p(-2 / scale);
  const std::size_t modes = static_cast<std::size_t>(std::ceil(std::log(1e-17) / logRho));
  const detail::Nufft1d rPlan(modes);
  detail::Nufft1d::Spreader spreader(rPlan);

  // 1. Adaptive panels on [0, pi], level by level, in blocks.
  const double maxWidth = std::min(0.25 / scale, M_PI / 8);
  const std::size_t first = static_cast<std::size_t>(std::ceil(M_PI / maxWidth));
  std::vector<Panel> pending(first);
  for (std::size_t i = 0; i < first; ++i)
    pending[i] = {M_PI * static_cast<double>(i) / static_cast<double>(first),
                  M_PI / static_cast<double>(first)};
  constexpr std::size_t kBlock = std::size_t(1) << 15; // panels evaluated together
  std::vector<double> theta, strength;
  std::vector<char> resolved;
  std::size_t nodeCount = 0, unresolved = 0;
  int levels = 0;
  while (!pending.empty()) {
    ++levels;
    std::vector<Panel> next;
    for (std::size_t p0 = 0; p0 < pending.size(); p0 += kBlock) {
      const std::size_t count = std::min(kBlock, pending.size() - p0);
      const Panel *panel = &pending[p0];
      theta.resize(count * kOrder);
      strength.resize(count * kOrder);
      resolved.assign(count, 0);
      for (std::size_t p = 0; p < count; ++p)
        for (int i = 0; i < kOrder; ++i)
          theta[p * kOrder + i] = panel[p].left + 0.5 * panel[p].width * (1 + rule.x[i]);
      const std::vector<std::complex<double>> values = bSeries.at(theta);
      std::atomic<bool> inside{true};
      numeric::parallelChunks(count, numeric::workerCount(count, 1024),
                              [&](std::size_t begin, std::size_t end, unsigned) {
                                for (std::size_t p = begin; p < end; ++p) {
                                  double f[kOrder], tailLast = 0, tailSecond = 0, noise = 0;
                                  double low = 0, high = -HUGE_VAL; // f <= 0
                                  for (int i = 0; i < kOrder; ++i) {
                                    const double m2 = std::norm(values[p * kOrder + i]);
                                    if (!(m2 < 1)) {
                                      inside = false;
                                      return;
                                    }
                                    f[i] = 0.5 * std::log1p(-m2);
                                    low = std::min(low, f[i]);
                                    high = std::max(high, f[i]);
                                    tailLast += rule.last[i] * f[i];
                                    tailSecond += rule.secondLast[i] * f[i];
                                    // f's own error: b's (the type-2 NUFFT's, measured <= 1.1e-16
                                    // sum |b_j|) and |b|^2's rounding, relative to 1 - |b|^2,
                                    // and log's rounding.
                                    noise =
                                        std::max(noise, (kNufftError * bL1 + 4 * kUnit) / (1 - m2) +
                                                            4 * kUnit * std::abs(f[i]));
                                  }
                                  // The nodes' own rounding (~u pi) times f's slope.
                                  noise += 4 * kUnit * M_PI * (high - low) / panel[p].width;
                                  // A tail within what f's own errors can put there is
                                  // resolved: a narrower panel would only see the same noise.
                                  const double tail = std::abs(tailLast) + std::abs(tailSecond);
                                  const bool ok = tail <= 1e-14 + rule.noiseGain * noise;
                                  const bool atFloor = panel[p].width < maxWidth * 0x1p-45;
                                  resolved[p] = ok ? 1 : atFloor ? 2 : 0;
                                  for (int i = 0; i < kOrder; ++i)
                                    strength[p * kOrder + i] =
                                        0.5 * panel[p].width * rule.w[i] * f[i] / M_PI;
                                }
                              });
      if (!inside)
        throw Error("|p| reaches 1 between the check points (found by the near-1 "
                    "completion): QSP needs |p| < 1 on [-1, 1]");
      // Accepted panels keep their nodes (compacted in place); the others split.
      std::size_t kept = 0;
      for (std::size_t p = 0; p < count; ++p) {
        if (resolved[p]) {
          unresolved += resolved[p] == 2;
          std::copy_n(&theta[p * kOrder], kOrder, &theta[kept * kOrder]);
          std::copy_n(&strength[p * kOrder], kOrder, &strength[kept * kOrder]);
          ++kept;
        } else {
          const double h = 0.5 * panel[p].width;
          next.push_back({panel[p].left, h});
          next.push_back({panel[p].left + h, h});
        }
      }
      spreader.add(theta.data(), strength.data(), kept * kOrder);
      nodeCount += kept * kOrder;
    }
    pending.swap(next);
    // Each dip costs ~2 panels per level; far more means f is not what
    // the refinement assumes (noise above its estimate): refuse rather
    // than exhaust memory.
    if (pending.size() > 4 * first)
      throw Error("the near-1 Weiss completion did not converge (" +
                  std::to_string(pending.size()) + " panels still open after " +
                  std::to_string(levels) + " bisection levels, degree " + std::to_string(degree) +
                  ")");
  }
  const std::vector<std::complex<double>> r = spreader.finish();

  // 2. H(rho w^m) = sum_k h_k w^{mk}, h_0 = r_0, h_k = 2 r_k rho^k, folded mod M.
  const std::size_t m = detail::powerOfTwoAtLeast(std::max<std::size_t>(8, 2 * (degree + 1)));
  std::vector<std::complex<double>> h(m);
  h[0] = r[0].real();
  for (std::size_t k = 1; k <= modes; ++k)
    h[k % m] += 2 * r[k].real() * std::exp(static_cast<double>(k) * logRho);
  detail::fftInverse(h); // H_m = sum_j h_j e^{+2 pi i jm/M}
  for (std::complex<double> &v : h)
    v = std::exp(v);
  detail::fftForward(h); // M rho^j A_j
  std::vector<double> aStar(degree + 1);
  for (std::size_t j = 0; j <= degree; ++j)
    aStar[j] = h[j].real() / static_cast<double>(m) * std::exp(-static_cast<double>(j) * logRho);

  if (stats) {
    stats->nearOneNodes = nodeCount;
    stats->nearOneLevels = levels;
    stats->nearOneUnresolved = unresolved;
    stats->nearOneModes = modes;
    stats->weissSeconds += clock.seconds();
  }
  return aStar;
}

} // namespace qsvtc::qsp
