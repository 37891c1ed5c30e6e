//===- MpfrTest.cpp - Tests for the Mpfr scalar and PrecisionGuard --------===//
//
// PrecisionGuard is how every high-precision stage picks its working
// precision, so it must really set the bits of new values and restore the
// previous setting on exit, including when guards nest and on exceptions.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Mpfr.h"
#include "MpfrPrinting.h"

#include <gtest/gtest.h>

#include <stdexcept>

using qsvtc::numeric::bitsToDigits;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

long bitsOf(const Mpfr &x) { return static_cast<long>(mpfr_get_prec(x.backend().data())); }

} // namespace

TEST(Mpfr, PrecisionGuardRestoresPrecision) {
  const unsigned before = Mpfr::default_precision();
  {
    PrecisionGuard outer(256);
    EXPECT_NE(Mpfr::default_precision(), before);
    const unsigned atOuter = Mpfr::default_precision();
    {
      PrecisionGuard inner(1024);
      EXPECT_GT(Mpfr::default_precision(), atOuter);
    }
    EXPECT_EQ(Mpfr::default_precision(), atOuter);
  }
  EXPECT_EQ(Mpfr::default_precision(), before);
}

TEST(Mpfr, PrecisionGuardRestoresOnException) {
  const unsigned before = Mpfr::default_precision();
  try {
    PrecisionGuard guard(512);
    throw std::runtime_error("unwind");
  } catch (const std::runtime_error &) {
  }
  EXPECT_EQ(Mpfr::default_precision(), before);
}

TEST(Mpfr, GuardGivesNewValuesAtLeastTheRequestedBits) {
  for (unsigned bits : {64u, 128u, 200u, 256u, 1000u}) {
    PrecisionGuard guard(bits);
    Mpfr x = 1;
    EXPECT_GE(bitsOf(x), static_cast<long>(bits));
    EXPECT_LE(bitsOf(x), static_cast<long>(bits) + 16); // not wildly more
    // The precision shows in arithmetic: 1 + 2^-(bits-1) != 1.
    Mpfr tiny;
    mpfr_set_ui_2exp(tiny.backend().data(), 1, 1 - static_cast<long>(bits), MPFR_RNDN);
    EXPECT_NE(x + tiny, x);
  }
}

TEST(Mpfr, BitsToDigitsNeverLosesBits) {
  for (unsigned bits = 2; bits < 2000; ++bits) {
    // Boost turns digits back into bits with digits10_2_2.
    const unsigned long back = boost::multiprecision::detail::digits10_2_2(bitsToDigits(bits));
    EXPECT_GE(back, bits) << bits;
  }
}
