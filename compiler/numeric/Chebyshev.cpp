//===- Chebyshev.cpp - Chebyshev series toolkit ---------------------------===//
//
// The non-inline half of Chebyshev.h: points, interpolation in both
// directions (a scaled DCT-I, see Dct.h), differentiation, and conversion
// to and from the monomial basis, each instantiated for double and Mpfr.
// Degenerate sizes are answered rather than rejected: one value is a
// constant, and chebyshevPoints(0) is the single point 0 (the midpoint, as
// in Chebfun) so that a degree-0 interpolant is f(0), not f(1).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Chebyshev.h"

#include "Dct.h"
#include "qsvtc/numeric/Fft.h"

#include <cstdint>

namespace qsvtc::numeric {

template <class T> std::vector<T> chebyshevPoints(std::size_t n) {
  if (n == 0)
    return {T(0)};
  // x_j = cos(pi j / n) = sin(pi (n - 2j) / (2n)): the sine form is exactly
  // antisymmetric (x_{n-j} = -x_j bit for bit) and accurate near +-1, where
  // the cosine form would round 1 - O(1/n^2) through an inexact angle.
  using std::sin;
  const T pi = piValue<T>();
  const T denom = T(2 * static_cast<std::int64_t>(n));
  std::vector<T> x(n + 1);
  for (std::size_t j = 0; 2 * j <= n; ++j) {
    const std::int64_t num = static_cast<std::int64_t>(n) - 2 * static_cast<std::int64_t>(j);
    const T s = sin(pi * T(num) / denom);
    x[n - j] = -s; // half the sines; in this order the middle point
    x[j] = s;      // is sin(0) = +0, not -0
  }
  return x;
}

namespace {

/// c_k = (2/n) sum''_j v_j cos(pi j k / n), the '' halving j = 0, n, and
/// c_0, c_n halved again; the unnormalised DCT-I already weights the
/// interior samples by 2, so only the divisions remain.
template <class T> std::vector<T> coefficientsImpl(const std::vector<T> &v) {
  if (v.size() <= 1)
    return v; // a constant is its own coefficient
  const std::size_t n = v.size() - 1;
  std::vector<T> c = detail::dct1(v);
  for (std::size_t k = 0; k <= n; ++k)
    c[k] /= (k == 0 || k == n) ? T(2 * n) : T(n);
  return c;
}

/// v_j = sum_k c_k cos(pi j k / n): a DCT-I of c with the interior terms
/// halved (the DCT doubles them).
template <class T> std::vector<T> valuesImpl(const std::vector<T> &c) {
  if (c.size() <= 1)
    return c;
  std::vector<T> x = c;
  for (std::size_t k = 1; k + 1 < x.size(); ++k)
    x[k] /= 2;
  return detail::dct1(x);
}

} // namespace

std::vector<double> chebyshevCoefficients(const std::vector<double> &values) {
  return coefficientsImpl(values);
}
std::vector<Mpfr> chebyshevCoefficients(const std::vector<Mpfr> &values) {
  return coefficientsImpl(values);
}
std::vector<double> chebyshevValues(const std::vector<double> &coef) { return valuesImpl(coef); }
std::vector<Mpfr> chebyshevValues(const std::vector<Mpfr> &coef) { return valuesImpl(coef); }

template <class T> std::vector<T> chebyshevDerivative(const std::vector<T> &c) {
  if (c.size() <= 1)
    return {T(0)};
  const std::size_t n = c.size() - 1; // degree of p; p' has degree n - 1
  std::vector<T> d(n);
  // d_{k-1} = d_{k+1} + 2 k c_k downwards from k = n (d_n = d_{n+1} = 0),
  // then halve d_0 (T_0 carries no factor 2 in the recurrence).
  for (std::size_t k = n; k >= 1; --k) {
    d[k - 1] = T(2 * static_cast<std::int64_t>(k)) * c[k];
    if (k + 1 <= n - 1)
      d[k - 1] += d[k + 1];
  }
  d[0] /= 2;
  return d;
}

template <class T> std::vector<T> monomialToChebyshev(const std::vector<T> &a) {
  // Horner in the Chebyshev basis: p <- x p + a_k from the top, using
  // x T_0 = T_1 and x T_j = (T_{j-1} + T_{j+1}) / 2.
  std::vector<T> p;
  for (std::size_t k = a.size(); k-- > 0;) {
    std::vector<T> q(p.size() + 1, T(0));
    if (!p.empty())
      q[1] += p[0];
    for (std::size_t j = 1; j < p.size(); ++j) {
      const T half = p[j] / 2;
      q[j + 1] += half;
      q[j - 1] += half;
    }
    q[0] += a[k];
    p.swap(q);
  }
  return p;
}

template <class T> std::vector<T> chebyshevToMonomial(const std::vector<T> &c) {
  const std::size_t len = c.size();
  std::vector<T> a(len, T(0));
  if (len == 0)
    return a;
  // Monomial coefficients of T_{k-1} and T_k, advanced by
  // T_{k+1} = 2 x T_k - T_{k-1}.
  std::vector<T> prev(len, T(0)), cur(len, T(0));
  prev[0] = T(1);
  a[0] = c[0];
  if (len == 1)
    return a;
  cur[1] = T(1);
  for (std::size_t k = 1;; ++k) {
    for (std::size_t i = 0; i <= k; ++i)
      a[i] += c[k] * cur[i];
    if (k + 1 == len)
      break;
    // next = 2 x cur - prev, written into prev.
    for (std::size_t i = k + 1; i >= 1; --i)
      prev[i] = 2 * cur[i - 1] - prev[i];
    prev[0] = -prev[0];
    prev.swap(cur);
  }
  return a;
}

#define QSVTC_INSTANTIATE(T)                                                                       \
  template std::vector<T> chebyshevPoints<T>(std::size_t);                                         \
  template std::vector<T> chebyshevDerivative<T>(const std::vector<T> &);                          \
  template std::vector<T> monomialToChebyshev<T>(const std::vector<T> &);                          \
  template std::vector<T> chebyshevToMonomial<T>(const std::vector<T> &);
QSVTC_INSTANTIATE(double)
QSVTC_INSTANTIATE(Mpfr)
#undef QSVTC_INSTANTIATE

std::vector<double> monomialCoefficients(const std::vector<double> &chebyshev) {
  PrecisionGuard guard(64 + 4 * static_cast<unsigned>(chebyshev.size()));
  std::vector<Mpfr> c(chebyshev.begin(), chebyshev.end());
  std::vector<double> out;
  for (const Mpfr &m : chebyshevToMonomial(c))
    out.push_back(m.convert_to<double>());
  return out;
}

__attribute__((target_clones("avx2", "default"))) void clenshawMany(const std::vector<double> &c,
                                                                    int parity, const double *x,
                                                                    double *out, std::size_t n) {
  clenshawMany<double, 16>(c, parity, x, out, n);
}

} // namespace qsvtc::numeric
