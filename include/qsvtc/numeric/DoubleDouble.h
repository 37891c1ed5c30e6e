//===- DoubleDouble.h - Unevaluated sums of two doubles --------*- C++ -*-===//
//
// A value hi + lo with |lo| <= ulp(hi)/2: about 106 bits of precision at a
// few times the cost of double (Dekker 1971; Hida, Li & Bailey's QD). Used to
// certify double-precision polynomials fast: with exact double coefficients,
// Clenshaw in double-double has a rounding error near n * 2^-104 * sum|c_k|,
// some 30 orders below any eps a double solver can reach. Only the
// operations Clenshaw needs are here; no FMA is assumed (portable builds).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_DOUBLEDOUBLE_H
#define QSVTC_NUMERIC_DOUBLEDOUBLE_H

namespace qsvtc::numeric {

struct DoubleDouble {
  double hi = 0;
  double lo = 0;
  constexpr DoubleDouble() = default;
  constexpr DoubleDouble(double h, double l = 0) : hi(h), lo(l) {}
};

namespace dd {

/// s + e = a + b exactly (Knuth's TwoSum).
inline DoubleDouble twoSum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

/// s + e = a + b exactly, given |a| >= |b|.
inline DoubleDouble quickTwoSum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

/// p + e = a * b exactly (Dekker's product with Veltkamp splitting).
inline DoubleDouble twoProd(double a, double b) {
  constexpr double split = 134217729.0; // 2^27 + 1
  const double p = a * b;
  const double ta = split * a, tb = split * b;
  const double ahi = ta - (ta - a), alo = a - ahi;
  const double bhi = tb - (tb - b), blo = b - bhi;
  return {p, ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo};
}

inline DoubleDouble add(DoubleDouble a, DoubleDouble b) {
  DoubleDouble s = twoSum(a.hi, b.hi);
  DoubleDouble t = twoSum(a.lo, b.lo);
  s.lo += t.hi;
  s = quickTwoSum(s.hi, s.lo);
  s.lo += t.lo;
  return quickTwoSum(s.hi, s.lo);
}

inline DoubleDouble neg(DoubleDouble a) { return {-a.hi, -a.lo}; }

inline DoubleDouble mul(DoubleDouble a, DoubleDouble b) {
  DoubleDouble p = twoProd(a.hi, b.hi);
  p.lo += a.hi * b.lo + a.lo * b.hi;
  return quickTwoSum(p.hi, p.lo);
}

inline DoubleDouble addDouble(DoubleDouble a, double b) {
  DoubleDouble s = twoSum(a.hi, b);
  s.lo += a.lo;
  return quickTwoSum(s.hi, s.lo);
}

} // namespace dd

// Operators, so templated kernels (QSP products, Clenshaw) run on it.
inline DoubleDouble operator+(DoubleDouble a, DoubleDouble b) { return dd::add(a, b); }
inline DoubleDouble operator-(DoubleDouble a) { return dd::neg(a); }
inline DoubleDouble operator-(DoubleDouble a, DoubleDouble b) { return dd::add(a, dd::neg(b)); }
inline DoubleDouble operator*(DoubleDouble a, DoubleDouble b) { return dd::mul(a, b); }
inline DoubleDouble &operator+=(DoubleDouble &a, DoubleDouble b) { return a = a + b; }
inline double toDouble(DoubleDouble a) { return a.hi + a.lo; }
/// Equal as stored (both parts), as for doubles.
inline bool operator==(DoubleDouble a, DoubleDouble b) { return a.hi == b.hi && a.lo == b.lo; }

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_DOUBLEDOUBLE_H
