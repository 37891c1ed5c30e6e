//===- Dct.h - Type-I discrete cosine transform -----------------*- C++ -*-===//
//
// Private to compiler/numeric. Chebyshev interpolation at the points
// cos(pi j / n) is a DCT-I in both directions (only the scaling differs), so
// Chebyshev.cpp needs exactly one kernel per scalar type: FFTW's REDFT00 for
// double (DctFftw.cpp) and our own FFT for Mpfr (DctMpfr.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_NUMERIC_DCT_H
#define QSVTC_COMPILER_NUMERIC_DCT_H

#include "qsvtc/numeric/Mpfr.h"

#include <vector>

namespace qsvtc::numeric::detail {

/// Unnormalised DCT-I with FFTW's REDFT00 convention, x.size() = n + 1 >= 2:
///   y_k = x_0 + (-1)^k x_n + 2 sum_{j=1}^{n-1} x_j cos(pi j k / n).
/// It is its own inverse up to the factor 2n.
std::vector<double> dct1(const std::vector<double> &x);
std::vector<Mpfr> dct1(const std::vector<Mpfr> &x);

} // namespace qsvtc::numeric::detail

#endif // QSVTC_COMPILER_NUMERIC_DCT_H
