//===- EigenMpfr.h - Eigen support for the Mpfr scalar ---------*- C++ -*-===//
//
// Makes Eigen 3.4's dense decompositions (PartialPivLU, HouseholderQR,
// ColPivHouseholderQR, SelfAdjointEigenSolver, ...) work on matrices of
// numeric::Mpfr at a precision chosen at run time. Include this header, never
// <boost/multiprecision/eigen.hpp> directly, wherever Eigen meets Mpfr: the
// full specialisation below must be visible before any use of
// NumTraits<Mpfr>, or translation units would disagree about it.
//
// Why it is needed: Boost 1.74's adapter (boost/multiprecision/eigen.hpp)
// gives a partial NumTraits for every Boost number that (a) lacks
// infinity(), quiet_NaN(), digits(), min_exponent() and max_exponent(),
// which the eigen solvers and stableNorm() call; (b) returns the smallest
// *positive* value from lowest(); and (c) for variable precision, reports
// digits10() as Boost's decimal setting, not the bits values really carry.
// This specialisation answers from the *current* default precision, read off
// a freshly made value, so PrecisionGuard changes what Eigen sees.
//
// We still include Boost's adapter: it supplies the ScalarBinaryOpTraits
// that let Mpfr matrices mix with double and int scalars (`2.0 * A`), and
// including it here guarantees its partial specialisation is never the one
// picked for Mpfr (a full specialisation always wins).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_EIGENMPFR_H
#define QSVTC_NUMERIC_EIGENMPFR_H

#include "qsvtc/numeric/Mpfr.h"

#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>

#include <algorithm>
#include <climits>
#include <cmath>

namespace qsvtc::numeric {

/// Bits in the mantissa of a newly made Mpfr (the working precision). Boost
/// stores the default precision in decimal digits; this is what it becomes.
inline long mpfrWorkingBits() {
  Mpfr probe;
  return static_cast<long>(mpfr_get_prec(probe.backend().data()));
}

} // namespace qsvtc::numeric

namespace Eigen {

template <> struct NumTraits<qsvtc::numeric::Mpfr> : GenericNumTraits<qsvtc::numeric::Mpfr> {
  using Mpfr = qsvtc::numeric::Mpfr;
  using Real = Mpfr;
  using NonInteger = Mpfr;
  using Nested = Mpfr;
  using Literal = Mpfr;

  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = HugeCost, // values are heap objects: never vectorise
    AddCost = HugeCost,
    MulCost = HugeCost
  };

  /// 2^(1 - p): the distance from 1 to the next value at p bits.
  static Real epsilon() {
    Mpfr eps;
    mpfr_set_ui_2exp(eps.backend().data(), 1, 1 - qsvtc::numeric::mpfrWorkingBits(), MPFR_RNDN);
    return eps;
  }
  /// A weak epsilon for fuzzy comparisons (isApprox, isZero): eps^(4/5),
  /// which at 53 bits (2^-42 ~ 2e-13) matches Eigen's 1e-12 for double and
  /// keeps the same ratio to epsilon() at every precision.
  static Real dummy_precision() {
    Mpfr d;
    const long bits = qsvtc::numeric::mpfrWorkingBits();
    mpfr_set_ui_2exp(d.backend().data(), 1, -(4 * (bits - 1)) / 5, MPFR_RNDN);
    return d;
  }
  static int digits() { return static_cast<int>(qsvtc::numeric::mpfrWorkingBits()); }
  static int digits10() {
    // floor((p - 1) log10 2), the std::numeric_limits definition.
    return static_cast<int>(
        std::floor((qsvtc::numeric::mpfrWorkingBits() - 1) * 0.30102999566398120));
  }
  // MPFR's exponent range is a long; clamp in case a caller widened it.
  static int min_exponent() { return static_cast<int>(std::max<long>(mpfr_get_emin(), INT_MIN)); }
  static int max_exponent() { return static_cast<int>(std::min<long>(mpfr_get_emax(), INT_MAX)); }
  static Real highest() {
    Mpfr h;
    // Largest finite value: (1 - 2^-p) 2^emax.
    mpfr_set_inf(h.backend().data(), 1);
    mpfr_nextbelow(h.backend().data());
    return h;
  }
  static Real lowest() { return -highest(); }
  static Real infinity() {
    Mpfr inf;
    mpfr_set_inf(inf.backend().data(), 1);
    return inf;
  }
  static Real quiet_NaN() {
    Mpfr nan;
    mpfr_set_nan(nan.backend().data());
    return nan;
  }
};

} // namespace Eigen

#endif // QSVTC_NUMERIC_EIGENMPFR_H
