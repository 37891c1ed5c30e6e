//===- Certify.cpp - Measured error of a polynomial -----------------------===//
//
// The cost is Clenshaw (degree x points), so it is done in the cheapest
// arithmetic that is still far more precise than the solver's:
//  - coefficients that are doubles (the double solvers' output) are summed in
//    double-double: exact inputs, rounding near n 2^-104 sum|c_k|;
//  - wider coefficients are summed in raw MPFR (no allocation) at the
//    certification precision.
// f is always evaluated in MPFR at that precision. A parity-matching p is
// summed over its nonzero half (numeric::clenshawHalf's recurrences). The
// grid is split over the machine's cores; Boost's default precision is one
// process-wide value, set before the threads start and only read by them.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Certify.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/support/Error.h"

#include <boost/math/tools/minima.hpp>

#include <algorithm>
#include <cmath>

namespace qsvtc::approx {
using numeric::DoubleDouble;
using numeric::Mpfr;
namespace dd = numeric::dd;

namespace {

/// The polynomial to certify: the coefficients that Clenshaw runs over (all
/// of them, or the nonzero half) and how to finish the sum.
struct Series {
  int parity = -1; // -1: full series in T_k(x); 0/1: half series in y
  std::vector<Mpfr> mp;
  std::vector<double> dbl; // set when every coefficient is a double
};

/// p at xs[0..n) by Clenshaw in double-double (T_k in x, or the half
/// series in y = 2x^2 - 1, numeric::clenshawHalf's recurrences). Lanes
/// points share each pass over the coefficients, so their (latency-bound)
/// recurrences overlap.
// Compiled twice, run-time dispatched (glibc ifunc): AVX2 lanes where the
// CPU has them (1.5x), plain x86-64 elsewhere. No FMA in either clone, so
// the sums are the same to the bit.
__attribute__((target_clones("avx2", "default"))) void
clenshawDDMany(const Series &s, const double *xs, DoubleDouble *out, std::size_t n) {
  constexpr std::size_t Lanes = 8;
  const std::vector<double> &c = s.dbl;
  for (std::size_t i0 = 0; i0 < n; i0 += Lanes) {
    const std::size_t lanes = std::min(Lanes, n - i0);
    if (c.empty()) {
      for (std::size_t l = 0; l < lanes; ++l)
        out[i0 + l] = {};
      continue;
    }
    // Separate hi and lo arrays (not DoubleDouble[]): GCC vectorizes the
    // lanes then, 5x a one-point loop.
    DoubleDouble t[Lanes];
    double twoHi[Lanes], twoLo[Lanes], b1Hi[Lanes] = {}, b1Lo[Lanes] = {}, b2Hi[Lanes] = {},
                                       b2Lo[Lanes] = {};
    for (std::size_t l = 0; l < Lanes; ++l) {
      const double x = xs[i0 + std::min(l, lanes - 1)];
      if (s.parity < 0) {
        t[l] = {x, 0};
      } else {
        t[l] = dd::twoProd(x, x);
        t[l] = dd::addDouble({2 * t[l].hi, 2 * t[l].lo}, -1.0); // y = 2x^2 - 1
      }
      twoHi[l] = 2 * t[l].hi;
      twoLo[l] = 2 * t[l].lo;
    }
    for (std::size_t k = c.size(); k-- > 1;) {
      const double ck = c[k];
      for (std::size_t l = 0; l < Lanes; ++l) {
        const DoubleDouble b0 = dd::addDouble(
            dd::add(dd::mul({twoHi[l], twoLo[l]}, {b1Hi[l], b1Lo[l]}), {-b2Hi[l], -b2Lo[l]}), ck);
        b2Hi[l] = b1Hi[l];
        b2Lo[l] = b1Lo[l];
        b1Hi[l] = b0.hi;
        b1Lo[l] = b0.lo;
      }
    }
    for (std::size_t l = 0; l < lanes; ++l) {
      const double x = xs[i0 + l];
      const DoubleDouble b1{b1Hi[l], b1Lo[l]}, b2{b2Hi[l], b2Lo[l]};
      if (s.parity == 1) // x (c0 + 2y b1 - b2 - b1)
        out[i0 + l] = dd::mul(
            {x, 0}, dd::addDouble(dd::add(dd::add(dd::mul({twoHi[l], twoLo[l]}, b1), dd::neg(b2)),
                                          dd::neg(b1)),
                                  c[0]));
      else // c0 + t b1 - b2 (T_k in x, or T_j in y for the even half)
        out[i0 + l] = dd::addDouble(dd::add(dd::mul(t[l], b1), dd::neg(b2)), c[0]);
    }
  }
}

/// The same sums in raw MPFR; scratch values are the caller's.
struct MpfrScratch {
  Mpfr x, t, twoT, b1, b2, tmp, result;
};

void clenshawMpfr(const Series &s, MpfrScratch &w) {
  mpfr_ptr x = w.x.backend().data(), t = w.t.backend().data();
  mpfr_ptr twoT = w.twoT.backend().data(), r = w.result.backend().data();
  mpfr_ptr p1 = w.b1.backend().data(), p2 = w.b2.backend().data();
  mpfr_ptr tmp = w.tmp.backend().data();
  const std::vector<Mpfr> &c = s.mp;
  if (c.empty()) {
    mpfr_set_zero(r, 1);
    return;
  }
  if (s.parity < 0) {
    mpfr_set(t, x, MPFR_RNDN);
  } else {
    mpfr_sqr(t, x, MPFR_RNDN);
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
    mpfr_sub_ui(t, t, 1, MPFR_RNDN);
  }
  mpfr_mul_2ui(twoT, t, 1, MPFR_RNDN);
  mpfr_set_zero(p1, 1);
  mpfr_set_zero(p2, 1);
  for (std::size_t k = c.size(); k-- > 1;) {
    mpfr_mul(tmp, twoT, p1, MPFR_RNDN);
    mpfr_sub(tmp, tmp, p2, MPFR_RNDN);
    mpfr_add(p2, tmp, c[k].backend().data(), MPFR_RNDN); // new b0 into p2
    std::swap(p1, p2);
  }
  if (s.parity == 1) {
    mpfr_mul(tmp, twoT, p1, MPFR_RNDN);
    mpfr_sub(tmp, tmp, p2, MPFR_RNDN);
    mpfr_sub(tmp, tmp, p1, MPFR_RNDN);
    mpfr_add(tmp, tmp, c[0].backend().data(), MPFR_RNDN);
    mpfr_mul(r, tmp, x, MPFR_RNDN);
  } else {
    mpfr_mul(tmp, t, p1, MPFR_RNDN);
    mpfr_sub(tmp, tmp, p2, MPFR_RNDN);
    mpfr_add(r, tmp, c[0].backend().data(), MPFR_RNDN);
  }
}

struct Peak {
  double value = 0;
  double at = 0;
};

/// Chebyshev-spaced points on [a, b] (endpoints included), increasing.
void appendGrid(std::vector<double> &out, double a, double b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(i + 1 == n ? b : a + (b - a) * (1 - std::cos(M_PI * i / (n - 1))) / 2);
}

/// max |p(x) - f(x)| (`error`, f given) and max |p(x)| (`magnitude`) over
/// xs, using all cores. The double results are rounded up, so they are
/// never below the precise values.
struct Peaks {
  Peak error, magnitude;
};

Peaks maxOver(const Series &s, const TargetFunction *f, const std::vector<double> &xs) {
  const unsigned workers = numeric::workerCount(xs.size(), 256);
  std::vector<Peaks> peaks(workers);
  numeric::parallelChunks(xs.size(), workers, [&](std::size_t begin, std::size_t end, unsigned id) {
    MpfrScratch w;
    Mpfr fx, diff;
    Peaks &best = peaks[id];
    std::vector<DoubleDouble> pxs;
    if (!s.dbl.empty()) {
      pxs.resize(end - begin);
      clenshawDDMany(s, xs.data() + begin, pxs.data(), end - begin);
    }
    auto keep = [&](Peak &peak, double e, double x) {
      const double up = std::isnan(e) ? INFINITY : std::nextafter(e, INFINITY);
      if (up > peak.value)
        peak = {up, x};
    };
    for (std::size_t i = begin; i < end; ++i) {
      w.x = xs[i];
      if (!s.dbl.empty()) {
        DoubleDouble px = pxs[i - begin];
        keep(best.magnitude, std::abs(px.hi + px.lo), xs[i]);
        if (f) {
          fx = f->evalMpfr(w.x);
          const double fhi = static_cast<double>(fx);
          const double flo = static_cast<double>(Mpfr(fx - fhi));
          px = dd::add(px, dd::neg({fhi, flo}));
          keep(best.error, std::abs(px.hi + px.lo), xs[i]);
        }
      } else {
        clenshawMpfr(s, w);
        keep(best.magnitude, static_cast<double>(abs(w.result)), xs[i]);
        if (f) {
          diff = w.result - f->evalMpfr(w.x);
          keep(best.error, static_cast<double>(abs(diff)), xs[i]);
        }
      }
    }
  });
  Peaks best;
  for (const Peaks &p : peaks) {
    if (p.error.value > best.error.value)
      best.error = p.error;
    if (p.magnitude.value > best.magnitude.value)
      best.magnitude = p.magnitude;
  }
  return best;
}

/// A peak between two grid points can rise above both (by up to ~1% for
/// this grid density, Ehlich & Zeller 1964), so the grid's local maxima of
/// |p - f| (or |p|) near the top are refined by Brent's method in double
/// and the refined points added to the grid the precise pass evaluates.
void addRefinedPeaks(std::vector<double> &grid, const std::vector<Mpfr> &coef,
                     const TargetFunction *f, const Interval &within) {
  std::vector<double> c;
  for (const Mpfr &ck : coef)
    c.push_back(static_cast<double>(ck));
  auto absError = [&](double px, double x) {
    const double v = px - (f ? f->evalDouble(x) : 0.0);
    return std::isfinite(v) ? std::abs(v) : 0.0;
  };
  auto g = [&](double x) { return absError(numeric::clenshaw(c, x), x); };
  std::vector<double> v(grid.size());
  numeric::clenshawMany(c, -1, grid.data(), v.data(), grid.size());
  double top = 0;
  for (std::size_t i = 0; i < grid.size(); ++i)
    top = std::max(top, v[i] = absError(v[i], grid[i]));
  std::vector<double> refined;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const bool peak = (i == 0 || v[i] >= v[i - 1]) && (i + 1 == grid.size() || v[i] >= v[i + 1]);
    if (!peak || v[i] < 0.98 * top)
      continue;
    const double lo = i > 0 ? grid[i - 1] : grid[i];
    const double hi = i + 1 < grid.size() ? grid[i + 1] : grid[i];
    if (lo == hi)
      continue;
    std::uintmax_t iters = 60;
    const double x =
        boost::math::tools::brent_find_minima([&](double t) { return -g(t); }, lo, hi, 40, iters)
            .first;
    if (x >= within.lo && x <= within.hi)
      refined.push_back(x);
  }
  grid.insert(grid.end(), refined.begin(), refined.end());
}

} // namespace

Certificate certify(const std::vector<Mpfr> &coefIn, const TargetFunction &f,
                    const CertifyOptions &options) {
  numeric::PrecisionGuard guard(options.precisionBits);
  const std::size_t degree = coefIn.empty() ? 0 : coefIn.size() - 1;
  const std::size_t n =
      std::max(options.minPointsPerInterval, options.pointsPerDegree * (degree + 1));

  // A parity-matching p and a target of that parity: x >= 0 suffices, and
  // Clenshaw runs over the nonzero half.
  bool halfOnly = f.parity != Parity::None;
  for (std::size_t k = 0; halfOnly && k < coefIn.size(); ++k)
    if (coefIn[k] != 0 && static_cast<int>(k % 2) != parityIndex(f.parity))
      halfOnly = false;
  Series s;
  s.parity = halfOnly ? parityIndex(f.parity) : -1;
  for (std::size_t k = halfOnly ? s.parity : 0; k < coefIn.size(); k += halfOnly ? 2 : 1)
    s.mp.emplace_back(coefIn[k]); // exact: the precision only grows
  bool allDouble = true;
  for (const Mpfr &c : s.mp)
    allDouble = allDouble && Mpfr(static_cast<double>(c)) == c;
  if (allDouble)
    for (const Mpfr &c : s.mp)
      s.dbl.push_back(static_cast<double>(c));
  if (s.mp.empty())
    s.dbl.push_back(0.0), s.mp.emplace_back(0);

  const Domain domain = halfOnly ? f.domain.positiveHalf() : f.domain;
  const Interval all{halfOnly ? 0.0 : -1.0, 1.0};
  std::vector<double> onDomain;
  for (const Interval &iv : domain.parts()) {
    std::vector<double> grid;
    appendGrid(grid, iv.lo, iv.hi, n);
    addRefinedPeaks(grid, coefIn, &f, iv);
    onDomain.insert(onDomain.end(), grid.begin(), grid.end());
  }
  for (double x : options.extraPoints)
    if (domain.contains(x))
      onDomain.push_back(x);
  std::vector<double> whole;
  appendGrid(whole, all.lo, all.hi, n);
  addRefinedPeaks(whole, coefIn, nullptr, all);

  Certificate cert;
  Peak err, mag;
  if (domain.isInterval(all.lo, all.hi)) {
    // The domain is the whole interval: both grids have the same n
    // Chebyshev points, so one pass over them and either's refined peaks
    // gives both maxima (each over a superset of its own grid).
    onDomain.insert(onDomain.end(), whole.begin() + static_cast<std::ptrdiff_t>(n), whole.end());
    const Peaks both = maxOver(s, &f, onDomain);
    err = both.error;
    mag = both.magnitude;
    cert.gridPoints = onDomain.size();
  } else {
    err = maxOver(s, &f, onDomain).error;
    mag = maxOver(s, nullptr, whole).magnitude;
    cert.gridPoints = onDomain.size() + whole.size();
  }
  cert.maxError = err.value;
  cert.maxErrorAt = err.at;
  cert.maxAbs = mag.value;
  cert.maxAbsAt = mag.at;
  cert.precisionBits = options.precisionBits;
  return cert;
}

} // namespace qsvtc::approx
