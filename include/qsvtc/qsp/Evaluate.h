//===- Evaluate.h - The QSP product in qsvtc's convention -----*- C++ -*-===//
//
// design.md's convention (Wx, symmetric phases):
//   W(x) = exp(i arccos(x) X) = [[x, i s], [i s, x]],  s = sqrt(1 - x^2),
//   U_Phi(x) = e^{i phi_0 Z} prod_{j=1..d} W(x) e^{i phi_j Z},
//   f(x) = Re <0|U_Phi(x)|0>.
// Every partial product has the form [[P, i s Q], [i s Q*, P*]] with
// polynomials P, Q, so one step is
//   times W:          P <- x P - (1 - x^2) Q,   Q <- P + x Q,
//   times e^{i phi Z}: P <- e^{i phi} P,        Q <- e^{-i phi} Q,
// four complex multiply-adds: O(d) per point, in any scalar (double,
// double-double for certification, Mpfr).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_EVALUATE_H
#define QSVTC_QSP_EVALUATE_H

#include "qsvtc/numeric/Mpfr.h"

#include <algorithm>
#include <vector>

namespace qsvtc::qsp {

template <class T> struct Complex {
  T re{};
  T im{};
};

/// cos and sin of every phase, in the scalar the product runs in.
template <class T> struct PhaseTable { std::vector<T> cos, sin; };

/// Phases given in double or Mpfr; the table is computed in Mpfr at
/// `bits` and rounded to T (so a double-double table is accurate to ~106
/// bits even for double phases).
PhaseTable<double> phaseTableDouble(const std::vector<double> &phases);
template <class T>
PhaseTable<T> phaseTable(const std::vector<numeric::Mpfr> &phases, unsigned bits);

namespace detail {

template <class T> Complex<T> mul(const Complex<T> &a, const Complex<T> &b) {
  return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

/// The row (P, i s Q) times W(x), then times e^{i phi Z}.
template <class T>
void step(Complex<T> &p, Complex<T> &q, const T &xt, const T &oneMinusX2, const T &c, const T &s) {
  const Complex<T> np{xt * p.re - oneMinusX2 * q.re, xt * p.im - oneMinusX2 * q.im};
  const Complex<T> nq{p.re + xt * q.re, p.im + xt * q.im};
  p = {np.re * c - np.im * s, np.re * s + np.im * c};
  q = {nq.re * c + nq.im * s, nq.im * c - nq.re * s};
}

} // namespace detail

/// P(x) = <0|U_Phi(x)|0>; x given exactly as a double or an Mpfr.
template <class T, class X> Complex<T> qspTopLeft(const PhaseTable<T> &table, const X &x) {
  const T xt = T(x);
  const T oneMinusX2 = T(1) - xt * xt;
  Complex<T> p{table.cos[0], table.sin[0]}, q{};
  for (std::size_t j = 1; j < table.cos.size(); ++j)
    detail::step(p, q, xt, oneMinusX2, table.cos[j], table.sin[j]);
  return p;
}

/// True if phi_j = phi_{d-j} exactly, as stored in the table.
template <class T> bool isSymmetric(const PhaseTable<T> &table) {
  const std::size_t n = table.cos.size();
  for (std::size_t j = 0; j < n / 2; ++j)
    if (!(table.cos[j] == table.cos[n - 1 - j] && table.sin[j] == table.sin[n - 1 - j]))
      return false;
  return true;
}

/// qspTopLeft for a symmetric table (isSymmetric) in half the steps, at
/// x[0..n), Lanes points interleaved (one point's product is a chain of
/// dependent operations; interleaved chains overlap, as clenshawMany). W
/// and e^{i phi Z} are symmetric matrices, so the reversed sequence is the
/// transpose: U = A M A^T with A the first half and M = W (d = 2k + 1) or
/// e^{i phi_k Z} (d = 2k), and <0|U|0> = r M r^T for r = <0|A = (P, i s Q):
///   d odd:  x P^2 - 2 s^2 P Q - x s^2 Q^2,
///   d even: e^{i phi_k} a^2 - s^2 e^{-i phi_k} b^2, (a, i s b) = r W.
template <class T, std::size_t Lanes = 8>
void qspTopLeftSymmetricMany(const PhaseTable<T> &table, const T *x, Complex<T> *out,
                             std::size_t n) {
  using detail::mul;
  const std::size_t d = table.cos.size() - 1, k = d / 2;
  const std::size_t last = d % 2 ? k : (k == 0 ? 0 : k - 1); // phases in A after phi_0
  for (std::size_t i0 = 0; i0 < n; i0 += Lanes) {
    const std::size_t lanes = std::min(Lanes, n - i0);
    T xt[Lanes], oneMinusX2[Lanes];
    Complex<T> p[Lanes], q[Lanes];
    for (std::size_t l = 0; l < Lanes; ++l) {
      xt[l] = x[i0 + std::min(l, lanes - 1)];
      oneMinusX2[l] = T(1) - xt[l] * xt[l];
      p[l] = {table.cos[0], table.sin[0]};
      q[l] = {};
    }
    for (std::size_t j = 1; j <= last; ++j)
      for (std::size_t l = 0; l < Lanes; ++l)
        detail::step(p[l], q[l], xt[l], oneMinusX2[l], table.cos[j], table.sin[j]);
    for (std::size_t l = 0; l < lanes; ++l) {
      Complex<T> &o = out[i0 + l];
      if (d == 0) {
        o = p[l];
      } else if (d % 2) {
        const Complex<T> pp = mul(p[l], p[l]), qq = mul(q[l], q[l]), pq = mul(p[l], q[l]);
        const T &xl = xt[l], &s2 = oneMinusX2[l];
        o = {xl * pp.re - T(2) * s2 * pq.re - xl * s2 * qq.re,
             xl * pp.im - T(2) * s2 * pq.im - xl * s2 * qq.im};
      } else { // A ends with a W: r W, as a step with phase 0
        Complex<T> a = p[l], b = q[l];
        detail::step(a, b, xt[l], oneMinusX2[l], T(1), T(0));
        const Complex<T> first = mul(Complex<T>{table.cos[k], table.sin[k]}, mul(a, a));
        const Complex<T> second = mul(Complex<T>{table.cos[k], -table.sin[k]}, mul(b, b));
        o = {first.re - oneMinusX2[l] * second.re, first.im - oneMinusX2[l] * second.im};
      }
    }
  }
}

/// One point of qspTopLeftSymmetricMany.
template <class T, class X> Complex<T> qspTopLeftSymmetric(const PhaseTable<T> &table, const X &x) {
  const T xt = T(x);
  Complex<T> out;
  qspTopLeftSymmetricMany<T, 1>(table, &xt, &out, 1);
  return out;
}

/// f(x_k) = Re P(x_k) for many points in double, over all cores.
std::vector<double> qspResponse(const std::vector<double> &phases, const std::vector<double> &xs);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_EVALUATE_H
