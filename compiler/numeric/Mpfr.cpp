//===- Mpfr.cpp - Multiple-precision scalar -------------------------------===//
#include "qsvtc/numeric/Mpfr.h"

#include <cmath>

namespace qsvtc::numeric {

unsigned bitsToDigits(unsigned bits) {
  // log10(2) = 0.30103; +1 so that digits -> bits never loses a bit.
  return static_cast<unsigned>(std::ceil(bits * 0.30102999566398120)) + 1;
}

PrecisionGuard::PrecisionGuard(unsigned bits) : savedDigits(Mpfr::default_precision()) {
  Mpfr::default_precision(bitsToDigits(bits));
}

Mpfr withPrecision(const Mpfr &v, unsigned bits) {
  Mpfr out;
  mpfr_set_prec(out.backend().data(), bits);
  mpfr_set(out.backend().data(), v.backend().data(), MPFR_RNDN);
  return out;
}

PrecisionGuard::~PrecisionGuard() { Mpfr::default_precision(savedDigits); }

} // namespace qsvtc::numeric
