//===- GqspCertify.cpp - Multiply GQSP layers back and bound the error ----===//
//
// The product M_d ... M_1 of the layers M_j = R(theta_j, phi_j, 0) A(z) =
// [[e^{i phi} c z, e^{i phi} s], [s z, -c]] is formed by divide and conquer
// in long double (64-bit significand, u = 2^-64): blocks of kLeaf layers
// are multiplied directly, then merged with FFT products (numeric::Fft,
// power-of-two lengths, twiddles from exactly reduced angles). Its first
// column times R(theta_0, phi_0, lambda)'s is (P', Q').
//
// Rounding bound (gqspRoundingBound), as sup over |z| = 1 of the operator
// norm of the computed-minus-exact product. Every exact partial product is
// unitary on the circle, so each entry has |value| <= 1 there and
// coefficient 2-norm <= 1 (Parseval), and errors propagate without growth:
// a node's error is e_hi + e_lo + e_hi e_lo + its own rounding (times
// (1 + e_hi)(1 + e_lo)). Own rounding:
//  - leaf step (one layer times the block so far, coefficient by
//    coefficient): each new coefficient is off by <= 8u (|x| + |y|), so
//    the matrix's coefficients by <= 46u in 2-norm, and the sup by
//    46u sqrt(k) with k the coefficients per entry; a layer's entries,
//    from cosl/sinl of the double angles, are off by <= 8u in norm;
//  - merge of length L by FFTs of size N (Higham, Thm 24.2: one transform
//    is off by kappa(N) ||y||_2, kappa = log2(N) eta / (1 - log2(N) eta),
//    eta = mu + gamma_4 (sqrt2 + mu), twiddles within mu = 6u, doubled for
//    the radix-4 passes): the spectra of the products are off by
//    (4 kappa + 8u) sqrt(N) in 2-norm, the inverse adds kappa N, and after
//    the exact division by N each entry's coefficients are off by
//    <= 6 kappa + 10u; the matrix's sup by 2 sqrt(L + 1) times that;
//  - the last column and the l1 sum: 16u sqrt(d + 1) and (d + 8)u relative.
// At degree 1e3 the bound is ~4e-14, at 1e5 ~6e-12 (gqsp-table): rigorous
// under these rounding models but pessimistic (each FFT's worst case, and
// sup <= sqrt(L) l2 at every merge), 4-8x the computed l1 difference of the
// double-precision angles, which is why it is reported apart from it.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Gqsp.h"

#include "ComplexFft.h"
#include "qsvtc/numeric/Fft.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/support/Error.h"

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace qsvtc::qsp {

namespace {

using Ld = long double;

constexpr std::size_t kLeaf = 64;
const Ld kUnit = std::ldexp(Ld(1), -64);

struct Poly {
  std::vector<Ld> re, im;
  explicit Poly(std::size_t n = 0) : re(n, 0), im(n, 0) {}
  std::size_t size() const { return re.size(); }
};

/// A 2x2 matrix of polynomials in z.
struct ZMatrix {
  std::array<std::array<Poly, 2>, 2> e;
  std::size_t size() const { return e[0][0].size(); }
};

struct Layer {
  Ld c, s, er, ei; // cos theta, sin theta, e^{i phi}
};

Layer layerOf(double theta, double phi) {
  return {std::cos(Ld(theta)), std::sin(Ld(theta)), std::cos(Ld(phi)), std::sin(Ld(phi))};
}

/// M_{hi-1} ... M_lo by direct multiplication.
ZMatrix leafProduct(const std::vector<Layer> &layers, std::size_t lo, std::size_t hi) {
  const std::size_t n = hi - lo + 1;
  ZMatrix m;
  for (auto &row : m.e)
    for (Poly &p : row)
      p = Poly(n);
  m.e[0][0].re[0] = 1;
  m.e[1][1].re[0] = 1;
  for (std::size_t j = lo; j < hi; ++j) {
    const Layer &l = layers[j];
    const std::size_t top = j - lo + 1; // degree after this layer
    for (int col = 0; col < 2; ++col) {
      Poly &r0 = m.e[0][col], &r1 = m.e[1][col];
      // new0[k] = e (c r0[k-1] + s r1[k]); new1[k] = s r0[k-1] - c r1[k];
      // k descending so that r0[k-1] is still the old value.
      for (std::size_t k = top + 1; k-- > 0;) {
        const Ld x0r = k ? r0.re[k - 1] : 0, x0i = k ? r0.im[k - 1] : 0;
        const Ld yr = r1.re[k], yi = r1.im[k];
        const Ld ar = l.c * x0r + l.s * yr, ai = l.c * x0i + l.s * yi;
        r0.re[k] = l.er * ar - l.ei * ai;
        r0.im[k] = l.er * ai + l.ei * ar;
        r1.re[k] = l.s * x0r - l.c * yr;
        r1.im[k] = l.s * x0i - l.c * yi;
      }
    }
  }
  return m;
}

class Multiplier {
public:
  ZMatrix multiply(const ZMatrix &hi, const ZMatrix &lo) {
    const std::size_t len = hi.size() + lo.size() - 1;
    const std::size_t n = detail::powerOfTwoAtLeast(len);
    const numeric::Fft<Ld> &fft = plan(n);
    std::array<std::array<Poly, 2>, 2> fh, fl;
    detail::forEachInParallel(8, n, [&](std::size_t k) {
      const int i = int(k / 4), j = int(k / 2 % 2);
      const Poly &src = (k % 2 ? lo : hi).e[i][j];
      Poly &dst = (k % 2 ? fl : fh)[i][j];
      dst = Poly(n);
      std::copy(src.re.begin(), src.re.end(), dst.re.begin());
      std::copy(src.im.begin(), src.im.end(), dst.im.begin());
      fft.forward(dst.re, dst.im);
    });
    ZMatrix r;
    const Ld inv = Ld(1) / Ld(n);
    detail::forEachInParallel(4, n, [&](std::size_t k) {
      const int i = int(k / 2), j = int(k % 2);
      Poly v(n);
      const Poly &a = fh[i][0], &b = fl[0][j], &c = fh[i][1], &d = fl[1][j];
      for (std::size_t t = 0; t < n; ++t) {
        v.re[t] = (a.re[t] * b.re[t] - a.im[t] * b.im[t]) + (c.re[t] * d.re[t] - c.im[t] * d.im[t]);
        v.im[t] = (a.re[t] * b.im[t] + a.im[t] * b.re[t]) + (c.re[t] * d.im[t] + c.im[t] * d.re[t]);
      }
      fft.inverse(v.re, v.im);
      v.re.resize(len);
      v.im.resize(len);
      for (std::size_t t = 0; t < len; ++t) {
        v.re[t] *= inv;
        v.im[t] *= inv;
      }
      r.e[i][j] = std::move(v);
    });
    return r;
  }

private:
  const numeric::Fft<Ld> &plan(std::size_t n) {
    std::lock_guard<std::mutex> lock(plansMutex);
    auto &slot = plans[n];
    if (!slot)
      slot = std::make_unique<numeric::Fft<Ld>>(n);
    return *slot;
  }
  std::mutex plansMutex;
  std::map<std::size_t, std::unique_ptr<numeric::Fft<Ld>>> plans;
};

/// topSize: the length of the whole product (its split is the parallel one).
ZMatrix product(const std::vector<Layer> &layers, std::size_t lo, std::size_t hi, Multiplier &mul,
                std::size_t topSize) {
  if (hi - lo <= kLeaf)
    return leafProduct(layers, lo, hi);
  const std::size_t mid = lo + (hi - lo) / 2;
  ZMatrix low, high;
  // The two halves are independent: the top split runs them on two cores.
  if (hi - lo == topSize && hi - lo >= 4096 && numeric::coreCount() > 1) {
    std::thread worker([&] { low = product(layers, lo, mid, mul, 0); });
    high = product(layers, mid, hi, mul, 0);
    worker.join();
  } else {
    low = product(layers, lo, mid, mul, 0);
    high = product(layers, mid, hi, mul, 0);
  }
  return mul.multiply(high, low);
}

double roundUp(Ld x) { return std::nextafter(static_cast<double>(x), HUGE_VAL); }

} // namespace

GqspPair gqspPolynomials(const GqspPhases &phases) {
  const std::size_t d = phases.degree();
  if (phases.theta.empty() || phases.phi.size() != phases.theta.size())
    throw Error("GQSP phases: theta and phi need the same length d + 1 >= 1");
  for (std::size_t j = 0; j <= d; ++j)
    if (!std::isfinite(phases.theta[j]) || !std::isfinite(phases.phi[j]))
      throw Error("GQSP phases: angle " + std::to_string(j) + " is not finite");
  if (!std::isfinite(phases.lambda))
    throw Error("GQSP phases: lambda is not finite");
  std::vector<Layer> layers(d + 1);
  for (std::size_t j = 1; j <= d; ++j)
    layers[j] = layerOf(phases.theta[j], phases.phi[j]);
  Multiplier mul;
  const ZMatrix m = product(layers, 1, d + 1, mul, d);
  // R(theta_0, phi_0, lambda) e_0 = (e^{i(lambda + phi_0)} cos, e^{i lambda} sin).
  const Ld c0 = std::cos(Ld(phases.theta[0])), s0 = std::sin(Ld(phases.theta[0]));
  const Ld a0 = Ld(phases.lambda) + Ld(phases.phi[0]), l0 = phases.lambda;
  const Ld v0r = std::cos(a0) * c0, v0i = std::sin(a0) * c0;
  const Ld v1r = std::cos(l0) * s0, v1i = std::sin(l0) * s0;
  GqspPair out;
  out.p.resize(d + 1);
  out.q.resize(d + 1);
  for (int row = 0; row < 2; ++row) {
    const Poly &x = m.e[row][0], &y = m.e[row][1];
    auto &dst = row == 0 ? out.p : out.q;
    for (std::size_t k = 0; k <= d; ++k)
      dst[k] = {(x.re[k] * v0r - x.im[k] * v0i) + (y.re[k] * v1r - y.im[k] * v1i),
                (x.re[k] * v0i + x.im[k] * v0r) + (y.re[k] * v1i + y.im[k] * v1r)};
  }
  return out;
}

double gqspRoundingBound(std::size_t degree) {
  const double u = static_cast<double>(kUnit);
  const double gamma4 = 4 * u / (1 - 4 * u), mu = 6 * u;
  const double eta = 2 * (mu + gamma4 * (std::sqrt(2.0) + mu));
  auto kappa = [&](std::size_t n) {
    const double l = std::log2(double(n));
    return l * eta / (1 - l * eta);
  };
  auto leaf = [&](std::size_t layers) {
    double e = 0;
    for (std::size_t k = 1; k <= layers; ++k)
      e += 46 * u * std::sqrt(double(k + 1)) + 8 * u;
    return e;
  };
  struct Rec {
    decltype(leaf) &leafB;
    decltype(kappa) &kap;
    double u;
    double operator()(std::size_t layers) const {
      if (layers <= kLeaf)
        return leafB(layers);
      const std::size_t half = layers / 2;
      const double el = (*this)(half), eh = (*this)(layers - half);
      const std::size_t n = detail::powerOfTwoAtLeast(layers + 1);
      const double own = 2 * std::sqrt(double(layers + 1)) * (6 * kap(n) + 10 * u);
      return el + eh + el * eh + own * (1 + el) * (1 + eh);
    }
  };
  const double product = degree ? Rec{leaf, kappa, u}(degree) : 0;
  const double column = 16 * u * std::sqrt(double(degree + 1)) + 8 * u;
  return (product + column) * 1.01; // slack for the bound's own rounding
}

GqspCertificate certifyGqsp(const GqspPhases &phases, const std::vector<GqspComplex> &p,
                            const std::vector<GqspComplex> &q) {
  if (p.size() != phases.theta.size())
    throw Error("GQSP certificate: " + std::to_string(phases.theta.size()) +
                " layers for a polynomial with " + std::to_string(p.size()) + " coefficients");
  const GqspPair back = gqspPolynomials(phases);
  auto l1 = [](const std::vector<GqspComplex> &want, const std::vector<std::complex<Ld>> &got) {
    Ld sum = 0;
    for (std::size_t k = 0; k < got.size(); ++k) {
      const std::complex<Ld> w(want.size() > k ? want[k].real() : 0.0,
                               want.size() > k ? want[k].imag() : 0.0);
      sum += std::hypot(got[k].real() - w.real(), got[k].imag() - w.imag());
    }
    return sum * (1 + Ld(got.size() + 8) * kUnit);
  };
  GqspCertificate c;
  c.coefficientError = roundUp(l1(p, back.p));
  c.complementError = q.empty() ? 0.0 : roundUp(l1(q, back.q));
  c.roundingBound = gqspRoundingBound(phases.degree());
  c.bound = std::nextafter(c.coefficientError + c.roundingBound, HUGE_VAL);
  return c;
}

} // namespace qsvtc::qsp
