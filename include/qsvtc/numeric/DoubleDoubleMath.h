//===- DoubleDoubleMath.h - Conversions and sin/cos in double-double -*- C++ -*-===//
#ifndef QSVTC_NUMERIC_DOUBLEDOUBLEMATH_H
#define QSVTC_NUMERIC_DOUBLEDOUBLEMATH_H

#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/numeric/Mpfr.h"

namespace qsvtc::numeric {

/// v rounded to a double-double (hi = v rounded, lo = the rest rounded).
DoubleDouble toDoubleDouble(const Mpfr &v);

/// pi/4 to double-double accuracy.
DoubleDouble quarterPiDd();

/// Largest |x| sinCosDd takes.
constexpr double kSinCosDdMaxArgument = 8;
/// Bound on |s - sin x| and |c - cos x| from sinCosDd (derivation in
/// DoubleDoubleMath.cpp): 2^-97.
constexpr double kSinCosDdError = 0x1p-97;

/// sin x and cos x for |x| <= kSinCosDdMaxArgument without MPFR (~40x
/// faster than MPFR at 128 bits): x = k pi/4 + r and Taylor series for
/// |r| <= pi/8.
void sinCosDd(DoubleDouble x, DoubleDouble &s, DoubleDouble &c);

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_DOUBLEDOUBLEMATH_H
