//===- ChebyshevTruncation.cpp - Approximation by truncated series --------===//
#include "qsvtc/approx/ChebyshevTruncation.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <type_traits>

namespace qsvtc::approx {
using numeric::Mpfr;

namespace {

/// The coefficients Clenshaw runs over for the degree-d truncation: all of
/// c_0..c_d, or only the nonzero half for a parity target.
template <class T> std::vector<T> truncated(const std::vector<T> &c, std::size_t d, Parity parity) {
  if (parity == Parity::None)
    return std::vector<T>(c.begin(), c.begin() + d + 1);
  std::vector<T> half;
  for (std::size_t k = parityIndex(parity); k <= d; k += 2)
    half.push_back(c[k]);
  return half;
}

/// Errors of the degree-d truncations on a grid of `points` Chebyshev-like
/// points per domain interval (x >= 0 only for a parity target), f cached:
/// Clenshaw at every point, O(points d) per degree tried.
template <class T>
std::function<double(int)> clenshawGridErrors(const std::vector<T> &series, const TargetFunction &f,
                                              int points) {
  const int n = static_cast<int>(series.size()) - 1;
  const Domain domain = f.parity == Parity::None ? f.domain : f.domain.positiveHalf();
  auto xs = std::make_shared<std::vector<T>>(), fx = std::make_shared<std::vector<T>>();
  for (const Interval &iv : domain.parts())
    for (int i = 0; i < points; ++i) {
      const double x = i + 1 == points
                           ? iv.hi
                           : iv.lo + (iv.hi - iv.lo) * (1 - std::cos(M_PI * i / (points - 1))) / 2;
      xs->emplace_back(x);
      fx->push_back(f(xs->back()));
    }
  const int parity = f.parity == Parity::None ? -1 : parityIndex(f.parity);
  return [&series, &f, n, parity, xs, fx](int d) {
    const std::vector<T> c = truncated(series, std::min(d, n), f.parity);
    std::vector<T> px(xs->size());
    auto evaluate = [&](std::size_t begin, std::size_t end, unsigned) {
      numeric::clenshawMany(c, parity, xs->data() + begin, px.data() + begin, end - begin);
    };
    if constexpr (std::is_same_v<T, double>) // MPFR stays on one thread
      numeric::parallelChunks(xs->size(), numeric::workerCount(xs->size(), 4096), evaluate);
    else
      evaluate(0, xs->size(), 0);
    double worst = 0;
    for (std::size_t i = 0; i < xs->size(); ++i) {
      const double e = static_cast<double>(px[i] - (*fx)[i]);
      worst = std::max(worst, std::isnan(e) ? INFINITY : std::abs(e));
    }
    return worst;
  };
}

/// The same on [-1, 1] at the M + 1 points cos(pi j / M) (M a power of two
/// >= `points`): there the truncation's values are one DCT of its
/// coefficients, O(M log M) per degree tried instead of O(M d). The DCT's
/// rounding (~log2(M) 2^-53 sum|c_k|) is far below the epsilons the double
/// path serves; the search only picks the degree, certify() proves it.
std::function<double(int)> chebyshevGridErrors(const std::vector<double> &series,
                                               const TargetFunction &f, int points) {
  std::size_t m = 1;
  while (m < static_cast<std::size_t>(points) || m < series.size())
    m *= 2;
  const std::vector<double> xs = numeric::chebyshevPoints<double>(m);
  auto fx = std::make_shared<std::vector<double>>(xs.size());
  for (std::size_t j = 0; j < xs.size(); ++j)
    (*fx)[j] = f(xs[j]);
  const int n = static_cast<int>(series.size()) - 1;
  return [&series, n, m, fx](int d) {
    std::vector<double> c(m + 1, 0.0);
    std::copy(series.begin(), series.begin() + std::min(d, n) + 1, c.begin());
    const std::vector<double> px = numeric::chebyshevValues(c);
    double worst = 0;
    for (std::size_t j = 0; j < px.size(); ++j) {
      const double e = px[j] - (*fx)[j];
      worst = std::max(worst, std::isnan(e) ? INFINITY : std::abs(e));
    }
    return worst;
  };
}

} // namespace

template <class T>
std::vector<T> resolveChebyshevSeries(const TargetFunction &f, double tol, int maxDegree) {
  using std::abs;
  int start = 32;
  while (start < f.minChebyshevPoints)
    start *= 2;
  for (int n = start;; n *= 2) {
    std::vector<T> c = numeric::chebyshevInterpolate<T>(f, n);
    if (f.parity != Parity::None)
      c = numeric::parityProject(std::move(c), parityIndex(f.parity));
    // Resolved when the last eighth of the series is below tol (chebfun's
    // plateau test, simplified): aliasing then adds at most about that much.
    T tail = T(0);
    for (int k = n - n / 8; k <= n; ++k)
      tail = std::max(tail, T(abs(c[k])));
    if (tail <= T(tol)) {
      std::size_t keep = c.size();
      while (keep > 1 && abs(c[keep - 1]) <= T(tol) / 4)
        --keep;
      c.resize(keep);
      return c;
    }
    if (n >= maxDegree)
      return {};
  }
}

template <class T> int tailDegree(const std::vector<T> &series, Parity parity, double budget) {
  using std::abs;
  double tail = 0;
  int d = static_cast<int>(series.size()) - 1;
  while (d > firstDegree(parity)) {
    const double next = tail + static_cast<double>(abs(series[d]));
    if (next > budget)
      break;
    tail = next;
    --d;
  }
  return alignDegree(d, parity);
}

template <class T>
Truncation shortestTruncation(const std::vector<T> &series, const TargetFunction &f, double eps,
                              int maxDegree) {
  using std::abs;
  const int n = static_cast<int>(series.size()) - 1;
  const int step = degreeStep(f.parity), first = firstDegree(f.parity);
  int hi =
      std::min(alignDegree(tailDegree(series, f.parity, eps / 2), f.parity), std::max(n, first));

  const int points = 10 * (std::max(hi, n) + 1) + 200;
  std::function<double(int)> errorAt;
  if constexpr (std::is_same_v<T, double>)
    if (f.domain.isInterval(-1, 1))
      errorAt = chebyshevGridErrors(series, f, 2 * points);
  if (!errorAt)
    errorAt = clenshawGridErrors(series, f, points);
  if (hi > maxDegree) {
    const int cap = alignDegree(maxDegree, f.parity) > maxDegree
                        ? alignDegree(maxDegree, f.parity) - step
                        : alignDegree(maxDegree, f.parity);
    if (cap >= first)
      if (const double capErr = errorAt(cap); capErr > eps)
        return {cap, capErr};
  }
  // Grow hi until it meets eps (the tail test can be fooled when the series
  // is an extension's), then bisect down to the boundary.
  double hiErr = errorAt(hi);
  while (hiErr > eps) {
    if (hi >= n)
      throw Error("no truncation of the resolved series of " + f.formula +
                  " meets eps = " + formatNumber(eps) + " (best " + formatNumber(hiErr) +
                  " at degree " + std::to_string(n) + ")");
    hi = std::min(alignDegree(hi + std::max(step, hi / 8), f.parity), n);
    hiErr = errorAt(hi);
  }
  // Lower candidate: a degree below the last coefficient above eps usually
  // fails; checked, and dropped if it does not.
  int lo = first - step; // below the first degree: fails by definition
  for (int k = n; k > first; --k)
    if (abs(series[k]) > T(eps)) {
      const int guess = alignDegree(k, f.parity) - step;
      if (guess > lo && guess < hi && errorAt(guess) > eps)
        lo = guess;
      break;
    }
  while (hi - lo > step) {
    const int mid = alignDegree(lo + (hi - lo) / 2, f.parity);
    if (mid >= hi)
      break;
    const double e = errorAt(mid);
    if (e <= eps)
      hi = mid, hiErr = e;
    else
      lo = mid;
  }
  return {hi, hiErr};
}

#define QSVTC_INSTANTIATE(T)                                                                       \
  template std::vector<T> resolveChebyshevSeries<T>(const TargetFunction &, double, int);          \
  template int tailDegree<T>(const std::vector<T> &, Parity, double);                              \
  template Truncation shortestTruncation<T>(const std::vector<T> &, const TargetFunction &,        \
                                            double, int);
QSVTC_INSTANTIATE(double)
QSVTC_INSTANTIATE(Mpfr)
#undef QSVTC_INSTANTIATE

} // namespace qsvtc::approx
