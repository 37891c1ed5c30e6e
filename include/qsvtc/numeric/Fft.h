//===- Fft.h - Any-length FFT on a real scalar type ------------*- C++ -*-===//
//
// Our own complex FFT, templated on the *real* scalar (double, long double
// or numeric::Mpfr), because FFTW only speaks double and std::complex<Mpfr> is
// not usable (std::complex is only specified for float types, and libstdc++'s
// operators assume them). Complex vectors are therefore split into separate
// real and imaginary vectors. Any length works: mixed radix 4/2/odd primes,
// and Bluestein's chirp-z convolution when a length has a large prime factor.
// It exists for the high-precision DCT behind Chebyshev interpolation, so
// accuracy comes first: every twiddle is cos/sin of an exactly reduced angle
// in the working precision, never a recurrence that accumulates error.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_FFT_H
#define QSVTC_NUMERIC_FFT_H

#include "qsvtc/numeric/Mpfr.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace qsvtc::numeric {

/// pi in the working precision (the current default precision for Mpfr).
template <class T> T piValue();
template <> double piValue<double>();
template <> long double piValue<long double>();
template <> Mpfr piValue<Mpfr>();

/// c = cos(2 pi p / q), s = sin(2 pi p / q), q > 0. The angle is reduced to
/// the first octant in integer arithmetic first, so the result is accurate
/// to the working precision and exactly symmetric (e.g. cos(2 pi (q-p)/q)
/// equals cos(2 pi p/q) bit for bit).
template <class T> void unitRoot(std::uint64_t p, std::uint64_t q, T &c, T &s);

/// The smallest n' >= n with no prime factor above 5: lengths FFTW and Fft
/// transform fastest (a large prime factor costs them several times more).
std::size_t nextFiveSmooth(std::size_t n);

/// A precomputed FFT of one length n >= 1, at the precision current when it
/// was built (an Mpfr plan must be used at that precision; Chebyshev.cpp
/// keys its cache on it). Applying a plan is const and thread-safe.
template <class T> class Fft {
public:
  explicit Fft(std::size_t n);
  ~Fft();
  Fft(Fft &&) noexcept;
  Fft &operator=(Fft &&) noexcept;

  std::size_t size() const { return n; }

  /// In place: X_k = sum_j x_j exp(-2 pi i j k / n). re.size() == im.size()
  /// == n.
  void forward(std::vector<T> &re, std::vector<T> &im) const;
  /// In place, unnormalised (like FFTW): x_j = sum_k X_k exp(+2 pi i j k/n).
  /// inverse(forward(x)) == n * x.
  void inverse(std::vector<T> &re, std::vector<T> &im) const;

private:
  struct Bluestein;
  void mixedRadix(std::vector<T> &re, std::vector<T> &im) const;
  void pass(T *re, T *im, const T *inRe, const T *inIm, std::size_t len, std::size_t stride,
            std::size_t level, T *scratch) const;

  std::size_t n;
  std::vector<std::size_t> factors; ///< radices, outermost first
  std::vector<T> twRe, twIm;        ///< exp(-2 pi i j / n), j < n
  std::unique_ptr<Bluestein> chirp; ///< set when n has a large prime factor
};

/// One-shot convenience: builds a plan and applies it.
template <class T> void fft(std::vector<T> &re, std::vector<T> &im, bool inverse = false);

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_FFT_H
