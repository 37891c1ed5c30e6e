//===- Remez.cpp - Parity-aware Remez exchange ----------------------------===//
//
// The second Remez algorithm:
//   1. start from m+1 Chebyshev points of the work domain in its natural
//      variable (u = x^2 for a parity target, else x), or from a previous
//      reference resampled to m+1 points (warm start);
//   2. solve p(x_i) + (-1)^i h = f(x_i) for p and h, in barycentric form
//      (O(m^2), Pachon & Trefethen 2009; Filip et al. 2018);
//   3. find the local extrema of e = p - f: one per run of constant sign on a
//      grid of each interval (with the old reference merged in), refined by
//      Brent's method;
//   4. keep m+1 of them with alternating signs (drop the smallest at the
//      ends or as adjacent pairs), and repeat from 2.
// Every new reference alternates, so min |e| over it is a lower bound on the
// minimax error (de la Vallee Poussin); the grid maximum is an upper one.
// Reference: E. Ya. Remez (1934); Pachon & Trefethen, BIT 49 (2009).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Remez.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/EigenMpfr.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/support/Error.h"

#include <Eigen/Dense>
#include <boost/math/tools/minima.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qsvtc::approx {
using numeric::Mpfr;

namespace {
using std::abs, std::acos, std::cos, std::exp, std::log, std::sqrt;

template <class T> T machineEpsilon() { return std::numeric_limits<T>::epsilon(); }

/// Bits of precision of the scalar as configured now (Boost reports
/// INT_MAX digits for variable-precision Mpfr).
template <class T> int workingBits() {
  if constexpr (std::is_same_v<T, double>)
    return 53;
  else
    return static_cast<int>(mpfr_get_prec(T().backend().data()));
}

template <class T> T pi() { return acos(T(-1)); }
template <> double pi<double>() { return M_PI; }

/// A point of the error curve: where, and the error there.
template <class T> struct Extremum {
  T x;
  T e;
};

template <class T> class RemezSolver {
public:
  RemezSolver(const TargetFunction &f, int degree, const RemezOptions &opts)
      : f(f), degree(degree), opts(opts),
        work(f.parity == Parity::None ? f.domain : f.domain.positiveHalf()) {
    const int p = parityIndex(f.parity);
    for (int k = std::max(p, 0); k <= degree; k += (p < 0 ? 1 : 2))
      basis.push_back(k);
    buildGrid();
  }

  RemezResult<T> run() {
    RemezResult<T> out;
    std::vector<T> ref =
        opts.warmReference.empty() ? initialReference() : resampledReference(opts.warmReference);
    for (out.iterations = 1; out.iterations <= opts.maxIterations; ++out.iterations) {
      // e(x_i) = -(-1)^i h on the reference; a zero h still gets a sign.
      T h = solve(ref, out);
      if (h == 0)
        h = T(1e-300);
      std::vector<Extremum<T>> ext = extrema(ref, T(-h));
      out.maxError = T(0);
      for (const Extremum<T> &x : ext)
        out.maxError = std::max(out.maxError, T(abs(x.e)));
      if (out.maxError <= tinyError()) { // f is (numerically) a polynomial
        out.converged = true;
        break;
      }
      if (!selectAlternating(ext))
        break; // cannot happen with the old reference merged in; be safe
      T minRef = abs(ext.front().e);
      for (const Extremum<T> &x : ext)
        minRef = std::min(minRef, T(abs(x.e)));
      out.lowerBound = std::max(out.lowerBound, minRef);
      ref.clear();
      for (const Extremum<T> &x : ext)
        ref.push_back(x.x);
      out.reference = ref;
      // Converged, or as close as rounding in the working precision allows.
      const bool converged =
          out.maxError - out.lowerBound <= T(opts.tolerance) * out.maxError + tinyError();
      const bool decided =
          opts.decide && (out.maxError <= T(*opts.decide) || out.lowerBound > T(*opts.decide));
      if (converged || decided) {
        out.converged = converged;
        break;
      }
    }
    out.iterations = std::min(out.iterations, opts.maxIterations);
    if (opts.wantCoefficients)
      out.coef = chebyshevCoefficients(ref);
    return out;
  }

private:
  const TargetFunction &f;
  int degree;
  RemezOptions opts;
  Domain work;
  std::vector<int> basis;
  std::vector<T> gridX, gridF; // search grid (increasing) and f on it
  std::vector<int> gridPart;   // which interval each grid point is in
  T fScale = T(0);             // max |f| on the grid
  // The current polynomial in barycentric form: p(x) = w(x) q(u(x)), q the
  // interpolant of values v_i at nodes u_i with barycentric weights lambda_i
  // (w = x for odd targets, else 1).
  std::vector<T> nodes, lambda, values;

  std::size_t unknowns() const { return basis.size() + 1; }

  /// Rounding level of p - f as evaluated here: f and p to a few ulps of
  /// their size, Clenshaw's error growing slowly with the degree. Below this
  /// the error curve is noise.
  T tinyError() const {
    return T(2) * machineEpsilon<T>() * (fScale + 1) *
           T(1 + std::log2(static_cast<double>(degree) + 1));
  }

  T weight(const T &x) const { return f.parity == Parity::Odd ? x : T(1); }
  T uOf(const T &x) const { return squared() ? T(x * x) : x; }

  /// p(x) by the second (true) barycentric formula: forward stable on the
  /// interval of the nodes (Higham 2004), O(m) like Clenshaw.
  T p(const T &x) const {
    const T u = uOf(x);
    T num = T(0), den = T(0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const T d = u - nodes[i];
      if (d == 0)
        return weight(x) * values[i];
      const T t = lambda[i] / d;
      num += t * values[i];
      den += t;
    }
    return weight(x) * (num / den);
  }
  T error(const T &x) const { return p(x) - f(x); }

  /// p() at xs[0..n), the same sums in the same order, but Lanes points
  /// share each pass over the nodes, so their divisions pipeline (and
  /// vectorize): ~2x on the search grid. The nodes are increasing.
  void pMany(const T *xs, T *out, std::size_t n) const {
    constexpr std::size_t Lanes = 8;
    for (std::size_t i0 = 0; i0 < n; i0 += Lanes) {
      const std::size_t lanes = std::min(Lanes, n - i0);
      T u[Lanes], num[Lanes], den[Lanes];
      bool onNode = false;
      for (std::size_t l = 0; l < Lanes; ++l) {
        u[l] = uOf(xs[i0 + std::min(l, lanes - 1)]);
        num[l] = den[l] = T(0);
        onNode = onNode || std::binary_search(nodes.begin(), nodes.end(), u[l]);
      }
      if (onNode) { // p()'s exact branch
        for (std::size_t l = 0; l < lanes; ++l)
          out[i0 + l] = p(xs[i0 + l]);
        continue;
      }
      for (std::size_t i = 0; i < nodes.size(); ++i)
        for (std::size_t l = 0; l < Lanes; ++l) {
          const T t = lambda[i] / (u[l] - nodes[i]);
          num[l] += t * values[i];
          den[l] += t;
        }
      for (std::size_t l = 0; l < lanes; ++l)
        out[i0 + l] = weight(xs[i0 + l]) * (num[l] / den[l]);
    }
  }

  /// The variable in which the work domain's polynomials are plain
  /// polynomials: u = x^2 for a parity target (p(x) = x^p q(x^2)), else
  /// u = x. Grids and the first reference are Chebyshev-spaced in u, which
  /// is where the minimax error equioscillates evenly (for 1/x on
  /// [delta, 1], Privalov's optimal polynomial is a Chebyshev polynomial in
  /// u mapped to [delta^2, 1]).
  bool squared() const { return f.parity != Parity::None; }
  T toX(const T &u) const { return squared() ? T(sqrt(u)) : u; }
  std::pair<T, T> uRange(const Interval &iv) const {
    return squared() ? std::pair{T(iv.lo) * T(iv.lo), T(iv.hi) * T(iv.hi)}
                     : std::pair{T(iv.lo), T(iv.hi)};
  }
  /// Point i of n Chebyshev-spaced points on [a, b] (i = 0 gives a).
  static T chebyshevSpaced(const T &a, const T &b, std::size_t i, std::size_t n) {
    if (i + 1 == n)
      return b;
    return a + (b - a) * (1 - cos(pi<T>() * T(i) / T(n - 1))) / 2;
  }

  void buildGrid() {
    // About 8 points per oscillation of the error (it has m+1 extrema,
    // spread evenly in the Chebyshev measure of u).
    const std::size_t perInterval = 8 * (basis.size() + 1) + 32;
    const auto &parts = work.parts();
    for (std::size_t j = 0; j < parts.size(); ++j) {
      const auto [a, b] = uRange(parts[j]);
      for (std::size_t i = 0; i < perInterval; ++i) {
        T x = toX(chebyshevSpaced(a, b, i, perInterval));
        if (i + 1 == perInterval)
          x = T(parts[j].hi); // exactly the endpoints
        else if (i == 0)
          x = T(parts[j].lo);
        gridX.push_back(x);
        gridPart.push_back(static_cast<int>(j));
        gridF.push_back(f(x));
        fScale = std::max(fScale, T(abs(gridF.back())));
      }
    }
  }

  /// m+1 Chebyshev extrema in u over the work domain, shared among its
  /// intervals by length (at least 2 each when there is room). For odd
  /// targets a point at x = 0 would have e = 0 for every odd p, so the
  /// range stops short of it, as the positive extrema of T_{2m+1} do.
  std::vector<T> initialReference() const {
    const std::size_t want = unknowns();
    const auto &parts = work.parts();
    std::vector<std::pair<T, T>> ranges;
    T total = T(0);
    for (const Interval &iv : parts) {
      ranges.push_back(uRange(iv));
      total += ranges.back().second - ranges.back().first;
    }
    std::vector<T> ref;
    std::size_t left = want;
    for (std::size_t j = 0; j < ranges.size(); ++j) {
      const auto [a, b] = ranges[j];
      const double share = static_cast<double>((b - a) / total) * want;
      const std::size_t count = j + 1 == ranges.size()
                                    ? left
                                    : std::min(left, std::max<std::size_t>(2, std::llround(share)));
      left -= count;
      for (std::size_t i = 0; i < count; ++i)
        ref.push_back(toX(referencePoint(a, b, i, count)));
    }
    std::sort(ref.begin(), ref.end());
    return ref;
  }

  /// Point i of `count` Chebyshev extrema of [a, b] (in u), decreasing in i;
  /// for an odd target with a = 0 the last stops short of u = 0.
  T referencePoint(const T &a, const T &b, std::size_t i, std::size_t count) const {
    if (count == 1)
      return b;
    T theta = pi<T>() * T(i) / T(count - 1);
    if (f.parity == Parity::Odd && a == T(0))
      theta = theta * T(2 * count - 2) / T(2 * count - 1);
    return a + (b - a) * (1 + cos(theta)) / 2;
  }

  /// A reference from another degree, resampled to m+1 points: positions
  /// are mapped to theta = arccos of the interval's Chebyshev variable and
  /// interpolated linearly in the index. Single-interval domains only; else
  /// the cold start.
  std::vector<T> resampledReference(const std::vector<double> &old) const {
    if (work.parts().size() != 1 || old.size() < 2)
      return initialReference();
    const auto [a, b] = uRange(work.parts()[0]);
    const double ua = static_cast<double>(a), ub = static_cast<double>(b);
    std::vector<double> theta;
    for (double x : old) {
      const double u = squared() ? x * x : x;
      const double t = std::clamp(2 * (u - ua) / (ub - ua) - 1, -1.0, 1.0);
      theta.push_back(std::acos(t)); // decreasing in x
    }
    std::sort(theta.begin(), theta.end());
    const std::size_t want = unknowns();
    std::vector<T> ref;
    for (std::size_t i = 0; i < want; ++i) {
      const double s = want == 1 ? 0.0 : static_cast<double>(i) * (theta.size() - 1) / (want - 1);
      const std::size_t k = std::min<std::size_t>(s, theta.size() - 2);
      const double t = theta[k] + (s - k) * (theta[k + 1] - theta[k]);
      ref.push_back(toX(a + (b - a) * (1 + cos(T(t))) / 2));
    }
    std::sort(ref.begin(), ref.end());
    ref.erase(std::unique(ref.begin(), ref.end()), ref.end());
    return ref.size() == want ? ref : initialReference();
  }

  /// Solves the levelled-error system on `ref` in barycentric form (Pachon &
  /// Trefethen's O(m^2) Remez step): q = p / w has degree m-1 and takes the
  /// m+1 values (f_i - (-1)^i h) / w_i, so their m-th divided difference
  /// sum_i lambda_i q(u_i) vanishes, which gives h in closed form:
  ///   h = sum lambda_i f_i / w_i  /  sum lambda_i (-1)^i / w_i.
  /// Sets the current polynomial and out.levelledError; returns h, signed so
  /// that e(x_i) = -(-1)^i h.
  T solve(const std::vector<T> &ref, RemezResult<T> &out) {
    const std::size_t n = ref.size();
    nodes.resize(n);
    lambda.resize(n);
    values.resize(n);
    std::vector<T> fw(n), logs(n);
    for (std::size_t i = 0; i < n; ++i) {
      nodes[i] = uOf(ref[i]);
      fw[i] = f(ref[i]) / weight(ref[i]);
    }
    // Weights 1/prod_{j != i}(u_i - u_j). They span many orders of
    // magnitude at high degree: in double, sum logs and normalise the
    // largest to 1; MPFR's exponent range needs no such care. The nodes are
    // increasing, so the sign is (-1)^(number of j > i).
    if constexpr (std::is_same_v<T, double>) {
      // n^2 logs: the rows are independent, so split them over the cores.
      numeric::parallelChunks(n, numeric::workerCount(n, 256),
                              [&](std::size_t begin, std::size_t end, unsigned) {
                                for (std::size_t i = begin; i < end; ++i) {
                                  double s = 0;
                                  for (std::size_t j = 0; j < n; ++j)
                                    if (j != i)
                                      s += std::log(std::fabs(nodes[i] - nodes[j]));
                                  logs[i] = s;
                                }
                              });
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        T prod = T(1);
        for (std::size_t j = 0; j < n; ++j)
          if (j != i)
            prod *= abs(nodes[i] - nodes[j]);
        logs[i] = log(prod); // one log per node
      }
    }
    const T smallest = *std::min_element(logs.begin(), logs.end());
    T num = T(0), den = T(0);
    for (std::size_t i = 0; i < n; ++i) {
      lambda[i] = exp(smallest - logs[i]);
      if ((n - 1 - i) % 2 == 1)
        lambda[i] = -lambda[i];
      const T alt = i % 2 == 0 ? T(1) : T(-1);
      num += lambda[i] * fw[i];
      den += lambda[i] * alt / weight(ref[i]);
    }
    const T h = num / den;
    for (std::size_t i = 0; i < n; ++i) {
      const T alt = i % 2 == 0 ? T(1) : T(-1);
      values[i] = fw[i] - alt * h / weight(ref[i]);
    }
    out.levelledError = abs(h);
    return h;
  }

  /// Chebyshev coefficients c_0..c_degree of the current p. When the work
  /// domain is the whole range of u, from the values at the degree+1
  /// Chebyshev points (one DCT). Otherwise p is only known accurately on the
  /// domain (values outside it extrapolate the barycentric form, with a
  /// Lebesgue constant that grows exponentially across a gap), so the
  /// coefficients come from a least-squares fit, by Householder QR, to its
  /// values at the reference points: backward stable, so p stays exact on
  /// the domain, and whatever p does outside is certified separately.
  std::vector<T> chebyshevCoefficients(const std::vector<T> &ref) const {
    if (degree == 0)
      return {p(T(0))};
    const bool wholeRange = work.isInterval(squared() ? 0.0 : -1.0, 1.0);
    std::vector<T> c(degree + 1, T(0));
    if (wholeRange) {
      std::vector<T> x = numeric::chebyshevPoints<T>(degree);
      std::vector<T> v(x.size());
      for (std::size_t i = 0; i < x.size(); ++i)
        v[i] = p(x[i]);
      c = numeric::chebyshevCoefficients(v);
      if (f.parity != Parity::None)
        c = numeric::parityProject(std::move(c), parityIndex(f.parity));
      return c;
    }
    using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
    Matrix a(ref.size(), basis.size());
    Vector rhs(ref.size());
    std::vector<T> tk(degree + 1);
    for (std::size_t i = 0; i < ref.size(); ++i) {
      tk[0] = T(1); // T_k(x_i) by the three-term recurrence
      tk[1] = ref[i];
      for (int k = 2; k <= degree; ++k)
        tk[k] = 2 * ref[i] * tk[k - 1] - tk[k - 2];
      for (std::size_t j = 0; j < basis.size(); ++j)
        a(i, j) = tk[basis[j]];
      rhs(i) = p(ref[i]);
    }
    const Vector sol = a.householderQr().solve(rhs);
    for (std::size_t j = 0; j < basis.size(); ++j)
      c[basis[j]] = sol(j);
    return c;
  }

  /// One extremum per run of constant error sign, refined. The previous
  /// reference joins the grid with its levelled errors (-1)^i h: it
  /// alternates, so the runs number at least m+1 even where e is too small
  /// for its sign to mean anything (far below the error near a gap, say).
  std::vector<Extremum<T>> extrema(const std::vector<T> &ref, const T &h) const {
    struct Point {
      T x, e;
      int part;
      bool refinable;
      bool onGrid; // a search-grid point (brackets refinement)
    };
    std::vector<T> gridE(gridX.size());
    numeric::parallelChunks(gridX.size(), numeric::workerCount(gridX.size(), 2048),
                            [&](std::size_t begin, std::size_t end, unsigned) {
                              pMany(gridX.data() + begin, gridE.data() + begin, end - begin);
                              for (std::size_t i = begin; i < end; ++i)
                                gridE[i] -= gridF[i];
                            });
    std::vector<Point> pts;
    pts.reserve(gridX.size() + ref.size());
    std::size_t r = 0;
    for (std::size_t i = 0; i <= gridX.size(); ++i) {
      while (r < ref.size() && (i == gridX.size() || ref[r] < gridX[i])) {
        const int part = i < gridX.size() ? gridPart[i] : gridPart.back();
        const T forced = r % 2 == 0 ? h : T(-h);
        const T e = error(ref[r]);
        if ((e > 0) == (forced > 0) && e != 0)
          pts.push_back({ref[r], e, part, true, false});
        else // sign lost in rounding: keep the alternation, never the max
          pts.push_back({ref[r], forced, part, false, false});
        ++r;
      }
      if (i < gridX.size())
        pts.push_back({gridX[i], gridE[i], gridPart[i], true, true});
    }
    // The largest |e| of each run of one sign, then refined in parallel.
    std::vector<std::size_t> peaks;
    int runSign = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const int sgn = pts[i].e > 0 ? 1 : (pts[i].e < 0 ? -1 : 0);
      if (sgn == 0)
        continue;
      if (sgn != runSign) {
        runSign = sgn;
        peaks.push_back(i);
      } else if (abs(pts[i].e) > abs(pts[peaks.back()].e)) {
        peaks.back() = i;
      }
    }
    std::vector<Extremum<T>> out(peaks.size());
    numeric::parallelChunks(
        peaks.size(), numeric::workerCount(peaks.size(), 64),
        [&](std::size_t begin, std::size_t end, unsigned) {
          for (std::size_t k = begin; k < end; ++k) {
            const Point &pt = pts[peaks[k]];
            out[k] = pt.refinable ? refine(pts, peaks[k]) : Extremum<T>{pt.x, pt.e};
          }
        });
    return out;
  }

  /// Brent's method for max sign*e between the grid points on either side
  /// of point i (inside its interval; merged reference points are skipped,
  /// as one next to the extremum would cut it out of the bracket). Half the
  /// working digits locate a smooth maximum to full precision in its value.
  template <class Points> Extremum<T> refine(const Points &pts, std::size_t i) const {
    const int part = pts[i].part;
    const T sign = pts[i].e > 0 ? T(1) : T(-1);
    std::size_t l = i, r = i;
    while (l > 0 && pts[l - 1].part == part && (l == i || !pts[l].onGrid))
      --l;
    while (r + 1 < pts.size() && pts[r + 1].part == part && (r == i || !pts[r].onGrid))
      ++r;
    const T lo = pts[l].x, hi = pts[r].x;
    Extremum<T> best{pts[i].x, pts[i].e};
    if (lo == hi)
      return best;
    const int bits = workingBits<T>() / 2;
    std::uintmax_t maxIter = 60;
    const auto [x, negE] = boost::math::tools::brent_find_minima(
        [&](const T &t) { return T(-sign * error(t)); }, lo, hi, bits, maxIter);
    if (-negE > sign * best.e)
      best = {x, T(-negE * sign)};
    return best;
  }

  /// Reduces alternating extrema to exactly m+1 = unknowns(): drop the
  /// smaller end while one too many, else the smallest interior point with
  /// its smaller neighbour (so signs keep alternating). False if too few.
  bool selectAlternating(std::vector<Extremum<T>> &ext) const {
    const std::size_t want = unknowns();
    while (ext.size() > want) {
      if (ext.size() - want == 1) {
        if (abs(ext.front().e) < abs(ext.back().e))
          ext.erase(ext.begin());
        else
          ext.pop_back();
        continue;
      }
      std::size_t k = 0;
      for (std::size_t i = 1; i < ext.size(); ++i)
        if (abs(ext[i].e) < abs(ext[k].e))
          k = i;
      if (k == 0 || k + 1 == ext.size()) {
        ext.erase(ext.begin() + k);
      } else {
        const std::size_t nb = abs(ext[k - 1].e) < abs(ext[k + 1].e) ? k - 1 : k + 1;
        ext.erase(ext.begin() + std::max(k, nb));
        ext.erase(ext.begin() + std::min(k, nb));
      }
    }
    return ext.size() == want;
  }
};

} // namespace

template <class T>
RemezResult<T> remez(const TargetFunction &f, int degree, const RemezOptions &options) {
  if (degree < 0)
    throw Error("degree must be >= 0, got " + std::to_string(degree));
  if (f.parity != Parity::None && degree % 2 != parityIndex(f.parity))
    throw Error("degree " + std::to_string(degree) + " does not match the " + parityName(f.parity) +
                " parity of " + f.formula);
  RemezSolver<T> solver(f, degree, options);
  return solver.run();
}

template RemezResult<double> remez<double>(const TargetFunction &, int, const RemezOptions &);
template RemezResult<Mpfr> remez<Mpfr>(const TargetFunction &, int, const RemezOptions &);

} // namespace qsvtc::approx
