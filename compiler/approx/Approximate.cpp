//===- Approximate.cpp - Smallest-degree polynomial for a target ----------===//
//
// 1. Check eps and pick the working precision and the scale s.
// 2. Resolve the Chebyshev series of s f (or of its smooth extension) and
//    find the shortest truncation meeting eps: the Chebyshev method's answer
//    and, since minimax error <= truncation error, an upper degree for Remez.
// 3. Remez: search degrees between a proven-infeasible one and a feasible
//    one (secant on log E_n, which decays about geometrically), each run
//    stopping as soon as E_n <= eps or E_n > eps is proven.
// 4. Certify in higher precision; if max|p| > 1 - eta (possible outside the
//    domain, e.g. inside the gap of 1/x), scale p and s down and re-certify.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Approximate.h"

#include "qsvtc/approx/ChebyshevTruncation.h"
#include "qsvtc/approx/EstimateDegree.h"
#include "qsvtc/approx/Remez.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

namespace qsvtc::approx {
using numeric::Mpfr;

std::string methodName(Method m) { return m == Method::Remez ? "remez" : "chebyshev"; }

namespace {

/// Remez's polynomial failed its certificate (in double at degrees in the
/// thousands its exchange can break down on an oscillating target):
/// approximate() falls back to the Chebyshev truncation.
struct RemezUncertified : Error {
  using Error::Error;
};

unsigned autoPrecision(double eps) {
  if (eps >= 1e-12)
    return 53;
  return static_cast<unsigned>(std::ceil(-std::log2(eps))) + 40;
}

/// How far f's double evaluator can be from f: rounding x (and any factor
/// inside f, as tau*x in cos(tau x)) moves f by about u max|x f'(x)|, plus
/// u |f| for the result. Sampled with central differences, which are
/// accurate enough for an order of magnitude.
double doubleEvaluationNoise(const TargetFunction &f) {
  const double u = std::numeric_limits<double>::epsilon(), h = 1e-6;
  double noise = 0;
  const int points = 4000;
  for (const Interval &iv : f.domain.parts())
    for (int i = 0; i < points; ++i) {
      const double x = iv.lo + (iv.hi - iv.lo) * (i + 0.5) / points;
      const double slope = (f.evalDouble(x + h) - f.evalDouble(x - h)) / (2 * h);
      const double v = u * (std::abs(x * slope) + std::abs(f.evalDouble(x)));
      if (std::isfinite(v))
        noise = std::max(noise, v);
    }
  return noise;
}

/// The working precision for eps: double while f's double evaluation
/// stays below eps/2 (the series, resolved to eps/64, averages much of the
/// noise out: cos(2000 x) to 1e-12 works in double with noise 4.4e-13),
/// else enough bits above double to put the noise 2^8 below eps/64
/// (cos(5000 x) to 1e-12: 68 bits).
unsigned workingPrecision(const TargetFunction &f, double eps) {
  const unsigned bits = autoPrecision(eps);
  if (bits > 53)
    return bits;
  const double noise = doubleEvaluationNoise(f);
  if (2 * noise <= eps)
    return 53;
  return 53 + static_cast<unsigned>(std::ceil(std::log2(64 * noise / eps))) + 8;
}

/// s so that max |s f| on the domain is at most 1 - eta - eps.
double chooseScale(const TargetFunction &f, double eps, double eta) {
  double peak = 0;
  const int points = 20000;
  for (const Interval &iv : f.domain.parts())
    for (int i = 0; i < points; ++i) {
      const double x = iv.lo + (iv.hi - iv.lo) * (1 - std::cos(M_PI * i / (points - 1))) / 2;
      const double v = std::abs(f.evalDouble(i + 1 == points ? iv.hi : x));
      if (!std::isfinite(v))
        throw Error(f.formula + " is not finite at x = " + formatNumber(x) + " in the domain " +
                    f.domain.str());
      peak = std::max(peak, v);
    }
  // A relative 1e-12 below the bound, so that rounding in max|p| (certified
  // by rounding up) does not trip the check for a p that meets it.
  const double limit = (1 - eta) * (1 - 1e-12) - eps;
  return peak > limit ? limit / peak : 1.0;
}

template <class T> std::vector<Mpfr> toMpfr(const std::vector<T> &c) {
  return std::vector<Mpfr>(c.begin(), c.end());
}

struct SearchResult {
  int degree = 0;
  std::vector<Mpfr> coef;
  std::vector<double> reference;
  double levelledError = 0, lowerBound = 0, lowerBoundBelow = 0;
  int runs = 0;
};

template <class T> std::vector<double> toDoubles(const std::vector<T> &v) {
  std::vector<double> out;
  for (const T &x : v)
    out.push_back(static_cast<double>(x));
  return out;
}

/// The smallest degree whose minimax error is <= eps, between a degree
/// known to be feasible (`upper`, from the Chebyshev tail) and below.
/// Each probe runs Remez to 1% (E_n ~ sqrt(lower * upper bound)); the next
/// degree comes from a secant on log E_n, which is close to linear in n for
/// analytic targets. A degree is infeasible when its lower bound exceeds
/// eps (proven), feasible when its polynomial meets eps on the grid.
/// `infeasible`: a degree known not to meet eps (every lower one neither),
/// or -1: the search starts above it.
template <class T>
SearchResult remezSearch(const TargetFunction &g, double eps, int upper, int guess, int infeasible,
                         const ApproxOptions &opts) {
  const int step = degreeStep(g.parity), first = firstDegree(g.parity);
  auto aligned = [&](int d) { return alignDegree(d, g.parity); };
  SearchResult out;
  int lo = first - step, hi = aligned(upper);
  if (infeasible >= first) // the largest degree of g's parity at or below it
    lo = std::min(aligned(infeasible) == infeasible ? infeasible : aligned(infeasible) - step,
                  hi - step);
  double loBound = 0;
  // Degrees probed, with E_n where the run pinned it down (its lower bound
  // within 10% of its upper one), else 0.
  std::map<int, double> estimate;
  std::map<int, std::vector<double>> references;
  auto nearestReference = [&](int n) {
    std::vector<double> best;
    int dist = INT_MAX;
    for (const auto &[d, r] : references)
      if (std::abs(d - n) < dist)
        dist = std::abs(d - n), best = r;
    return best;
  };
  auto probe = [&](int n) {
    RemezOptions o;
    o.tolerance = 1e-2;
    o.warmReference = nearestReference(n);
    o.wantCoefficients = false;
    RemezResult<T> r = remez<T>(g, n, o);
    ++out.runs;
    double maxErr = static_cast<double>(r.maxError);
    double lb = static_cast<double>(r.lowerBound);
    if (lb <= eps && eps < maxErr) { // within 1% of eps: settle it
      o.tolerance = 1e-12;
      o.decide = eps;
      o.warmReference = toDoubles(r.reference);
      r = remez<T>(g, n, o);
      ++out.runs;
      maxErr = static_cast<double>(r.maxError);
      lb = std::max(lb, static_cast<double>(r.lowerBound));
    }
    references[n] = toDoubles(r.reference);
    // sqrt(lb) sqrt(maxErr), not sqrt(lb maxErr): below eps ~1e-154 the
    // product underflows to 0, no estimate was ever pinned down, and the
    // search crept up by one degree step per Remez run (tanh at 1e-300).
    estimate[n] = lb > 0 && maxErr <= 1.1 * lb ? std::sqrt(lb) * std::sqrt(maxErr) : 0.0;
    if (opts.progress) // each run takes seconds at high precision or degree
      opts.progress("Remez: degree " + std::to_string(n) + " has error " + formatNumber(maxErr) +
                    (maxErr <= eps ? " <= " : " > ") + formatNumber(eps));
    if (maxErr <= eps) {
      hi = std::min(hi, n);
    } else if (n >= lo) { // infeasible: proven when lb > eps
      lo = n;
      loBound = lb > eps ? lb : 0.0;
    }
  };
  // The next degree to try: a secant on log E_n through the two pinned-down
  // estimates nearest eps; with one, a step of 10% towards eps to get a
  // slope; with none, bisection.
  auto nextDegree = [&]() {
    std::vector<std::pair<int, double>> known;
    for (const auto &[d, e] : estimate)
      if (e > 0)
        known.push_back({d, e});
    std::sort(known.begin(), known.end(), [&](const auto &a, const auto &b) {
      return std::abs(std::log(a.second / eps)) < std::abs(std::log(b.second / eps));
    });
    const int mid = aligned(lo + (hi - lo) / 2);
    int next = mid;
    if (known.size() >= 2) {
      const auto [n0, e0] = known[0];
      const auto [n1, e1] = known[1];
      const double slope = (std::log(e1) - std::log(e0)) / (n1 - n0);
      const double at = n0 + (std::log(eps) - std::log(e0)) / slope;
      // Outside (lo, hi) the secant has run off (estimates at the rounding
      // floor look flat: 1/sqrt at eps 5e-9 stepped up from degree 0 by 2
      // for 60 probes): bisect instead.
      if (slope < 0 && at > lo && at < hi)
        next = aligned(static_cast<int>(std::ceil(at - 1e-9)));
    } else if (known.size() == 1) {
      const auto [n0, e0] = known[0];
      const int jump = std::max(step, aligned(n0 / 10));
      next = aligned(e0 > eps ? n0 + jump : n0 - jump);
    }
    next = std::clamp(next, lo + step, hi - step);
    if (estimate.count(next)) // probed already: move towards the boundary
      next = std::clamp(estimate[next] > eps || next <= lo ? next + step : next - step, lo + step,
                        hi - step);
    return estimate.count(next) ? std::clamp(mid, lo + step, hi - step) : next;
  };

  if (opts.degree) {
    lo = aligned(*opts.degree) - step;
    hi = aligned(*opts.degree);
  } else {
    probe(std::clamp(aligned(guess), lo + step, hi));
  }
  for (int iter = 0; hi - lo > step && iter < 60; ++iter)
    probe(nextDegree());
  // A start from the series bound leaves the degree below unprobed: one
  // Remez run there proves the answer minimal (or, failing, changes nothing).
  if (hi - lo == step && lo >= first && !estimate.count(lo) && !opts.degree)
    probe(lo);
  if (hi > opts.maxDegree)
    throw Error("eps = " + formatNumber(eps) + " needs degree " + std::to_string(hi) + " for " +
                g.formula + ", above the cap " + std::to_string(opts.maxDegree) +
                " (--max-degree)");
  // The final polynomial, converged rather than merely good enough.
  RemezOptions finalOpts;
  finalOpts.tolerance = 1e-6;
  finalOpts.warmReference = nearestReference(hi);
  RemezResult<T> r = remez<T>(g, hi, finalOpts);
  ++out.runs;
  out.degree = hi;
  out.coef = toMpfr(r.coef);
  out.reference = toDoubles(r.reference);
  out.levelledError = static_cast<double>(r.levelledError);
  out.lowerBound = static_cast<double>(r.lowerBound);
  out.lowerBoundBelow = lo == hi - step ? loBound : 0.0;
  return out;
}

/// The largest degree that provably cannot meet eps on [-1, 1], from the
/// series: |c_k(f)| <= 2 max|f - p| for every p of degree < k (c_k(f - p)
/// = c_k(f), and |c_k(h)| <= 2 max|h|), so E_{k-1}(f) >= |c_k| / 2. The
/// margin covers the series' own error (resolved to eps/64 or better).
/// Without it Remez, started on a grid too coarse for an oscillating f
/// (cos(3000 x)), can level an aliased error and stop at degree 66. -1 when
/// nothing is known: a domain other than [-1, 1], or a smooth extension.
template <class T>
int infeasibleDegree(const std::vector<T> &series, const TargetFunction &g, double eps) {
  const auto parts = g.domain.parts();
  if (g.smoothExtension || parts.size() != 1 || parts[0].lo != -1 || parts[0].hi != 1)
    return -1;
  for (int k = static_cast<int>(series.size()) - 1; k > 0; --k)
    if (std::abs(static_cast<double>(series[k])) > 2.2 * eps)
      return k - 1;
  return -1;
}

/// max |p| in double on the grid the certificate will use for it (Certify's
/// Chebyshev-spaced grid of [-1, 1], or [0, 1] for a parity p): a cheap
/// first look at whether p needs scaling down.
double roughMaxAbs(const std::vector<Mpfr> &coef, Parity parity) {
  std::vector<double> c;
  for (const Mpfr &x : coef)
    c.push_back(static_cast<double>(x));
  const CertifyOptions defaults;
  const std::size_t points =
      std::max(defaults.minPointsPerInterval, defaults.pointsPerDegree * c.size());
  const double a = parity == Parity::None ? -1.0 : 0.0;
  std::vector<double> xs(points), px(points);
  for (std::size_t i = 0; i < points; ++i)
    xs[i] = a + (1 - a) * (1 - std::cos(M_PI * i / (points - 1))) / 2;
  numeric::clenshawMany(c, -1, xs.data(), px.data(), points);
  double peak = 0;
  for (double v : px)
    peak = std::max(peak, std::abs(v));
  return peak;
}

/// `truncationTarget` is the error the Chebyshev truncation aims at: eps at
/// first, tighter on a retry when the certificate's finer grid finds the
/// truncation a hair above eps.
template <class T>
Approximation run(const TargetFunction &f, double scale, const ApproxOptions &opts, unsigned bits,
                  double truncationTarget) {
  const double eps = opts.epsilon;
  const TargetFunction g = scaled(f, scale);
  const TargetFunction smooth = g.smoothExtension ? g.smoothExtension(eps / 4) : g;
  // The series may need more terms than the answer (tail below eps/64), so
  // it may run to 4x the cap before the answer is known to exceed it.
  const int seriesCap = std::max(4 * opts.maxDegree, 1024);
  auto resolve = [&](double tol) {
    std::vector<T> s = resolveChebyshevSeries<T>(smooth, tol, seriesCap);
    if (s.empty())
      throw Error("eps = " + formatNumber(eps) + " needs degree above " +
                  std::to_string(seriesCap) + " for " + g.formula + ", above the cap " +
                  std::to_string(opts.maxDegree) + " (--max-degree)");
    return s;
  };
  auto progress = [&](const std::string &line) {
    if (opts.progress)
      opts.progress(line);
  };
  std::vector<T> series = resolve(eps / 64);
  progress("Chebyshev series of " + g.formula + " resolved: " + std::to_string(series.size()) +
           " terms; searching the degree (" +
           (opts.method == Method::Remez ? "Remez" : "truncation") + ")");

  Approximation a;
  a.target = g;
  a.scale = scale;
  a.method = opts.method;
  a.precisionBits = bits;
  a.parity = g.parity;
  std::vector<double> critical;
  if (opts.method == Method::Chebyshev) {
    if (opts.degree)
      throw Error("--degree applies to the remez method only");
    // The tail test can pass on a series still short of eps near a kink
    // (ReLU's softplus at steepness 1e4): resolve it up to 4 times, 16x
    // tighter each, and retry. `tol` is the resolution `series` has.
    // |c_k| <= 2 |f - p| on [-1, 1] for every p of degree < k: a coefficient
    // above 4 eps beyond the cap means no truncation within the cap meets
    // eps (for a gap's extension, nearly so). Refuse before the search,
    // whose error grids cost O(n^2) at the series' length n.
    for (int k = static_cast<int>(series.size()) - 1; k > opts.maxDegree; --k)
      if (std::abs(static_cast<double>(series[k])) > 4 * eps)
        throw Error("eps = " + formatNumber(eps) + " needs degree above " + std::to_string(k) +
                    " for " + g.formula + " (its Chebyshev coefficient " + std::to_string(k) +
                    " is " + formatNumber(std::abs(static_cast<double>(series[k]))) +
                    " > 4 eps), above the cap " + std::to_string(opts.maxDegree) +
                    " (--max-degree)");
    Truncation trunc;
    for (double tol = eps / 64;;) {
      try {
        trunc = shortestTruncation(series, g, truncationTarget, opts.maxDegree);
        break;
      } catch (const Error &) {
        if (tol <= eps / 64 / 65536)
          throw;
      }
      tol /= 16;
      series = resolve(tol);
    }
    if (trunc.degree > opts.maxDegree || trunc.estimatedError > truncationTarget)
      throw Error("eps = " + formatNumber(eps) + " needs degree " +
                  (trunc.degree > opts.maxDegree
                       ? std::to_string(trunc.degree)
                       : "above " + std::to_string(trunc.degree) + " (error " +
                             formatNumber(trunc.estimatedError) + " there)") +
                  " for " + g.formula + ", above the cap " + std::to_string(opts.maxDegree) +
                  " (--max-degree)");
    a.degree = trunc.degree;
    a.coef = toMpfr(std::vector<T>(series.begin(), series.begin() + trunc.degree + 1));
    a.solverRuns = 1;
  } else {
    // The tail bound (with the extension's eps/4) gives a feasible degree:
    // minimax error <= truncation error. The guess: the last coefficient
    // above eps marks where E_n ~ eps.
    const int upper = tailDegree(series, g.parity, eps / 2);
    int guess = upper;
    while (guess > 0 && std::abs(static_cast<double>(series[guess])) <= eps)
      --guess;
    // Across a gap the minimax degree is 0.53-0.61x that one (1/x, 1/sqrt
    // and sign: Chebyshev coefficients decay at half the rate of E_n near
    // the gap's singularity), and probes cost d^2: start just above it.
    if (g.domain.parts().size() > 1)
      guess = static_cast<int>(0.62 * guess);
    SearchResult s = remezSearch<T>(g, eps, upper, guess, infeasibleDegree(series, g, eps), opts);
    a.degree = s.degree;
    a.coef = std::move(s.coef);
    critical = std::move(s.reference);
    a.levelledError = s.levelledError;
    a.lowerBound = s.lowerBound;
    a.lowerBoundBelow = s.lowerBoundBelow;
    a.degreeProvenMinimal = s.lowerBoundBelow > eps;
    a.solverRuns = s.runs;
  }

  // QSP needs |p| <= 1 - eta on all of [-1, 1] (p can exceed 1 outside the
  // domain, e.g. inside the gap of 1/x): scale p and s down if it does not.
  // A cheap double look first, then the certificate decides.
  const double limit = 1 - opts.eta;
  auto shrink = [&](double c) {
    // The new scale is a double; the coefficients are multiplied by exactly
    // newScale / scale, then rounded to the working precision, so what is
    // certified is exactly what the JSON file holds.
    const double newScale = a.scale * c;
    const Mpfr ratio = Mpfr(newScale) / Mpfr(a.scale);
    for (Mpfr &ck : a.coef)
      ck = bits == 53 ? Mpfr(static_cast<double>(Mpfr(ck * ratio))) : Mpfr(ck * ratio);
    a.scale = newScale;
    a.target = scaled(f, a.scale);
    a.levelledError *= c;
    a.lowerBound *= c;
  };
  progress("degree " + std::to_string(a.degree) + " found; certifying its error");
  const double rough = roughMaxAbs(a.coef, a.parity);
  if (rough > limit)
    shrink(limit / rough * (1 - 1e-9));
  CertifyOptions cert;
  cert.precisionBits = std::max(128u, 2 * bits);
  cert.extraPoints = critical;
  a.certificate = certify(a.coef, a.target, cert);
  if (a.certificate.maxAbs > limit) {
    shrink(limit / a.certificate.maxAbs * (1 - 1e-9));
    a.certificate = certify(a.coef, a.target, cert);
  }
  if (a.certificate.maxError > eps && opts.method == Method::Remez && !opts.degree &&
      a.degree + degreeStep(a.parity) <= opts.maxDegree) {
    // The search's grid maximum can sit a hair below the certified one
    // when E_n is within that hair of eps: take the next degree.
    ApproxOptions next = opts;
    next.degree = a.degree + degreeStep(a.parity);
    return run<T>(f, scale, next, bits, eps);
  }
  // The truncation's grid maximum can likewise sit a hair below the
  // certified one (a kink's smooth extension): aim 20% lower, twice.
  if (a.certificate.maxError > eps && opts.method == Method::Chebyshev &&
      truncationTarget > 0.6 * eps)
    return run<T>(f, scale, opts, bits, 0.8 * truncationTarget);
  if (a.certificate.maxError > eps) {
    const std::string why = "could not certify eps = " + formatNumber(eps) + " for " + f.formula +
                            ": measured error " + formatNumber(a.certificate.maxError) +
                            " at degree " + std::to_string(a.degree);
    if (opts.method == Method::Remez)
      throw RemezUncertified(why + " (Remez)");
    throw Error(why + " (try --precision-bits " + std::to_string(2 * bits) + ")");
  }
  if (a.certificate.maxAbs > limit)
    throw Error("max|p| = " + formatNumber(a.certificate.maxAbs) +
                " exceeds 1 - eta after rescaling");
  return a;
}

/// Refuses at once, before any series is resolved, a g whose degree is
/// certainly above the cap (or the fixed degree): twice the cap in angles
/// show any change that needs up to 1.27x more (degreeLowerBound). About
/// 1.5 s of one core at the largest cap, 0.1 s at the default.
void refuseAboveCap(const TargetFunction &g, const ApproxOptions &opts) {
  const int cap = opts.degree ? *opts.degree : opts.maxDegree;
  const DegreeLowerBound lb = degreeLowerBound(g, opts.epsilon, 2 * int64_t{cap} + 2, cap);
  if (lb.degree <= cap)
    return;
  throw Error("eps = " + formatNumber(opts.epsilon) + " needs degree at least " +
              std::to_string(lb.degree) + " for " + g.formula + " (it changes by " +
              formatNumber(lb.change) + " between x = " + formatNumber(lb.from, 17) + " and " +
              formatNumber(lb.to, 17) + ": Bernstein's inequality), above " +
              (opts.degree ? "--degree " + std::to_string(cap)
                           : "the cap " + std::to_string(cap) + " (--max-degree)"));
}

} // namespace

Approximation approximate(const TargetFunction &f, const ApproxOptions &opts) {
  const double eps = opts.epsilon;
  if (!(eps > 0 && eps < 1))
    throw Error("epsilon must lie in (0, 1), got " + formatNumber(eps));
  if (!(opts.eta >= 0 && opts.eta < 1 && eps < 1 - opts.eta))
    throw Error("eta must lie in [0, 1 - epsilon), got " + formatNumber(opts.eta));
  if (opts.maxDegree < 0)
    throw Error("the degree cap must be >= 0");
  if (opts.maxDegree > MaxDegreeLimit)
    throw Error("--max-degree " + std::to_string(opts.maxDegree) + " is above the limit " +
                std::to_string(MaxDegreeLimit) +
                " (the phase engine's largest measured degree, about 5 minutes; "
                "approx::MaxDegreeLimit in include/qsvtc/approx/Approximate.h)");
  if (opts.degree && (*opts.degree < 0 || *opts.degree > opts.maxDegree))
    throw Error("--degree must lie in [0, " + std::to_string(opts.maxDegree) + "]");
  const unsigned bits = opts.precisionBits ? opts.precisionBits : workingPrecision(f, eps);
  if (bits < 53)
    throw Error("precision must be at least 53 bits, got " + std::to_string(bits));
  if (bits > numeric::MaxPrecisionBits)
    throw Error("precision must be at most " + std::to_string(numeric::MaxPrecisionBits) +
                " bits (about 1200 digits), got " + std::to_string(bits));
  if (bits == 53 && eps < 1e-13)
    throw Error("eps = " + formatNumber(eps) +
                " is below what double precision can "
                "deliver; use --precision-bits " +
                std::to_string(autoPrecision(eps)) + " or more");
  if (f.parity != Parity::None && !f.domain.isSymmetric())
    throw Error("the domain of a function of definite parity must be symmetric");
  const double scale = chooseScale(f, eps, opts.eta);
  refuseAboveCap(scaled(f, scale), opts);
  std::optional<numeric::PrecisionGuard> guard;
  if (bits > 53)
    guard.emplace(bits);
  auto attempt = [&](const ApproxOptions &o) {
    return bits == 53 ? run<double>(f, scale, o, bits, o.epsilon)
                      : run<Mpfr>(f, scale, o, bits, o.epsilon);
  };
  try {
    return attempt(opts);
  } catch (const RemezUncertified &e) {
    if (opts.degree) // a fixed degree is a Remez request: say it failed
      throw Error(std::string(e.what()) + " (try --precision-bits " + std::to_string(2 * bits) +
                  ")");
    ApproxOptions truncation = opts;
    truncation.method = Method::Chebyshev;
    if (opts.progress)
      opts.progress(std::string(e.what()) + "; taking the Chebyshev truncation");
    Approximation a = attempt(truncation);
    a.note = std::string(e.what()) + "; the Chebyshev truncation was taken instead";
    return a;
  }
}

std::pair<Approximation, Approximation> splitParity(const Approximation &a) {
  if (a.parity != Parity::None)
    throw Error("only a mixed-parity polynomial splits into even and odd parts");
  if (!a.target.domain.isSymmetric())
    throw Error("splitting into even and odd parts needs a symmetric domain, "
                "got " +
                a.target.domain.str());
  auto part = [&](Parity p) {
    Approximation out = a;
    out.parity = p;
    out.target = parityPart(a.target, p);
    out.coef = numeric::parityProject(a.coef, parityIndex(p));
    int d = static_cast<int>(out.coef.size()) - 1;
    while (d > 0 && out.coef[d] == 0)
      --d;
    if (p == Parity::Odd && d < 1)
      d = 1; // an odd polynomial has odd degree, even if it vanishes
    out.coef.resize(d + 1, Mpfr(0));
    out.degree = d;
    CertifyOptions cert;
    cert.precisionBits = a.certificate.precisionBits;
    out.certificate = certify(out.coef, out.target, cert);
    return out;
  };
  return {part(Parity::Even), part(Parity::Odd)};
}

} // namespace qsvtc::approx
