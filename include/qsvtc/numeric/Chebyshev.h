//===- Chebyshev.h - Chebyshev series toolkit ------------------*- C++ -*-===//
//
// Polynomials in qsvtc live in the Chebyshev basis, p(x) = sum_k c_k T_k(x)
// on [-1, 1] (design.md). This header holds the toolkit every numeric stage
// uses: points, interpolation (a DCT: FFTW for double, our own FFT for Mpfr),
// Clenshaw evaluation, differentiation, parity projection and conversion to
// and from the monomial basis. All routines are templated on the scalar
// (double or numeric::Mpfr) unless the algorithm differs by type.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_CHEBYSHEV_H
#define QSVTC_NUMERIC_CHEBYSHEV_H

#include "qsvtc/numeric/Mpfr.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace qsvtc::numeric {

/// The n+1 Chebyshev points of the second kind (extrema of T_n),
/// x_j = cos(pi j / n), j = 0..n, in decreasing order (x_0 = 1); for n = 0
/// the single point {0}, the midpoint (as Chebfun).
template <class T> std::vector<T> chebyshevPoints(std::size_t n);

/// Chebyshev coefficients c_0..c_n of the degree-n interpolant through
/// values[j] = f(x_j) at chebyshevPoints(n) (values.size() == n + 1).
/// O(n log n): a DCT-I through FFTW for double, our own FFT for Mpfr.
std::vector<double> chebyshevCoefficients(const std::vector<double> &values);
std::vector<Mpfr> chebyshevCoefficients(const std::vector<Mpfr> &values);

/// Inverse of chebyshevCoefficients: the values at chebyshevPoints(n).
std::vector<double> chebyshevValues(const std::vector<double> &coef);
std::vector<Mpfr> chebyshevValues(const std::vector<Mpfr> &coef);

/// Degree-n Chebyshev interpolant of f (f: T -> T).
template <class T, class F> std::vector<T> chebyshevInterpolate(F &&f, std::size_t n) {
  std::vector<T> x = chebyshevPoints<T>(n);
  std::vector<T> v(x.size());
  for (std::size_t j = 0; j < x.size(); ++j)
    v[j] = f(x[j]);
  return chebyshevCoefficients(v);
}

/// Clenshaw evaluation of sum_k c_k T_k(x). Backward-stable; O(n).
template <class T> T clenshaw(const std::vector<T> &c, const T &x) {
  T b1 = T(0), b2 = T(0);
  const T twoX = x + x;
  for (std::size_t k = c.size(); k-- > 1;) {
    T b0 = twoX * b1 - b2 + c[k];
    b2 = b1;
    b1 = b0;
  }
  return c.empty() ? T(0) : x * b1 - b2 + c[0];
}

/// sum_j h_j T_{2j+parity}(x) for an even (parity 0) or odd (parity 1)
/// series given by its nonzero half h_j = c_{2j+parity}: half the work of
/// clenshaw(). With y = 2x^2 - 1, T_{2j}(x) = T_j(y) and T_{2j+1}(x) =
/// x V_j(y), V the third-kind polynomials (V_0 = 1, V_1 = 2y - 1), both
/// with the recurrence P_{j+1} = 2y P_j - P_{j-1}.
template <class T> T clenshawHalf(const std::vector<T> &h, int parity, const T &x) {
  const T y = 2 * x * x - 1;
  const T twoY = y + y;
  T b1 = T(0), b2 = T(0);
  for (std::size_t j = h.size(); j-- > 1;) {
    T b0 = twoY * b1 - b2 + h[j];
    b2 = b1;
    b1 = b0;
  }
  const T h0 = h.empty() ? T(0) : h[0];
  // S = b_0 + b_1 (P_1 - 2y P_0) with b_0 = h_0 + 2y b_1 - b_2.
  return parity == 0 ? T(h0 + y * b1 - b2) : T(x * (h0 + twoY * b1 - b2 - b1));
}

/// clenshaw() (parity < 0) or clenshawHalf() (parity 0 or 1) at x[0..n):
/// the same operations, but Lanes points share each pass over the
/// coefficients. One point's recurrence is a chain of dependent operations
/// (latency-bound); interleaved chains overlap, 2-4x faster on grids.
template <class T, std::size_t Lanes = 16>
void clenshawMany(const std::vector<T> &c, int parity, const T *x, T *out, std::size_t n) {
  for (std::size_t i0 = 0; i0 < n; i0 += Lanes) {
    const std::size_t lanes = std::min(Lanes, n - i0);
    T t[Lanes], twoT[Lanes], b1[Lanes], b2[Lanes];
    for (std::size_t l = 0; l < Lanes; ++l) {
      const T xl = x[i0 + std::min(l, lanes - 1)];
      t[l] = parity < 0 ? xl : T(2 * xl * xl - 1);
      twoT[l] = t[l] + t[l];
      b1[l] = b2[l] = T(0);
    }
    for (std::size_t k = c.size(); k-- > 1;)
      for (std::size_t l = 0; l < Lanes; ++l) {
        T b0 = twoT[l] * b1[l] - b2[l] + c[k];
        b2[l] = b1[l];
        b1[l] = b0;
      }
    const T c0 = c.empty() ? T(0) : c[0];
    for (std::size_t l = 0; l < lanes; ++l) // as clenshaw() / clenshawHalf() end
      out[i0 + l] = parity < 0    ? T(t[l] * b1[l] - b2[l] + c0)
                    : parity == 1 ? T(x[i0 + l] * (c0 + twoT[l] * b1[l] - b2[l] - b1[l]))
                                  : T(c0 + t[l] * b1[l] - b2[l]);
  }
}

/// clenshawMany in double, compiled for AVX2 and for plain x86-64 and
/// picked at run time (same results: no FMA in either). Overload
/// resolution prefers it for double coefficients.
void clenshawMany(const std::vector<double> &c, int parity, const double *x, double *out,
                  std::size_t n);

/// Coefficients of p' for p = sum c_k T_k (one degree less; {0} for
/// constants). Uses c'_{k-1} = c'_{k+1} + 2 k c_k.
template <class T> std::vector<T> chebyshevDerivative(const std::vector<T> &c);

/// Keeps the even (parity 0) or odd (parity 1) terms, zeroing the others.
template <class T> std::vector<T> parityProject(std::vector<T> c, int parity) {
  for (std::size_t k = 0; k < c.size(); ++k)
    if (static_cast<int>(k % 2) != parity)
      c[k] = T(0);
  return c;
}

/// The parity-`parity` part of `c` with its trailing zeros dropped (at
/// least one coefficient): what a phase solver solves for that part.
template <class T> std::vector<T> parityPart(const std::vector<T> &c, int parity) {
  std::vector<T> part = parityProject(c, parity);
  while (part.size() > 1 && part.back() == T(0))
    part.pop_back();
  return part;
}

/// Monomial coefficients a_k (p = sum a_k x^k) to Chebyshev and back.
/// O(n^2); exact in exact arithmetic. The monomial basis is ill-conditioned:
/// use it for small degrees or in Mpfr only.
template <class T> std::vector<T> monomialToChebyshev(const std::vector<T> &a);
template <class T> std::vector<T> chebyshevToMonomial(const std::vector<T> &c);

/// chebyshevToMonomial of double coefficients, computed in MPFR with
/// 64 + 4 n bits (the conversion loses ~2n bits) and rounded once.
std::vector<double> monomialCoefficients(const std::vector<double> &chebyshev);

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_CHEBYSHEV_H
