//===- ChebyshevReference.h - Closed-form Chebyshev series for tests ------===//
//
// Reference answers for the Chebyshev tests, computed without the code under
// test: Chebyshev series known in closed form (Bessel functions from
// Boost.Math, a geometric series for Runge's function), and the exact
// aliasing map that turns an infinite series into the coefficients of its
// degree-n interpolant at the points cos(pi j / n), so interpolants of any
// degree can be checked to full precision, not just once aliasing is
// negligible.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_UNIT_NUMERIC_CHEBYSHEVREFERENCE_H
#define QSVTC_TEST_UNIT_NUMERIC_CHEBYSHEVREFERENCE_H

#include "qsvtc/numeric/Mpfr.h"

#include <boost/math/special_functions/bessel.hpp>

#include <algorithm>
#include <vector>

namespace qsvtc::numeric::testref {

/// exp(x) = I_0(1) + 2 sum_{k>=1} I_k(1) T_k(x); terms 0..len-1.
template <class T> std::vector<T> expSeries(std::size_t len) {
  std::vector<T> a(len);
  for (std::size_t k = 0; k < len; ++k)
    a[k] = (k == 0 ? 1 : 2) * boost::math::cyl_bessel_i(static_cast<int>(k), T(1));
  return a;
}

/// Jacobi-Anger: cos(tau x) = J_0(tau) + 2 sum_{k>=1} (-1)^k J_{2k}(tau)
/// T_{2k}(x); terms 0..len-1.
template <class T> std::vector<T> cosSeries(int tau, std::size_t len) {
  std::vector<T> a(len, T(0));
  for (std::size_t m = 0; m < len; m += 2) {
    const int k = static_cast<int>(m / 2);
    a[m] = (k == 0 ? 1 : 2) * (k % 2 ? -1 : 1) * boost::math::cyl_bessel_j(2 * k, T(tau));
  }
  return a;
}

/// 1/(1 + b^2 x^2) = (1/s) [1 + 2 sum_{k>=1} (-1)^k q^{2k} T_{2k}(x)],
/// s = sqrt(1 + b^2), q = (s - 1)/b (the geometric series of the poles at
/// +-i/b); terms 0..len-1.
template <class T> std::vector<T> rungeSeries(int b, std::size_t len) {
  using std::sqrt;
  const T s = sqrt(T(1 + b * b));
  const T q2 = ((s - 1) / b) * ((s - 1) / b);
  std::vector<T> a(len, T(0));
  T qk = 1; // q^{2k} (-1)^k
  for (std::size_t m = 0; m < len; m += 2) {
    a[m] = (m == 0 ? 1 : 2) * qk / s;
    qk *= -q2;
  }
  return a;
}

/// Coefficients of the degree-n interpolant at cos(pi j / n) of the series
/// a: T_m equals T_{fold(m)} at those points (cos is even and 2 pi
/// periodic), so the interpolant is sum_m a_m T_{fold(m)}.
template <class T> std::vector<T> aliased(const std::vector<T> &a, std::size_t n) {
  std::vector<T> c(n + 1, T(0));
  if (n == 0) { // the single point is x = 0, where T_m = cos(m pi / 2)
    for (std::size_t m = 0; m < a.size(); m += 2)
      c[0] += (m % 4 == 0) ? a[m] : T(-a[m]);
    return c;
  }
  for (std::size_t m = 0; m < a.size(); ++m) {
    std::size_t r = m % (2 * n);
    c[r <= n ? r : 2 * n - r] += a[m];
  }
  return c;
}

template <class T> T maxAbsDiff(const std::vector<T> &x, const std::vector<T> &y) {
  using std::abs;
  T e = 0;
  if (x.size() != y.size())
    return T(1e300);
  for (std::size_t i = 0; i < x.size(); ++i)
    e = std::max(e, T(abs(x[i] - y[i])));
  return e;
}

} // namespace qsvtc::numeric::testref

#endif // QSVTC_TEST_UNIT_NUMERIC_CHEBYSHEVREFERENCE_H
