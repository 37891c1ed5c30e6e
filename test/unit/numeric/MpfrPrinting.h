//===- MpfrPrinting.h - GoogleTest printer for Mpfr -------------*- C++ -*-===//
//
// Test-only. GoogleTest prints the operands of a failed EXPECT_LT through
// operator<<, which for Mpfr instantiates Boost's number::str(); with g++ 12
// at -O2 that trips a false -Wrestrict inside std::string (GCC PR 105329)
// and -Werror turns it into a build failure. This PrintTo overload, found by
// argument-dependent lookup, prints through MPFR's own formatter instead, so
// tests never instantiate str(). Tests must not stream Mpfr values into
// failure messages either; use describe().
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_UNIT_NUMERIC_MPFRPRINTING_H
#define QSVTC_TEST_UNIT_NUMERIC_MPFRPRINTING_H

#include "qsvtc/numeric/Mpfr.h"

#include <cstdlib>
#include <ostream>
#include <string>

namespace qsvtc::numeric::testref {

/// 25 significant digits, enough to read an error of any size.
inline std::string describe(const Mpfr &x) {
  char *buf = nullptr;
  if (mpfr_asprintf(&buf, "%.25Rg", x.backend().data()) < 0 || !buf)
    return "<unprintable Mpfr>";
  std::string s(buf);
  mpfr_free_str(buf);
  return s;
}

} // namespace qsvtc::numeric::testref

namespace boost::multiprecision {

inline void PrintTo(const qsvtc::numeric::Mpfr &x, std::ostream *os) {
  *os << qsvtc::numeric::testref::describe(x);
}

} // namespace boost::multiprecision

#endif // QSVTC_TEST_UNIT_NUMERIC_MPFRPRINTING_H
