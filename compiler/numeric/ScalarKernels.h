//===- ScalarKernels.h - In-place arithmetic for hot loops ------*- C++ -*-===//
//
// Private to compiler/numeric. Boost.Multiprecision with et_off makes every
// `a * b` a fresh Mpfr (an mpfr_init2, i.e. a malloc, and a free later). In
// the FFT butterflies that allocation costs as much as the arithmetic, so
// the hot loops write into preallocated scratch through these kernels
// instead: for Mpfr they call MPFR directly (correctly rounded to the
// destination's precision, with a fused multiply-add where it helps); for
// double and long double they are the plain expressions.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_NUMERIC_SCALARKERNELS_H
#define QSVTC_COMPILER_NUMERIC_SCALARKERNELS_H

#include "qsvtc/numeric/Mpfr.h"

#include <type_traits>

namespace qsvtc::numeric::kernels {

// r = a + b, r = a - b, r = a * b for double and long double.
template <class F, class = std::enable_if_t<std::is_floating_point_v<F>>>
inline void add(F &r, F a, F b) {
  r = a + b;
}
template <class F, class = std::enable_if_t<std::is_floating_point_v<F>>>
inline void sub(F &r, F a, F b) {
  r = a - b;
}
template <class F, class = std::enable_if_t<std::is_floating_point_v<F>>>
inline void mul(F &r, F a, F b) {
  r = a * b;
}
// r = a * b + c, r = a * b - c.
template <class F, class = std::enable_if_t<std::is_floating_point_v<F>>>
inline void fma(F &r, F a, F b, F c) {
  r = a * b + c;
}
template <class F, class = std::enable_if_t<std::is_floating_point_v<F>>>
inline void fms(F &r, F a, F b, F c) {
  r = a * b - c;
}

inline void add(Mpfr &r, const Mpfr &a, const Mpfr &b) {
  mpfr_add(r.backend().data(), a.backend().data(), b.backend().data(), MPFR_RNDN);
}
inline void sub(Mpfr &r, const Mpfr &a, const Mpfr &b) {
  mpfr_sub(r.backend().data(), a.backend().data(), b.backend().data(), MPFR_RNDN);
}
inline void mul(Mpfr &r, const Mpfr &a, const Mpfr &b) {
  mpfr_mul(r.backend().data(), a.backend().data(), b.backend().data(), MPFR_RNDN);
}
inline void fma(Mpfr &r, const Mpfr &a, const Mpfr &b, const Mpfr &c) {
  mpfr_fma(r.backend().data(), a.backend().data(), b.backend().data(), c.backend().data(),
           MPFR_RNDN);
}
inline void fms(Mpfr &r, const Mpfr &a, const Mpfr &b, const Mpfr &c) {
  mpfr_fms(r.backend().data(), a.backend().data(), b.backend().data(), c.backend().data(),
           MPFR_RNDN);
}

/// (rr, ri) = (ar, ai) * (br, bi); t is scratch. rr/ri must not alias the
/// inputs.
template <class T>
void cmul(T &rr, T &ri, const T &ar, const T &ai, const T &br, const T &bi, T &t) {
  mul(t, ai, bi);
  fms(rr, ar, br, t);
  mul(t, ai, br);
  fma(ri, ar, bi, t);
}

} // namespace qsvtc::numeric::kernels

#endif // QSVTC_COMPILER_NUMERIC_SCALARKERNELS_H
