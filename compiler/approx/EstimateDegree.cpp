//===- EstimateDegree.cpp - Degree of a polynomial, without finding it ----===//
#include "qsvtc/approx/EstimateDegree.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>

namespace qsvtc::approx {

namespace {

/// Beyond this many Chebyshev points the degree is extrapolated (a DCT of
/// 2^20 points and as many evaluations of f: about a second).
constexpr std::size_t MaxPoints = std::size_t{1} << 20;
/// Smooth extensions (gap functions) are built for at least this error:
/// below it their series' decay rate, which sets the degree, barely moves,
/// and one extension serves every smaller eps (and the cache).
constexpr double MinExtensionEps = 1e-17;
/// Steep functions (TargetFunction::atSteepness) are sampled up to this
/// steepness (2^16-2^18 points); beyond, the degree is extrapolated in s.
constexpr double MaxSampledSteepness = 1024;
/// Past this an estimate is refused: degrees are int64 in the IR.
constexpr double MaxEstimatedDegree = 1e18;

std::string formatDegree(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", d);
  return buf;
}

int64_t alignParity(double degree, Parity parity) {
  if (!(degree <= MaxEstimatedDegree))
    throw Error("needs a polynomial of degree about " + formatDegree(degree) +
                ", beyond the 1e18 that qsvtc estimates");
  int64_t d = std::max<int64_t>(static_cast<int64_t>(std::ceil(degree)), firstDegree(parity));
  return d + (d - firstDegree(parity)) % degreeStep(parity);
}

/// max |f| on its domain, sampled (interval ends included).
double peak(const TargetFunction &f) {
  double m = 0;
  for (const Interval &iv : f.domain.parts())
    for (int i = 0; i <= 2000; ++i)
      m = std::max(m, std::fabs(f.evalDouble(iv.lo + (iv.hi - iv.lo) * i / 2000.0)));
  return m;
}

/// h's Chebyshev series, resolved down to double's floor (or to MaxPoints).
struct Series {
  std::vector<double> c;
  bool resolved = false;
  double floor = 0; ///< rounding level of the coefficients
};

Series resolve(const TargetFunction &h, int minPoints) {
  Series s;
  std::size_t n = 256;
  while (n < static_cast<std::size_t>(minPoints))
    n *= 2;
  for (; n <= MaxPoints; n *= 2) {
    s.c = numeric::chebyshevInterpolate<double>(h.evalDouble, n);
    if (h.parity != Parity::None)
      s.c = numeric::parityProject(std::move(s.c), parityIndex(h.parity));
    double cmax = 0;
    for (double v : s.c) {
      if (!std::isfinite(v))
        throw Error(h.formula + " is not finite on [-1, 1]: no degree estimate");
      cmax = std::max(cmax, std::fabs(v));
    }
    s.floor = 64 * DBL_EPSILON * cmax;
    s.resolved = std::all_of(s.c.end() - static_cast<std::ptrdiff_t>(n / 8), s.c.end(),
                             [&](double v) { return std::fabs(v) <= 4 * s.floor; });
    if (s.resolved)
      break;
  }
  return s;
}

/// Layers of a model ask for the same functions with different epsilons.
const Series &cachedSeries(const TargetFunction &h, int minPoints) {
  static std::mutex mutex;
  static std::map<std::string, Series> cache;
  std::string key = h.formula + "|" + h.domain.str();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end())
    it = cache.emplace(key, resolve(h, minPoints)).first;
  return it->second;
}

/// The degree at steepness s from two sampled ones: d(s) / s = A + B ln s
/// holds for 1/x (c s ln(s / eps)) and 1/sqrt|x|, with B ~ 0 for sign and
/// amplify; B < 0 (noise) is taken as 0, which errs high. The error is kept
/// relative to max |f|, which grows with s for 1/x and 1/sqrt|x|.
DegreeEstimate extrapolateInSteepness(const TargetFunction &f, double eps) {
  const double s2 = MaxSampledSteepness, s1 = s2 / 8;
  const double relative = eps / peak(f);
  auto sampled = [&](double s) {
    TargetFunction g = f.atSteepness(s);
    return estimateDegree(g, relative * peak(g)).degree / s;
  };
  double g1 = sampled(s1), g2 = sampled(s2);
  double slope = std::max(0.0, (g2 - g1) / std::log(s2 / s1));
  DegreeEstimate out;
  out.degree = alignParity(f.steepness * (g2 + slope * std::log(f.steepness / s2)), f.parity);
  out.extrapolated = true; // no coefficients: only QSVT targets are steep
  return out;
}

} // namespace

DegreeEstimate estimateDegree(const TargetFunction &f, double eps) {
  if (f.atSteepness && f.steepness > MaxSampledSteepness)
    return extrapolateInSteepness(f, eps);
  const TargetFunction h =
      f.smoothExtension ? f.smoothExtension(std::max(eps / 4, MinExtensionEps)) : f;
  const Series &s = cachedSeries(h, f.minChebyshevPoints);
  const std::vector<double> &c = s.c;
  DegreeEstimate out;
  // tail[k] = sum_{j >= k} |c_j|, the truncation error bound at degree k - 1.
  std::vector<double> tail(c.size() + 1, 0.0);
  for (std::size_t k = c.size(); k-- > 0;)
    tail[k] = tail[k + 1] + std::fabs(c[k]);
  if (s.resolved && tail[c.size() - c.size() / 8] <= eps / 2) {
    std::size_t d = 0;
    while (d + 1 < c.size() && tail[d + 1] > eps)
      ++d;
    out.degree = alignParity(static_cast<double>(d), h.parity);
    out.coef.assign(c.begin(), c.begin() + std::min<std::size_t>(out.degree + 1, c.size()));
    return out;
  }
  // Extrapolate the envelope env_k = max_{j >= k} |c_j| geometrically from
  // the second half of its range above the floor.
  std::vector<double> env(c.size());
  double running = 0;
  for (std::size_t k = c.size(); k-- > 0;)
    env[k] = running = std::max(running, std::fabs(c[k]));
  std::size_t b = c.size() - 1;
  while (b > 8 && env[b] < 32 * s.floor)
    --b;
  std::size_t a = b / 2;
  double rate = env[b] > 0 && env[a] > env[b] ? std::log(env[a] / env[b]) / double(b - a) : 0;
  rate = std::max(rate, 1e-9);
  out.degree = alignParity(
      double(b) + std::log(std::max(env[b], eps) / ((1 - std::exp(-rate)) * eps)) / rate, h.parity);
  out.extrapolated = true;
  out.coef.assign(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(b + 1));
  return out;
}

DegreeLowerBound degreeLowerBound(const TargetFunction &g, double eps, int64_t angles,
                                  int64_t enough) {
  DegreeLowerBound best;
  if (angles < 2)
    return best;
  // Margins for rounding: g in double (values of order 1, relative error
  // ~1e-15 each) and the angles' spacing.
  const double slack = 2 * eps + 1e-13;
  // Each sample is compared with the ones 1, 4, 16, ... 4^8 samples back:
  // the pair that proves most is about one oscillation (or one edge) apart,
  // where g changes by much more than 2 eps.
  constexpr std::size_t Window = std::size_t{1} << 18;
  std::vector<double> pastAngle(Window), pastValue(Window);
  std::size_t seen = 0;
  for (int64_t i = 0; i < angles; ++i) {
    const double angle = M_PI * static_cast<double>(i) / static_cast<double>(angles - 1);
    const double x = std::cos(angle);
    if (!g.domain.contains(x))
      continue;
    const double value = g.evalDouble(x);
    if (!std::isfinite(value))
      continue;
    for (std::size_t back = 1; back < Window && back <= seen; back *= 4) {
      const std::size_t k = (seen - back) % Window;
      const double change = std::fabs(value - pastValue[k]);
      if (!(change > slack))
        continue;
      const double bound = (change - slack) / ((angle - pastAngle[k]) * (1 + 1e-12));
      if (bound > static_cast<double>(best.degree) && bound < 9e18)
        best = {static_cast<int64_t>(std::ceil(bound)), std::cos(pastAngle[k]), x, change};
    }
    if (best.degree > enough)
      return best;
    pastAngle[seen % Window] = angle;
    pastValue[seen % Window] = value;
    ++seen;
  }
  return best;
}

} // namespace qsvtc::approx
