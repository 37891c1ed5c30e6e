//===- GqspAngles.cpp - GQSP angles by fast layer stripping ---------------===//
//
// One stripping step (Motlagh, Wiebe, proof of Thm 3) on S = (P, Q) of
// degree n: S <- A^{-1} R(theta, phi, 0)^dagger S, A^{-1} = diag(1/z, 1),
// with theta, phi chosen so that the new top row has no constant term:
//   theta = atan2(|p_0|, |q_0|),  phi = arg p_0 - arg q_0 - pi.
// |P|^2 + |Q|^2 = 1 (p_n conj(p_0) + q_n conj(q_0) = 0) then also cancels
// the bottom row's z^n, so S keeps polynomial entries of degree n - 1. The
// last pair (p_0, q_0) gives theta_0, phi_0 and lambda = arg q_0.
// The paper fixes the layer from the leading pair (p_n, q_n) instead; in
// exact arithmetic that is the same layer, but in floating point it loses
// about a digit per few layers (5e-7 at degree 64 on random P). The
// trailing pair is stable because Q is outer: |q_0| = exp(mean log |Q|) is
// as large as a complement's constant can be (as in the stable inverse
// NLFT of Ni, Sarkar, Ying, Lin, which divides by the outer a*_0).
//
// Fast version: after j steps the trailing column depends only on the
// original columns 0..j. strip() takes a window of the m bottom columns,
// strips the first h = m/2 layers recursively on its bottom h columns,
// which also returns their product L(w) (a 2x2 matrix polynomial in w = 1/z
// of degree h), applies L to the window by FFT (a middle product: only the
// m - h columns that do not depend on what lies above the window are
// kept), and strips the other m - h layers on the result. Each level costs
// O(m log m), so the whole is O(d log^2 d).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Gqsp.h"

#include "ComplexFft.h"
#include "qsvtc/numeric/Fft.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace qsvtc::qsp {

using detail::Cd;

namespace {

/// Below this many layers a window is stripped step by step.
constexpr std::size_t kLeaf = 64;
const double kPi = numeric::piValue<double>();

/// A 2x2 matrix of polynomials in w = 1/z, e[i][j][t] the w^t coefficient.
struct WMatrix {
  std::array<std::array<std::vector<Cd>, 2>, 2> e;
};

struct Step {
  double theta, phi;
  Cd emc; // e^{-i phi} cos theta
  Cd ems; // e^{-i phi} sin theta
  double c, s;
};

/// The layer that cancels the constant term a = p_0 against b = q_0.
Step stepFor(Cd a, Cd b) {
  Step st;
  st.theta = std::atan2(std::abs(a), std::abs(b));
  st.phi = std::remainder(std::arg(a) - std::arg(b) - kPi, 2 * kPi);
  st.c = std::cos(st.theta);
  st.s = std::sin(st.theta);
  const Cd em = std::polar(1.0, -st.phi);
  st.emc = em * st.c;
  st.ems = em * st.s;
  return st;
}

/// Recorded angles in stripping order: index 0 is layer d.
struct Angles {
  std::vector<double> theta, phi;
  void add(const Step &st) {
    theta.push_back(st.theta);
    phi.push_back(st.phi);
  }
};

/// `strips` steps on the window top[0..len), bot[0..len) in place (the
/// window loses its top column per step; what is left stays at the
/// front). When L is given it receives the product of the steps.
void leafStrip(Cd *top, Cd *bot, std::size_t len, std::size_t strips, Angles &out, WMatrix *L) {
  if (L) { // the identity, with room for the product's degree
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j)
        L->e[i][j].assign(strips + 1, Cd(0));
    L->e[0][0][0] = L->e[1][1][0] = 1;
  }
  for (std::size_t s = 0; s < strips; ++s) {
    const std::size_t n = len - s;
    const Step st = stepFor(top[0], bot[0]);
    out.add(st);
    for (std::size_t k = 0; k + 1 < n; ++k) {
      const Cd newBot = st.ems * top[k] - st.c * bot[k];
      top[k] = st.emc * top[k + 1] + st.s * bot[k + 1];
      bot[k] = newBot;
    }
    if (!L)
      continue;
    // L <- A^{-1} R^dagger L: the top row also moves up one power of w.
    for (int j = 0; j < 2; ++j) {
      std::vector<Cd> &l0 = L->e[0][j], &l1 = L->e[1][j];
      for (std::size_t t = s + 1; t-- > 0;) {
        const Cd a = l0[t], b = l1[t];
        l0[t + 1] = st.emc * a + st.s * b;
        l1[t] = st.ems * a - st.c * b;
      }
      l0[0] = 0;
    }
  }
}

/// r_e = sum_t l_t x_{e+t}, e < x.size() - (l.size() - 1), for the 2x2
/// matrix l and the pair x, by one cyclic convolution of length >= |x|
/// (indices >= deg l of it are free of wrap-around).
void middleProduct(const WMatrix &l, const Cd *top, const Cd *bot, std::size_t m, Cd *outTop,
                   Cd *outBot) {
  const std::size_t h = l.e[0][0].size() - 1, keep = m - h;
  const std::size_t n = numeric::nextFiveSmooth(m);
  std::array<std::vector<Cd>, 2> x;
  detail::forEachInParallel(2, n, [&](std::size_t i) {
    x[i].assign(n, Cd(0));
    std::copy(i ? bot : top, (i ? bot : top) + m, x[i].begin());
    detail::fftForward(x[i]);
  });
  const double inv = 1.0 / double(n);
  detail::forEachInParallel(2, n, [&](std::size_t i) {
    std::array<std::vector<Cd>, 2> lr;
    for (int j = 0; j < 2; ++j) {
      lr[j].assign(n, Cd(0));
      std::reverse_copy(l.e[i][j].begin(), l.e[i][j].end(), lr[j].begin());
      detail::fftForward(lr[j]);
    }
    for (std::size_t k = 0; k < n; ++k)
      lr[0][k] = lr[0][k] * x[0][k] + lr[1][k] * x[1][k];
    detail::fftInverse(lr[0]);
    Cd *out = i == 0 ? outTop : outBot;
    for (std::size_t e = 0; e < keep; ++e)
      out[e] = lr[0][h + e] * inv;
  });
}

/// hi * lo as polynomials in w.
WMatrix multiply(const WMatrix &hi, const WMatrix &lo) {
  const std::size_t dh = hi.e[0][0].size() - 1, dl = lo.e[0][0].size() - 1;
  const std::size_t n = numeric::nextFiveSmooth(dh + dl + 1);
  std::array<std::array<std::vector<Cd>, 2>, 2> fh, fl;
  detail::forEachInParallel(8, n, [&](std::size_t k) {
    const int i = int(k / 4), j = int(k / 2 % 2);
    const WMatrix &src = k % 2 ? lo : hi;
    std::vector<Cd> &dst = (k % 2 ? fl : fh)[i][j];
    dst.assign(n, Cd(0));
    std::copy(src.e[i][j].begin(), src.e[i][j].end(), dst.begin());
    detail::fftForward(dst);
  });
  WMatrix r;
  const double inv = 1.0 / double(n);
  detail::forEachInParallel(4, n, [&](std::size_t k) {
    const int i = int(k / 2), j = int(k % 2);
    std::vector<Cd> v(n);
    for (std::size_t t = 0; t < n; ++t)
      v[t] = fh[i][0][t] * fl[0][j][t] + fh[i][1][t] * fl[1][j][t];
    detail::fftInverse(v);
    v.resize(dh + dl + 1);
    for (Cd &c : v)
      c *= inv;
    r.e[i][j] = std::move(v);
  });
  return r;
}

/// Strips m layers from the window of the m bottom columns (top, bot
/// unchanged); L, when given, receives their product.
void strip(const Cd *top, const Cd *bot, std::size_t m, Angles &out, WMatrix *L) {
  if (m <= kLeaf) {
    std::vector<Cd> t(top, top + m), b(bot, bot + m);
    leafStrip(t.data(), b.data(), m, m, out, L);
    return;
  }
  const std::size_t h = m / 2;
  WMatrix l1;
  strip(top, bot, h, out, &l1);
  std::vector<Cd> t(m - h), b(m - h);
  middleProduct(l1, top, bot, m, t.data(), b.data());
  if (!L) {
    strip(t.data(), b.data(), m - h, out, nullptr);
    return;
  }
  WMatrix l2;
  strip(t.data(), b.data(), m - h, out, &l2);
  *L = multiply(l2, l1);
}

/// Strips m layers from m + 1 columns and returns the last pair in
/// (top[0], bot[0]).
void solve(std::vector<Cd> &top, std::vector<Cd> &bot, Angles &out) {
  std::size_t m = top.size() - 1;
  while (m > kLeaf) {
    const std::size_t h = m / 2;
    WMatrix l1;
    strip(top.data(), bot.data(), h, out, &l1);
    std::vector<Cd> t(m + 1 - h), b(m + 1 - h);
    middleProduct(l1, top.data(), bot.data(), m + 1, t.data(), b.data());
    top = std::move(t);
    bot = std::move(b);
    m -= h;
  }
  leafStrip(top.data(), bot.data(), m + 1, m, out, nullptr);
}

void checkPair(const std::vector<GqspComplex> &p, const std::vector<GqspComplex> &q) {
  if (p.empty() || p.size() != q.size())
    throw Error("GQSP angles: P and Q need the same number of coefficients (got " +
                std::to_string(p.size()) + " and " + std::to_string(q.size()) + ")");
  for (std::size_t k = 0; k < p.size(); ++k)
    if (!std::isfinite(p[k].real()) || !std::isfinite(p[k].imag()) || !std::isfinite(q[k].real()) ||
        !std::isfinite(q[k].imag()))
      throw Error("GQSP angles: coefficient " + std::to_string(k) + " is not finite");
}

GqspPhases finish(const Angles &a, Cd p0, Cd q0) {
  const std::size_t d = a.theta.size();
  GqspPhases r;
  r.theta.resize(d + 1);
  r.phi.resize(d + 1);
  for (std::size_t s = 0; s < d; ++s) {
    r.theta[d - s] = a.theta[s];
    r.phi[d - s] = a.phi[s];
  }
  r.theta[0] = std::atan2(std::abs(q0), std::abs(p0));
  r.phi[0] = std::remainder(std::arg(p0) - std::arg(q0), 2 * kPi);
  r.lambda = std::arg(q0);
  return r;
}

} // namespace

GqspPhases gqspAngles(const std::vector<GqspComplex> &p, const std::vector<GqspComplex> &q) {
  checkPair(p, q);
  std::vector<Cd> top(p), bot(q);
  Angles a;
  solve(top, bot, a);
  return finish(a, top[0], bot[0]);
}

GqspPhases gqspAnglesLayerStripping(const std::vector<GqspComplex> &p,
                                    const std::vector<GqspComplex> &q) {
  checkPair(p, q);
  std::vector<Cd> top(p), bot(q);
  Angles a;
  leafStrip(top.data(), bot.data(), top.size(), top.size() - 1, a, nullptr);
  return finish(a, top[0], bot[0]);
}

} // namespace qsvtc::qsp
