//===- ApproxTestSupport.h - Shared helpers for approx tests ---*- C++ -*-===//
//
// Test-only. Points on a domain, a reference Clenshaw in Mpfr that never
// goes through the library's certifier, and the true maximum of |p| on
// [-1, 1] found from the roots of p' (an algorithm independent of the
// certifier's grid).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_UNIT_APPROX_APPROXTESTSUPPORT_H
#define QSVTC_TEST_UNIT_APPROX_APPROXTESTSUPPORT_H

#include "../numeric/MpfrPrinting.h"

#include "qsvtc/approx/Domain.h"
#include "qsvtc/approx/TargetFunction.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/Mpfr.h"

#include <cmath>
#include <random>
#include <vector>

namespace qsvtc::approx::testsupport {

using numeric::Mpfr;

/// n points spread evenly over each interval of d (endpoints included).
inline std::vector<double> gridOn(const Domain &d, int perInterval) {
  std::vector<double> xs;
  for (const Interval &iv : d.parts())
    for (int i = 0; i < perInterval; ++i)
      xs.push_back(i + 1 == perInterval ? iv.hi : iv.lo + (iv.hi - iv.lo) * i / (perInterval - 1));
  return xs;
}

/// n uniformly random points of d, intervals weighted by length.
inline std::vector<double> randomOn(const Domain &d, int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  double total = 0;
  for (const Interval &iv : d.parts())
    total += iv.hi - iv.lo;
  std::uniform_real_distribution<double> u(0, total);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) {
    double t = u(rng);
    for (const Interval &iv : d.parts()) {
      if (t <= iv.hi - iv.lo) {
        xs.push_back(iv.lo + t);
        break;
      }
      t -= iv.hi - iv.lo;
    }
  }
  return xs;
}

/// max_x |sum c_k T_k(x) - f(x)| over xs, in Mpfr at the current precision
/// (coefficients copied, so they keep their own, possibly wider, values).
inline double maxErrorAt(const std::vector<Mpfr> &coef, const TargetFunction &f,
                         const std::vector<double> &xs) {
  const std::vector<Mpfr> c(coef.begin(), coef.end());
  double worst = 0;
  for (double x : xs) {
    const Mpfr X(x);
    const double e = static_cast<double>(abs(Mpfr(numeric::clenshaw(c, X) - f.evalMpfr(X))));
    worst = std::max(worst, std::isnan(e) ? INFINITY : e);
  }
  return worst;
}

/// max |p| on [-1, 1] at the current precision: |p(+-1)| and |p| at every
/// root of p' (bracketed on a grid of `gridPoints` Chebyshev points, which
/// separates the <= degree-1 roots of p' for the degrees used in tests,
/// then bisected 80 times: the root to ~1e-27, |p| there to ~1e-50 since
/// p is flat at its extrema).
inline Mpfr trueMaxAbs(const std::vector<Mpfr> &coef, int gridPoints = 20000) {
  const std::vector<Mpfr> c(coef.begin(), coef.end());
  const std::vector<Mpfr> d = numeric::chebyshevDerivative(c);
  const Mpfr pi = acos(Mpfr(-1));
  Mpfr best =
      std::max(Mpfr(abs(numeric::clenshaw(c, Mpfr(1)))), Mpfr(abs(numeric::clenshaw(c, Mpfr(-1)))));
  Mpfr xPrev = -1;
  Mpfr dPrev = numeric::clenshaw(d, xPrev);
  for (int i = 1; i <= gridPoints; ++i) {
    const Mpfr x = -cos(pi * i / gridPoints);
    const Mpfr dx = numeric::clenshaw(d, x);
    if ((dx > 0) != (dPrev > 0)) {
      Mpfr a = xPrev, b = x, da = dPrev;
      for (int it = 0; it < 80 && a < b; ++it) {
        const Mpfr m = (a + b) / 2;
        if (m == a || m == b)
          break;
        const Mpfr dm = numeric::clenshaw(d, m);
        if ((dm > 0) == (da > 0))
          a = m, da = dm;
        else
          b = m;
      }
      best = std::max(best, Mpfr(abs(numeric::clenshaw(c, Mpfr((a + b) / 2)))));
    }
    xPrev = x;
    dPrev = dx;
  }
  return best;
}

} // namespace qsvtc::approx::testsupport

#endif // QSVTC_TEST_UNIT_APPROX_APPROXTESTSUPPORT_H
