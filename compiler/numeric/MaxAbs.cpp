//===- MaxAbs.cpp - max |p| on [-1, 1] with a rigorous upper bound --------===//
//
// With x = cos(theta), p(x) = T(theta) = sum_k c_k cos(k theta) and
//   T'   = -sin(theta) p'(x),   T''  = -B(x),   T''' = sin(theta) B'(x),
// where B = sum_k k^2 c_k T_k. So the four are Chebyshev sums: on the grid
// theta_j = pi j / N they are four DCTs (chebyshevValues), anywhere else
// four Clenshaw sums. Each cell [theta - r, theta + r] gets the cubic
// Taylor model of T about its centre; |T| on the cell is at most the
// model's max |.| plus sum_k k^4 |c_k| r^4 / 24 plus rounding. Every cell
// whose bound exceeds the best value attained so far (by more than the
// tolerance) is split in four, and so on, so `upper` is a bound over all
// of [0, pi] and `value` is met at a point.
//
// Rounding terms: the DCTs by the normwise FFT bound (Higham, Accuracy and
// Stability, ch. 24: ||dy|| <= log2(n) c eps ||y||, taken with c = 4, and
// ||y||_2 <= sqrt(2N) ||x||_2 turned into a bound on every entry); Clenshaw
// sums by 8 (d + 1) eps sum|c_k| (each of d steps adds at most 2 eps of the
// running sums, which Clenshaw keeps below sum|c_k| up to a factor of 2).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/numeric/MaxAbs.h"

#include "qsvtc/numeric/Chebyshev.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <queue>

namespace qsvtc::numeric {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
/// Finer grids replace one-by-one refinement up to this size.
constexpr std::size_t kRegridCap = std::size_t(1) << 20;
/// One-by-one refinement stops after about this many Clenshaw terms (~1 s);
/// the result then says it is incomplete.
constexpr double kRefineTerms = 4e8;

/// The first grid: a power of two >= 64 (d + 1) up to degree 1023 (the
/// first remainder is then ~1.5e-8 of sum|c_k|), >= 16 (d + 1) above (four
/// DCTs of 2^18 points at d = 8192).
std::size_t gridSize(std::size_t degree) {
  const std::size_t perDegree = degree < 1024 ? 64 : 16;
  std::size_t n = 64;
  while (n < perDegree * (degree + 1))
    n *= 2;
  return n;
}

/// sum_k a_k cos(pi j k / n) for j = 0..n (a zero-padded DCT-I).
std::vector<double> valuesOnGrid(const std::vector<double> &a, std::size_t n) {
  std::vector<double> padded(n + 1, 0.0);
  std::copy(a.begin(), a.end(), padded.begin());
  return chebyshevValues(padded);
}

/// Past this degree FFTW's DCT-I of the grids above takes seconds each
/// (2.6 s at 2^21 + 1 points on the reference machine), so only the
/// one-grid estimate below is made.
constexpr std::size_t kLocatedMaxDegree = 8192;

/// max |p| on the Chebyshev points cos(pi j / N), N a power of two >=
/// 8 (d + 1) + 1024: `value` is attained; `upper` is Ehlich and Zeller's
/// bound value / cos(pi d / (2 N)) (about 2% above), so `complete` is false.
MaxAbs gridEstimate(const std::vector<double> &coef) {
  std::size_t n = 1024;
  while (n < 8 * coef.size() + 1024)
    n *= 2;
  const std::vector<double> values = valuesOnGrid(coef, n);
  MaxAbs out;
  out.complete = false;
  for (std::size_t j = 0; j < values.size(); ++j) {
    const double v = std::abs(values[j]);
    if (!(v <= out.value)) { // also takes NaN, which then stays
      out.value = v;
      out.at = std::cos(M_PI * static_cast<double>(j) / static_cast<double>(n));
    }
  }
  const double d = static_cast<double>(coef.size() - 1);
  out.upper = out.value / std::cos(M_PI * d / (2 * static_cast<double>(n)));
  return out;
}

/// T and its first three theta-derivatives at a point.
struct Jet {
  double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
};

/// max |f(h)| over |h| <= r for the cubic f = t0 + t1 h + t2 h^2/2 + t3 h^3/6,
/// and where: the ends, the centre and the roots of f' in range.
std::pair<double, double> cubicMax(const Jet &j, double r) {
  double best = -1, where = 0;
  auto consider = [&](double h) {
    if (!(std::abs(h) <= r))
      return;
    const double f = std::abs(j.t0 + h * (j.t1 + h * (j.t2 / 2 + h * j.t3 / 6)));
    if (f > best)
      best = f, where = h;
  };
  consider(0);
  consider(-r);
  consider(r);
  const double a = j.t3 / 2, b = j.t2, c = j.t1; // f' = a h^2 + b h + c
  if (a == 0) {
    if (b != 0)
      consider(-c / b);
  } else if (const double disc = b * b - 4 * a * c; disc >= 0) {
    const double q = -0.5 * (b + std::copysign(std::sqrt(disc), b));
    if (q != 0) {
      consider(q / a);
      consider(c / q);
    }
  }
  return {best, where};
}

double absSum(const std::vector<double> &c, int power) {
  double s = 0;
  for (std::size_t k = 0; k < c.size(); ++k)
    s += std::pow(static_cast<double>(k), power) * std::abs(c[k]);
  return s;
}

double norm2(const std::vector<double> &c) {
  double s = 0;
  for (double v : c)
    s += v * v;
  return std::sqrt(s);
}

class Finder {
public:
  Finder(const std::vector<double> &coef, double decide)
      : c(coef), dp(chebyshevDerivative(coef)), decide(decide) {
    b.resize(c.size());
    for (std::size_t k = 0; k < c.size(); ++k)
      b[k] = static_cast<double>(k) * static_cast<double>(k) * c[k];
    db = chebyshevDerivative(b);
    s0 = absSum(c, 0);
    s1 = absSum(c, 1);
    s3 = absSum(c, 3);
    s4 = absSum(c, 4);
    d = static_cast<double>(c.size());
    sums = {s0, absSum(dp, 0), absSum(b, 0), absSum(db, 0)};
    norms = {norm2(c), norm2(dp), norm2(b), norm2(db)};
  }

  MaxAbs run() {
    if (!std::isfinite(s0) || !std::isfinite(s4)) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      return {nan, 1, nan, 0, true};
    }
    // Many open cells (a target with many nearly equal peaks, such as
    // cos(tau x), near 1) are cheaper to settle on a 4x finer grid (four
    // DCTs, ~15 ns a point) than one by one (17 Clenshaw sums each, ~3 ns
    // a term).
    for (std::size_t n = gridSize(c.size() - 1);; n *= 4) {
      gridPass(n);
      const double oneByOne = static_cast<double>(open.size()) * 17 * d * 3e-9;
      const double finer = 4 * 4 * static_cast<double>(n) * 15e-9;
      if (4 * n > kRegridCap || oneByOne <= finer)
        break;
      open = {};
      result.upper = 0;
    }
    refine();
    result.upper = std::max(result.upper, result.value);
    return result;
  }

private:
  struct Cell {
    double centre, radius, bound;
    int depth;
    bool operator<(const Cell &o) const { return bound < o.bound; } // max-heap on bound
  };

  const std::vector<double> &c;
  std::vector<double> dp, b, db;
  double decide;
  double s0 = 0, s1 = 0, s3 = 0, s4 = 0, d = 0;
  std::array<double, 4> sums{}, norms{}; ///< sum |.| and l2 norm of c, p', B, B'
  MaxAbs result;
  std::priority_queue<Cell> open; ///< cells that may hold the maximum

  /// r^4 by two products (std::pow was 10% of a degree-100 phase solve);
  /// their two roundings are covered by the (1 + 4 eps).
  double remainder(double r) const {
    const double r2 = r * r;
    return s4 * (r2 * r2) / 24 * (1 + 4 * kEps);
  }

  /// Rounding in a cell model of radius r: `per` times each series' size,
  /// weighted as its Taylor term (r^n / n!), plus the rounding of the
  /// derivative series' coefficients (sums of up to d terms 2 k |c_k|,
  /// resp. 2 k^3 |c_k|).
  double rounding(double r, const std::array<double, 4> &size, double per) const {
    return per * (size[0] + r * size[1] + r * r / 2 * size[2] + r * r * r / 6 * size[3]) +
           kEps * d * 2 * (r * s1 + r * r * r / 6 * s3);
  }
  double tolerance() const { return std::max(1e-15 * s0, 0.05 * std::abs(decide - result.value)); }

  void attained(double value, double theta) {
    if (value > result.value) {
      result.value = value;
      result.at = std::cos(theta);
    }
  }

  /// A cell with its model: kept open while it could beat the best value.
  void cell(double centre, double radius, const Jet &jet, double rounding, int depth) {
    const auto [model, h] = cubicMax(jet, radius);
    if (depth > 0) { // a refined cell: its centre, and T at the model's peak
      attained(std::abs(jet.t0), centre);
      if (h != 0 && model > result.value)
        attained(std::abs(clenshaw(c, std::cos(centre + h))), centre + h);
    }
    const double bound = model + remainder(radius) + rounding;
    // Splitting a cell cuts its remainder 256-fold; once that is below the
    // rounding, or after 12 splits (4^-12 of a grid cell), it stays as is.
    if (bound > result.value + tolerance() && remainder(radius) > rounding && depth < 12) {
      open.push({centre, radius, bound, depth});
      return;
    }
    // A grid cell closed that way may still peak between grid points above
    // every value seen (by 6e-8 in a random degree-256 case): its model's
    // peak is then as accurate as the function, so evaluate p there.
    if (depth == 0 && h != 0 && model > result.value + tolerance())
      attained(std::abs(clenshaw(c, std::cos(centre + h))), centre + h);
    result.upper = std::max(result.upper, bound);
  }

  void gridPass(std::size_t n) {
    const std::vector<double> v0 = valuesOnGrid(c, n), v1 = valuesOnGrid(dp, n),
                              v2 = valuesOnGrid(b, n), v3 = valuesOnGrid(db, n);
    const double r = M_PI / (2 * static_cast<double>(n));
    const double fft =
        rounding(r, norms, 4 * kEps * std::log2(2.0 * n) * std::sqrt(2.0 * static_cast<double>(n)));
    for (std::size_t j = 0; j <= n; ++j) {
      const double theta = M_PI * static_cast<double>(j) / static_cast<double>(n);
      attained(std::abs(v0[j]), theta);
    }
    for (std::size_t j = 0; j <= n; ++j) {
      const double theta = M_PI * static_cast<double>(j) / static_cast<double>(n);
      const double s = std::sin(theta);
      cell(theta, r, {v0[j], -s * v1[j], -v2[j], s * v3[j]}, fft, 0);
    }
  }

  Jet jetAt(double theta) const {
    const double x = std::cos(theta), s = std::sin(theta);
    return {clenshaw(c, x), -s * clenshaw(dp, x), -clenshaw(b, x), s * clenshaw(db, x)};
  }

  void refine() {
    const double maxCells = kRefineTerms / (17 * d);
    while (!open.empty()) {
      const Cell top = open.top();
      open.pop();
      if (top.bound <= result.value + tolerance())
        result.upper = std::max(result.upper, top.bound);
      else if (result.refinedCells >= maxCells) {
        result.upper = std::max(result.upper, top.bound);
        result.complete = false;
      } else {
        ++result.refinedCells;
        const double r = top.radius / 4;
        for (int i = 0; i < 4; ++i) {
          const double centre = top.centre + (2 * i - 3) * r;
          cell(centre, r, jetAt(centre), rounding(r, sums, 8 * d * kEps), top.depth + 1);
        }
      }
    }
  }
};

} // namespace

MaxAbs maxAbsChebyshev(const std::vector<double> &coef, double decide) {
  if (coef.empty())
    return {};
  if (coef.size() == 1)
    return {std::abs(coef[0]), 1, std::abs(coef[0]), 0, true};
  if (coef.size() - 1 > kLocatedMaxDegree)
    return gridEstimate(coef);
  return Finder(coef, decide).run();
}

} // namespace qsvtc::numeric
