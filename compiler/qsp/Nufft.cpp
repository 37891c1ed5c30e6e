//===- Nufft.cpp - 1-D nonuniform FFTs (exponential-of-semicircle kernel) -===//
//
// Written from the recipe in docs/phases.md ("Near max|p| = 1"), itself
// from FINUFFT v2.2 (src/spreadinterp.cpp setup_spreader, src/finufft.cpp
// onedim_fseries_kernel). Departures from FINUFFT, each measured against a
// quad-precision direct sum in a prototype:
//  - w = 16, sigma = 2.5, beta = 0.97 pi (1 - 1/(2 sigma)) w: FINUFFT's rule
//    targets the l2 error; the worst case over single points needs these for
//    5e-15 relative to sum |c|.
//  - t n_f / (2 pi) in double-double: in double, 6e-10 at 2 10^6 modes.
//  - The kernel's transform by Gauss-Legendre quadrature with phases rotated
//    from exact starting values every 64 modes (FINUFFT's winding over all
//    modes drifted by 5e-10 at k = 4 10^6).
//  - Per grid offset the kernel is one polynomial in z (degree w + 2, by
//    interpolation at Chebyshev points), evaluated by Horner: no exp or
//    sqrt per point.
//
//===----------------------------------------------------------------------===//
#include "Nufft.h"

#include "ComplexFft.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/DoubleDoubleMath.h"
#include "qsvtc/numeric/Parallel.h"

#include <boost/math/quadrature/gauss.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace qsvtc::qsp::detail {

namespace {

constexpr int kWidth = Nufft1d::kWidth;
constexpr std::size_t kBatch = 64; // points whose windows are made together
constexpr double kOversampling = 2.5;

/// The smallest even 5-smooth number >= n.
std::size_t evenFiveSmoothAtLeast(std::size_t n) {
  for (std::size_t m = std::max<std::size_t>(2, n + (n & 1));; m += 2) {
    std::size_t r = m;
    for (std::size_t p : {2, 3, 5})
      while (r % p == 0)
        r /= p;
    if (r == 1)
      return m;
  }
}

double kernel(double beta, double z) {
  const double s = 1 - z * z;
  return s <= 0 ? 0.0 : std::exp(beta * (std::sqrt(s) - 1));
}

// The kernel's w values at two points at once: w Horner sums of
// kHornerTerms terms in z each, most of a transform's time. Two points give
// the FMA pipeline two independent chains; GCC's vector types keep the 2 x 4
// accumulators in registers (a plain array was spilled every step).
constexpr int kHornerTerms = kWidth + 3;
typedef double Vec4 __attribute__((vector_size(32)));
static_assert(kWidth == 16, "hornerPair holds w = 16 values in four vectors");
template <int Terms>
inline void hornerPairSums(const double *h, double z0, double z1, double *out0, double *out1) {
  Vec4 a[4], b[4];
  for (int v = 0; v < 4; ++v) {
    Vec4 c;
    __builtin_memcpy(&c, h + 4 * v, sizeof c);
    a[v] = b[v] = c;
  }
  for (int k = 1; k < Terms; ++k)
    for (int v = 0; v < 4; ++v) {
      Vec4 c;
      __builtin_memcpy(&c, h + k * kWidth + 4 * v, sizeof c);
      a[v] = a[v] * z0 + c;
      b[v] = b[v] * z1 + c;
    }
  __builtin_memcpy(out0, a, sizeof a);
  __builtin_memcpy(out1, b, sizeof b);
}
void hornerPairPlain(const double *h, double z0, double z1, double *out0, double *out1) {
  hornerPairSums<kHornerTerms>(h, z0, z1, out0, out1);
}
__attribute__((target("avx2,fma"))) void hornerPairAvx2(const double *h, double z0, double z1,
                                                        double *out0, double *out1) {
  hornerPairSums<kHornerTerms>(h, z0, z1, out0, out1);
}
bool hasAvx2Fma() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

} // namespace

Nufft1d::Nufft1d(std::size_t maxMode) : modes(maxMode) {
  fine = evenFiveSmoothAtLeast(std::max<std::size_t>(
      static_cast<std::size_t>(std::ceil(kOversampling * (2.0 * maxMode + 1))), 2 * kWidth));
  if (fine > (std::size_t(1) << 31))
    throw std::length_error("NUFFT fine grid too large");
  beta = 0.97 * M_PI * (1 - 1 / (2 * kOversampling)) * kWidth;
  const double nf = static_cast<double>(fine);
  // n_f / (2 pi) in double-double: 2 pi = 8 (pi/4), exactly scaled.
  const numeric::DoubleDouble quarterPi = numeric::quarterPiDd();
  const double twoPiHi = 8 * quarterPi.hi, twoPiLo = 8 * quarterPi.lo;
  scaleHi = nf / twoPiHi;
  scaleLo = (std::fma(-scaleHi, twoPiHi, nf) - scaleHi * twoPiLo) / twoPiHi;

  // Offset j covers kernel arguments (z + 2j + 1 - w) / w for z in [-1, 1].
  // Each is interpolated at Chebyshev points and turned into monomial
  // coefficients (in MPFR, rounded once), stored highest degree first.
  horner.assign(static_cast<std::size_t>(kHornerTerms) * kWidth, 0.0);
  for (int j = 0; j < kWidth; ++j) {
    const std::vector<double> mono =
        numeric::monomialCoefficients(numeric::chebyshevInterpolate<double>(
            [&](double z) { return kernel(beta, (z + 2 * j + 1 - kWidth) / kWidth); },
            kHornerTerms - 1));
    for (int k = 0; k < kHornerTerms; ++k)
      horner[static_cast<std::size_t>(k) * kWidth + j] = mono[kHornerTerms - 1 - k];
  }

  // transform[k] = int_{-w/2}^{w/2} phi(2y/w) cos(2 pi k y / n_f) dy
  //             = w int_0^1 phi(z) cos(k a z) dz,  a = pi w / n_f,
  // by 30-point Gauss-Legendre on [0, 1/2] and [1/2, 1].
  using Gauss = boost::math::quadrature::gauss<double, 30>;
  std::vector<double> node, weight;
  for (double left : {0.0, 0.5})
    for (std::size_t i = 0; i < Gauss::abscissa().size(); ++i)
      for (double sign : {-1.0, 1.0}) {
        if (Gauss::abscissa()[i] == 0 && sign < 0)
          continue;
        const double z = left + 0.25 * (1 + sign * Gauss::abscissa()[i]);
        node.push_back(M_PI * kWidth / nf * z);
        weight.push_back(0.25 * kWidth * Gauss::weights()[i] * kernel(beta, z));
      }
  transform.assign(modes + 1, 0.0);
  constexpr std::size_t kBlock = 64;
  const std::size_t blocks = modes / kBlock + 1;
  numeric::parallelChunks(
      blocks, numeric::workerCount(blocks, 64), [&](std::size_t begin, std::size_t end, unsigned) {
        for (std::size_t blk = begin; blk < end; ++blk) {
          const std::size_t k0 = blk * kBlock, k1 = std::min(modes + 1, k0 + kBlock);
          for (std::size_t i = 0; i < node.size(); ++i) {
            // k a <= pi w / (2 sigma) ~ 10: cos(k0 a) is accurate to ~1e-15.
            double c = std::cos(static_cast<double>(k0) * node[i]);
            double s = std::sin(static_cast<double>(k0) * node[i]);
            const double cs = std::cos(node[i]), sn = std::sin(node[i]);
            for (std::size_t k = k0; k < k1; ++k) {
              transform[k] += weight[i] * c;
              const double c2 = c * cs - s * sn;
              s = s * cs + c * sn;
              c = c2;
            }
          }
        }
      });
}

/// The fine-grid index of the first of the w points near t, and the
/// kernel's variable z in [-1, 1] for that offset.
std::pair<long, double> Nufft1d::locate(double t) const {
  const double half = 0.5 * kWidth;
  const double nf = static_cast<double>(fine);
  // x = t n_f / (2 pi) = p + e, folded into [0, n_f) by a multiple of n_f
  // whose subtraction's rounding error goes into e (two-sum).
  double p = t * scaleHi;
  double e = std::fma(t, scaleHi, -p) + t * scaleLo;
  const double shift = -nf * std::floor(p / nf);
  const double folded = p + shift;
  const double back = folded - p;
  e += (p - (folded - back)) + (shift - back);
  p = folded;
  long first = static_cast<long>(std::ceil(p - half));
  double x1 = (static_cast<double>(first) - p) - e; // in [-w/2, -w/2 + 1]
  if (x1 < -half) {
    ++first;
    x1 += 1;
  } else if (x1 > -half + 1) {
    --first;
    x1 -= 1;
  }
  x1 = std::clamp(x1, -half, -half + 1);
  return {first, 2 * x1 + kWidth - 1};
}

void Nufft1d::windows(const double *t, std::size_t count, Window *out) const {
  static const auto evaluate = hasAvx2Fma() ? hornerPairAvx2 : hornerPairPlain;
  double z[2];
  for (std::size_t n = 0; n < count; n += 2) {
    for (std::size_t i = 0; i < 2; ++i) {
      const std::size_t m = std::min(n + i, count - 1);
      std::tie(out[m].first, z[i]) = locate(t[m]);
    }
    evaluate(horner.data(), z[0], z[1], out[n].values, out[std::min(n + 1, count - 1)].values);
  }
}

Nufft1d::Spreader::Spreader(const Nufft1d &plan) : plan(&plan), grids(numeric::coreCount()) {}

void Nufft1d::Spreader::add(const double *t, const double *c, std::size_t count) {
  const std::size_t pad = kWidth + 1, padded = plan->fine + 2 * pad;
  // Each worker spreads its share into its own padded grid.
  const unsigned workers = std::min<unsigned>(static_cast<unsigned>(grids.size()),
                                              numeric::workerCount(count, std::size_t(1) << 14));
  numeric::parallelChunks(count, workers, [&](std::size_t begin, std::size_t end, unsigned w) {
    std::vector<double> &g = grids[w];
    if (g.empty())
      g.assign(padded, 0.0);
    Window win[kBatch];
    for (std::size_t n0 = begin; n0 < end; n0 += kBatch) {
      const std::size_t batch = std::min(kBatch, end - n0);
      plan->windows(t + n0, batch, win);
      for (std::size_t i = 0; i < batch; ++i) {
        double *out = &g[static_cast<std::size_t>(win[i].first + static_cast<long>(pad))];
        for (int j = 0; j < kWidth; ++j)
          out[j] += c[n0 + i] * win[i].values[j];
      }
    }
  });
}

std::vector<std::complex<double>> Nufft1d::Spreader::finish() {
  const std::size_t fine = plan->fine, pad = kWidth + 1;
  std::vector<std::complex<double>> grid(fine);
  for (std::vector<double> &g : grids) {
    if (g.empty())
      continue;
    for (std::size_t l = 0; l < fine; ++l)
      grid[l] += g[l + pad];
    for (std::size_t l = 0; l < pad; ++l) {
      grid[fine - pad + l] += g[l]; // left of 0 wraps to the end
      grid[l] += g[fine + pad + l]; // right of n_f wraps to 0
    }
    g = {};
  }
  fftForward(grid);
  std::vector<std::complex<double>> out(plan->modes + 1);
  for (std::size_t k = 0; k <= plan->modes; ++k)
    out[k] = grid[k] / plan->transform[k];
  return out;
}

std::vector<std::complex<double>> Nufft1d::type1(const std::vector<double> &t,
                                                 const std::vector<double> &c) const {
  if (t.size() != c.size())
    throw std::invalid_argument("NUFFT: points and strengths differ in number");
  Spreader spreader(*this);
  spreader.add(t.data(), c.data(), t.size());
  return spreader.finish();
}

Nufft1d::Series Nufft1d::series(const std::vector<std::complex<double>> &f) const {
  if (f.size() > modes + 1)
    throw std::invalid_argument("NUFFT: more modes than planned");
  std::vector<std::complex<double>> g(fine);
  for (std::size_t k = 0; k < f.size(); ++k)
    g[k] = f[k] / transform[k];
  fftInverse(g);
  const std::size_t pad = kWidth + 1;
  Series s;
  s.plan = this;
  s.grid.resize(fine + 2 * pad);
  for (std::size_t l = 0; l < fine + 2 * pad; ++l)
    s.grid[l] = g[(l + fine - pad) % fine];
  return s;
}

std::vector<std::complex<double>> Nufft1d::Series::at(const std::vector<double> &t) const {
  std::vector<std::complex<double>> out(t.size());
  const long pad = kWidth + 1;
  numeric::parallelChunks(t.size(), numeric::workerCount(t.size(), std::size_t(1) << 14),
                          [&](std::size_t begin, std::size_t end, unsigned) {
                            Window win[kBatch];
                            for (std::size_t n0 = begin; n0 < end; n0 += kBatch) {
                              const std::size_t count = std::min(kBatch, end - n0);
                              plan->windows(&t[n0], count, win);
                              for (std::size_t i = 0; i < count; ++i) {
                                const std::complex<double> *g =
                                    &grid[static_cast<std::size_t>(win[i].first + pad)];
                                double re = 0, im = 0;
                                for (int j = 0; j < kWidth; ++j) {
                                  re += g[j].real() * win[i].values[j];
                                  im += g[j].imag() * win[i].values[j];
                                }
                                out[n0 + i] = {re, im};
                              }
                            }
                          });
  return out;
}

} // namespace qsvtc::qsp::detail
