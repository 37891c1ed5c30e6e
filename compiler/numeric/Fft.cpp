//===- Fft.cpp - Any-length FFT on a real scalar type ---------------------===//
//
// Mixed-radix decimation-in-time FFT (radix 4, 2 and small odd primes, the
// latter with the symmetric pairing that halves their multiplications), and
// Bluestein's algorithm for lengths with a prime factor above
// kMaxDirectRadix: the DFT becomes a circular convolution with a chirp, done
// by a 5-smooth mixed-radix FFT of length >= 2n - 1. Twiddles come from
// unitRoot(), i.e. from cos/sin of an exactly reduced angle, because the
// high-precision Chebyshev transform this serves must lose no more than a
// few units in the last place to the FFT itself.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/Fft.h"

#include "ScalarKernels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace qsvtc::numeric {

namespace {

/// Radices up to this are done directly (O(p) work per output); a length
/// with a larger prime factor goes through Bluestein instead.
constexpr std::size_t kMaxDirectRadix = 31;

/// Radices for n, outermost first (4s, a 2, then odd primes ascending); the
/// product of the returned list equals n unless the last entry exceeds
/// kMaxDirectRadix.
std::vector<std::size_t> factorize(std::size_t n) {
  std::vector<std::size_t> f;
  while (n % 4 == 0) {
    f.push_back(4);
    n /= 4;
  }
  if (n % 2 == 0) {
    f.push_back(2);
    n /= 2;
  }
  for (std::size_t p = 3; p * p <= n; p += 2)
    while (n % p == 0) {
      f.push_back(p);
      n /= p;
    }
  if (n > 1)
    f.push_back(n);
  return f;
}

bool isFiveSmooth(std::size_t n) {
  for (std::size_t p : {2, 3, 5})
    while (n % p == 0)
      n /= p;
  return n == 1;
}

/// Both sin and cos of one angle: MPFR computes the pair for the price of
/// one, which matters when a plan needs thousands of twiddles.
template <class F, class = std::enable_if_t<std::is_floating_point_v<F>>>
void sinCos(const F &a, F &s, F &c) {
  s = std::sin(a);
  c = std::cos(a);
}
void sinCos(const Mpfr &a, Mpfr &s, Mpfr &c) {
  mpfr_sin_cos(s.backend().data(), c.backend().data(), a.backend().data(), MPFR_RNDN);
}

/// unitRoot() with pi supplied, so that plans fetch pi only once.
template <class T> void unitRootWithPi(std::uint64_t p, std::uint64_t q, const T &pi, T &c, T &s) {
  // Angle 2 pi t / d with d = 8q: d/2, d/4 and d/8 are then integers, so
  // each symmetry below is exact integer arithmetic.
  const std::uint64_t d = 8 * q;
  std::uint64_t t = 8 * (p % q);
  bool negSin = false, negCos = false, swapped = false;
  if (t > d / 2) { // (pi, 2 pi): reflect through the x axis
    t = d - t;
    negSin = true;
  }
  if (t > d / 4) { // (pi/2, pi]: reflect through the y axis
    t = d / 2 - t;
    negCos = true;
  }
  if (t > d / 8) { // (pi/4, pi/2]: reflect through the diagonal
    t = d / 4 - t;
    swapped = true;
  }
  // Now 2 pi t / d = pi t / (4q) lies in [0, pi/4].
  const T angle = pi * T(t) / T(4 * q);
  T sn = T(0), cs = T(0);
  sinCos(angle, sn, cs);
  if (swapped)
    std::swap(sn, cs);
  c = negCos ? T(-cs) : cs;
  s = negSin ? T(-sn) : sn;
}

} // namespace

std::size_t nextFiveSmooth(std::size_t n) {
  if (n <= 1)
    return 1;
  while (!isFiveSmooth(n))
    ++n;
  return n;
}

template <> double piValue<double>() { return 3.14159265358979323846; }
template <> long double piValue<long double>() { return 3.141592653589793238462643383279502884L; }

template <> Mpfr piValue<Mpfr>() {
  Mpfr pi; // default precision, which is the working precision
  mpfr_const_pi(pi.backend().data(), MPFR_RNDN);
  return pi;
}

template <class T> void unitRoot(std::uint64_t p, std::uint64_t q, T &c, T &s) {
  if (q == 0)
    throw std::invalid_argument("unitRoot: q must be positive");
  unitRootWithPi(p, q, piValue<T>(), c, s);
}

//===----------------------------------------------------------------------===//
// Bluestein
//===----------------------------------------------------------------------===//

template <class T> struct Fft<T>::Bluestein {
  std::size_t m;
  Fft<T> inner;            // length m, 5-smooth: never Bluestein itself
  std::vector<T> wRe, wIm; // chirp w_j = exp(-i pi j^2 / n), j < n
  std::vector<T> bRe, bIm; // FFT_m of conj(w) wrapped, divided by m

  Bluestein(std::size_t n, std::size_t m, const T &pi)
      : m(m), inner(m), wRe(n), wIm(n), bRe(m), bIm(m) {
    for (std::size_t j = 0; j < n; ++j) {
      // j^2 mod 2n keeps the angle small and exact for any j.
      const std::uint64_t jj = (static_cast<std::uint64_t>(j) * j) % (2 * n);
      T s = T(0);
      unitRootWithPi<T>(jj, 2 * n, pi, wRe[j], s);
      wIm[j] = -s;
    }
    bRe[0] = wRe[0];
    bIm[0] = -wIm[0];
    for (std::size_t j = 1; j < n; ++j) {
      bRe[j] = bRe[m - j] = wRe[j];
      bIm[j] = bIm[m - j] = -wIm[j];
    }
    inner.forward(bRe, bIm);
    const T scale = T(1) / T(m);
    for (std::size_t k = 0; k < m; ++k) {
      bRe[k] *= scale;
      bIm[k] *= scale;
    }
  }

  void apply(std::vector<T> &re, std::vector<T> &im) const {
    using kernels::cmul;
    const std::size_t n = wRe.size();
    std::vector<T> aRe(m), aIm(m); // zero padded beyond n
    T t = T(0), xr = T(0), xi = T(0);
    for (std::size_t j = 0; j < n; ++j)
      cmul(aRe[j], aIm[j], re[j], im[j], wRe[j], wIm[j], t);
    inner.forward(aRe, aIm);
    for (std::size_t k = 0; k < m; ++k) {
      cmul(xr, xi, aRe[k], aIm[k], bRe[k], bIm[k], t);
      std::swap(aRe[k], xr);
      std::swap(aIm[k], xi);
    }
    inner.inverse(aRe, aIm);
    for (std::size_t k = 0; k < n; ++k)
      cmul(re[k], im[k], aRe[k], aIm[k], wRe[k], wIm[k], t);
  }
};

//===----------------------------------------------------------------------===//
// Plan
//===----------------------------------------------------------------------===//

template <class T> Fft<T>::Fft(std::size_t n) : n(n) {
  if (n == 0)
    throw std::invalid_argument("Fft: length must be positive");
  const T pi = piValue<T>();
  factors = factorize(n);
  if (!factors.empty() && factors.back() > kMaxDirectRadix) {
    const std::size_t m = nextFiveSmooth(2 * n - 1);
    chirp = std::make_unique<Bluestein>(n, m, pi);
    factors.clear();
    return;
  }
  twRe.resize(n);
  twIm.resize(n);
  // Compute the upper half-circle only; the rest is its mirror image, and
  // unitRoot() is exactly symmetric anyway.
  for (std::size_t j = 0; 2 * j <= n; ++j) {
    T s = T(0);
    unitRootWithPi<T>(j, n, pi, twRe[j], s);
    twIm[j] = -s;
    if (j != 0 && 2 * j != n) {
      twRe[n - j] = twRe[j];
      twIm[n - j] = s;
    }
  }
}

template <class T> Fft<T>::~Fft() = default;
template <class T> Fft<T>::Fft(Fft &&) noexcept = default;
template <class T> Fft<T> &Fft<T>::operator=(Fft &&) noexcept = default;

template <class T> void Fft<T>::forward(std::vector<T> &re, std::vector<T> &im) const {
  if (re.size() != n || im.size() != n)
    throw std::invalid_argument("Fft: expected vectors of length " + std::to_string(n));
  if (chirp)
    chirp->apply(re, im);
  else
    mixedRadix(re, im);
}

template <class T> void Fft<T>::inverse(std::vector<T> &re, std::vector<T> &im) const {
  // Swapping real and imaginary parts maps x to i conj(x); the forward DFT
  // of that, swapped back, is the unnormalised inverse DFT of x.
  forward(im, re);
}

template <class T> void Fft<T>::mixedRadix(std::vector<T> &re, std::vector<T> &im) const {
  const std::vector<T> inRe = re, inIm = im;
  std::size_t maxRadix = 4;
  for (std::size_t p : factors)
    maxRadix = std::max(maxRadix, p);
  std::vector<T> scratch(4 * maxRadix + 8);
  pass(re.data(), im.data(), inRe.data(), inIm.data(), n, 1, 0, scratch.data());
}

/// DFT of length len of in[0], in[stride], ... into out[0..len) (contiguous).
/// stride == n / len, so exp(-2 pi i x / len) is tw[x * stride].
template <class T>
void Fft<T>::pass(T *outRe, T *outIm, const T *inRe, const T *inIm, std::size_t len,
                  std::size_t stride, std::size_t level, T *s) const {
  using namespace kernels;
  if (len == 1) {
    outRe[0] = inRe[0];
    outIm[0] = inIm[0];
    return;
  }
  const std::size_t p = factors[level], m = len / p;
  for (std::size_t r = 0; r < p; ++r)
    pass(outRe + r * m, outIm + r * m, inRe + r * stride, inIm + r * stride, m, stride * p,
         level + 1, s);

  // Scratch layout: t (p complex), then per-radix temporaries.
  T *tRe = s, *tIm = s + p, *w = s + 2 * p;
  const std::size_t rootStep = n / p; // exp(-2 pi i / p) is tw[rootStep]
  for (std::size_t k1 = 0; k1 < m; ++k1) {
    tRe[0] = outRe[k1];
    tIm[0] = outIm[k1];
    for (std::size_t r = 1; r < p; ++r) {
      const std::size_t idx = r * k1 * stride;
      if (idx == 0) {
        tRe[r] = outRe[r * m + k1];
        tIm[r] = outIm[r * m + k1];
      } else {
        cmul(tRe[r], tIm[r], outRe[r * m + k1], outIm[r * m + k1], twRe[idx], twIm[idx], w[0]);
      }
    }
    if (p == 2) {
      add(outRe[k1], tRe[0], tRe[1]);
      add(outIm[k1], tIm[0], tIm[1]);
      sub(outRe[k1 + m], tRe[0], tRe[1]);
      sub(outIm[k1 + m], tIm[0], tIm[1]);
    } else if (p == 4) {
      // a = t0 + t2, b = t0 - t2, c = t1 + t3, d = t1 - t3;
      // X0 = a + c, X2 = a - c, X1 = b - i d, X3 = b + i d.
      T &aR = w[0], &aI = w[1], &bR = w[2], &bI = w[3];
      T &cR = w[4], &cI = w[5], &dR = w[6], &dI = w[7];
      add(aR, tRe[0], tRe[2]);
      add(aI, tIm[0], tIm[2]);
      sub(bR, tRe[0], tRe[2]);
      sub(bI, tIm[0], tIm[2]);
      add(cR, tRe[1], tRe[3]);
      add(cI, tIm[1], tIm[3]);
      sub(dR, tRe[1], tRe[3]);
      sub(dI, tIm[1], tIm[3]);
      add(outRe[k1], aR, cR);
      add(outIm[k1], aI, cI);
      sub(outRe[k1 + 2 * m], aR, cR);
      sub(outIm[k1 + 2 * m], aI, cI);
      add(outRe[k1 + m], bR, dI);
      sub(outIm[k1 + m], bI, dR);
      sub(outRe[k1 + 3 * m], bR, dI);
      add(outIm[k1 + 3 * m], bI, dR);
    } else {
      // Odd p: pair r with p - r. With A_r = t_r + t_{p-r},
      // B_r = t_r - t_{p-r} and theta = 2 pi r k / p,
      //   X_k     = t_0 + sum_r A_r cos(theta) - i B_r sin(theta),
      //   X_{p-k} = the same with sin(theta) negated.
      const std::size_t h = p / 2;
      T *aRe = w, *aIm = w + h, *bRe = w + 2 * h, *bIm = w + 3 * h;
      T &pR = w[4 * h], &pI = w[4 * h + 1];
      T &u = w[4 * h + 2], &v = w[4 * h + 3];
      for (std::size_t r = 1; r <= h; ++r) {
        add(aRe[r - 1], tRe[r], tRe[p - r]);
        add(aIm[r - 1], tIm[r], tIm[p - r]);
        sub(bRe[r - 1], tRe[r], tRe[p - r]);
        sub(bIm[r - 1], tIm[r], tIm[p - r]);
      }
      outRe[k1] = tRe[0];
      outIm[k1] = tIm[0];
      for (std::size_t r = 0; r < h; ++r) {
        add(outRe[k1], outRe[k1], aRe[r]);
        add(outIm[k1], outIm[k1], aIm[r]);
      }
      for (std::size_t k = 1; k <= h; ++k) {
        pR = tRe[0];
        pI = tIm[0];
        u = T(0);
        v = T(0);
        for (std::size_t r = 1; r <= h; ++r) {
          // twIm = -sin(theta); u, v accumulate B * twIm = -B sin(theta).
          const std::size_t idx = (r * k % p) * rootStep;
          fma(pR, aRe[r - 1], twRe[idx], pR);
          fma(pI, aIm[r - 1], twRe[idx], pI);
          fma(u, bRe[r - 1], twIm[idx], u);
          fma(v, bIm[r - 1], twIm[idx], v);
        }
        // -i B sin = (Im(B) sin, -Re(B) sin) = (-v, u).
        sub(outRe[k1 + k * m], pR, v);
        add(outIm[k1 + k * m], pI, u);
        add(outRe[k1 + (p - k) * m], pR, v);
        sub(outIm[k1 + (p - k) * m], pI, u);
      }
    }
  }
}

template <class T> void fft(std::vector<T> &re, std::vector<T> &im, bool inverse) {
  Fft<T> plan(re.size());
  if (inverse)
    plan.inverse(re, im);
  else
    plan.forward(re, im);
}

template void unitRoot<double>(std::uint64_t, std::uint64_t, double &, double &);
template void unitRoot<long double>(std::uint64_t, std::uint64_t, long double &, long double &);
template void unitRoot<Mpfr>(std::uint64_t, std::uint64_t, Mpfr &, Mpfr &);
template class Fft<double>;
template class Fft<long double>;
template class Fft<Mpfr>;
template void fft<double>(std::vector<double> &, std::vector<double> &, bool);
template void fft<long double>(std::vector<long double> &, std::vector<long double> &, bool);
template void fft<Mpfr>(std::vector<Mpfr> &, std::vector<Mpfr> &, bool);

} // namespace qsvtc::numeric
