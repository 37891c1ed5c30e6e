//===- DctMpfr.cpp - High-precision DCT-I through our FFT -----------------===//
//
// The Mpfr path of Chebyshev interpolation. The DCT-I of x_0..x_n is the DFT
// of the even extension y (length 2n, real). A real DFT of length 2n is one
// complex FFT of length n on z_m = y_{2m} + i y_{2m+1}, plus an O(n)
// untangling step with the half-angle twiddles e^{-i pi k / n}; this halves
// the work of the naive complex FFT of length 2n. Plans (FFT twiddles and
// the half-angle table) cost O(n) MPFR sin/cos evaluations, as much as the
// transform itself, so a few are cached per thread, keyed by length and
// precision (a plan built at 128 bits must not serve a 256-bit call).
//
//===----------------------------------------------------------------------===//
#include "Dct.h"

#include "qsvtc/numeric/Fft.h"

#include <list>
#include <memory>
#include <stdexcept>

namespace qsvtc::numeric::detail {

namespace {

/// Bits of a freshly made Mpfr, i.e. the working precision.
long workingBits() { return static_cast<long>(mpfr_get_prec(Mpfr().backend().data())); }

struct MpfrDct1Plan {
  std::size_t n;
  long bits;
  Fft<Mpfr> fft;                // length n
  std::vector<Mpfr> cosT, sinT; // cos(pi k / n), sin(pi k / n), k <= n

  MpfrDct1Plan(std::size_t n, long bits) : n(n), bits(bits), fft(n), cosT(n + 1), sinT(n + 1) {
    for (std::size_t k = 0; 2 * k <= n; ++k) {
      unitRoot<Mpfr>(k, 2 * n, cosT[k], sinT[k]);
      cosT[n - k] = -cosT[k]; // exact: pi - theta
      sinT[n - k] = sinT[k];
    }
  }
};

std::shared_ptr<const MpfrDct1Plan> planFor(std::size_t n) {
  constexpr std::size_t kMaxPlans = 4;
  thread_local std::list<std::shared_ptr<const MpfrDct1Plan>> cache; // LRU
  const long bits = workingBits();
  for (auto it = cache.begin(); it != cache.end(); ++it)
    if ((*it)->n == n && (*it)->bits == bits) {
      cache.splice(cache.begin(), cache, it);
      return cache.front();
    }
  cache.push_front(std::make_shared<const MpfrDct1Plan>(n, bits));
  if (cache.size() > kMaxPlans)
    cache.pop_back();
  return cache.front();
}

} // namespace

std::vector<Mpfr> dct1(const std::vector<Mpfr> &x) {
  if (x.size() < 2)
    throw std::invalid_argument("dct1: need at least 2 values");
  const std::size_t n = x.size() - 1;
  std::shared_ptr<const MpfrDct1Plan> plan = planFor(n);
  // Even extension y_j = x_{min(j, 2n - j)}, packed two reals per complex.
  auto y = [&](std::size_t j) -> const Mpfr & { return x[j <= n ? j : 2 * n - j]; };
  std::vector<Mpfr> zr(n), zi(n);
  for (std::size_t m = 0; m < n; ++m) {
    zr[m] = y(2 * m);
    zi[m] = y(2 * m + 1);
  }
  plan->fft.forward(zr, zi);
  // With E_k = (Z_k + conj Z_{n-k})/2 (DFT of even samples) and
  // O_k = (Z_k - conj Z_{n-k})/(2i) (odd samples), Y_k = E_k + e^{-i pi k/n}
  // O_k, whose real part (Y is real) is
  //   [Zr_k + Zr_{n-k} + cos(pi k/n)(Zi_k + Zi_{n-k})
  //                    - sin(pi k/n)(Zr_k - Zr_{n-k})] / 2.
  std::vector<Mpfr> out(n + 1);
  for (std::size_t k = 0; k <= n; ++k) {
    const std::size_t a = k % n, b = (n - k) % n;
    out[k] =
        (zr[a] + zr[b] + plan->cosT[k] * (zi[a] + zi[b]) - plan->sinT[k] * (zr[a] - zr[b])) / 2;
  }
  return out;
}

} // namespace qsvtc::numeric::detail
