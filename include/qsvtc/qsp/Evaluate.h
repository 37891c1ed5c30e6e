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

#include <vector>

namespace qsvtc::qsp {

template <class T> struct Complex {
  T re{};
  T im{};
};

/// cos and sin of every phase, in the scalar the product runs in.
template <class T> struct PhaseTable {
  std::vector<T> cos, sin;
};

/// Phases given in double or Mpfr; the table is computed in Mpfr at
/// `bits` and rounded to T (so a double-double table is accurate to ~106
/// bits even for double phases).
PhaseTable<double> phaseTableDouble(const std::vector<double> &phases);
template <class T>
PhaseTable<T> phaseTable(const std::vector<numeric::Mpfr> &phases,
                         unsigned bits);

/// P(x) = <0|U_Phi(x)|0>; x given exactly as a double or an Mpfr.
template <class T, class X>
Complex<T> qspTopLeft(const PhaseTable<T> &table, const X &x) {
  const T xt = T(x);
  const T oneMinusX2 = T(1) - xt * xt;
  Complex<T> p{table.cos[0], table.sin[0]}, q{};
  for (std::size_t j = 1; j < table.cos.size(); ++j) {
    // times W(x)
    const Complex<T> np{xt * p.re - oneMinusX2 * q.re,
                        xt * p.im - oneMinusX2 * q.im};
    const Complex<T> nq{p.re + xt * q.re, p.im + xt * q.im};
    // times e^{i phi_j Z}: P e^{i phi}, Q e^{-i phi}
    const T &c = table.cos[j], &s = table.sin[j];
    p = {np.re * c - np.im * s, np.re * s + np.im * c};
    q = {nq.re * c + nq.im * s, nq.im * c - nq.re * s};
  }
  return p;
}

/// f(x_k) = Re P(x_k) for many points in double, over all cores.
std::vector<double> qspResponse(const std::vector<double> &phases,
                                const std::vector<double> &xs);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_EVALUATE_H
