//===- Mpfr.h - Multiple-precision scalar ----------------------*- C++ -*-===//
//
// The high-precision scalar of qsvtc: Boost.Multiprecision over MPFR with
// expression templates off (design.md: never `auto` a Boost.MP expression;
// with et_off every operation yields a plain number, so `auto` is safe too).
// Precision is a run-time choice: set it with PrecisionGuard *before* any
// value is made; values made earlier keep their precision.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_MPFR_H
#define QSVTC_NUMERIC_MPFR_H

#include <boost/multiprecision/mpfr.hpp>

namespace qsvtc::numeric {

/// The most working precision a user may ask for: ~1200 digits, far past
/// any epsilon a double circuit can hold; more would only make MPFR run
/// for hours.
constexpr unsigned MaxPrecisionBits = 4096;

using Mpfr = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;

/// Decimal digits that represent `bits` binary digits (rounded up).
unsigned bitsToDigits(unsigned bits);

/// Sets the default precision (in bits) of newly made Mpfr values, and
/// restores the previous one when destroyed. Boost 1.74 keeps the default in
/// one process-wide static: set it before starting threads that make values.
class PrecisionGuard {
public:
  explicit PrecisionGuard(unsigned bits);
  ~PrecisionGuard();
  PrecisionGuard(const PrecisionGuard &) = delete;
  PrecisionGuard &operator=(const PrecisionGuard &) = delete;

private:
  unsigned savedDigits;
};

/// v at exactly `bits` of precision (rounded to nearest). Boost may keep a
/// copied value's own precision, so a computation that must run at a given
/// precision starts from values made by this.
Mpfr withPrecision(const Mpfr &v, unsigned bits);

/// Converts between scalar types in one spelling for double and Mpfr.
template <class To, class From> To scalarCast(const From &x) {
  if constexpr (std::is_same_v<To, double>)
    return static_cast<double>(x);
  else
    return To(x);
}

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_MPFR_H
