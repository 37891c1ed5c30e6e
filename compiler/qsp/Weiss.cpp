//===- Weiss.cpp - Fast symmetric QSP phases: Weiss + inverse NLFFT -------===//
//
// Ni, Sarkar, Ying, Lin, arXiv 2505.12615; QSPPACK QSP_Weiss_INFFT.m
// (b from c after its `coef = -coef`, the Nyquist term doubled with the
// negative frequencies, atan of the layers) and INFFT.m. Beyond a port:
//
//  - Everything is real. b has real coefficients, so |b|^2 on the grid
//    comes from one real-to-complex FFT; log sqrt(1 - |b|^2) is real and
//    even, so its Fourier coefficients are real (one more r2c); the
//    projected coefficients r' are real, so G = conj(r2c(r')); and exp(G)
//    is Hermitian, so a^* = c2r(exp G) / N. Four real transforms (half the
//    cost of complex ones), in place in one buffer of N + 2 doubles: the
//    Weiss grid is the memory peak of the whole solver (N ~ 25 d for
//    0.5 cos(tau x), with one FFTW plan of ~8N bytes beside it).
//  - The grid: N0 = the smallest size >= max(2(d+1), d / (1 - max|p|)),
//    then grown until the tail test passes. Sizes are 2^a, 3 2^a or 5 2^a
//    (fast for FFTW), not only powers of two: the grid is the memory and
//    time peak, and the needed N (21-26 d for 0.5 cos(tau x)) would
//    otherwise be overshot by up to 2x. The tail decays geometrically in N
//    (doubling N squares it), so after a failed round the next N is
//    predicted, N' = 1.3 N log(tol) / log(tail) (between 1.3 N and 4 N),
//    instead of blind doubling.
//  - max |p| is estimated by the same real FFT on >= 8(d+1) points of the
//    circle (|b| = |p| there), O(d log d) instead of a dense polyval
//    (an O(d^2) polyval here would cost more than the whole solve).
//  - Refinement (high degree): the solve is backward stable in the phases,
//    but the l1 norm of the Chebyshev residual, which the certificate is,
//    sums d rounding errors: ~d u ~ 1e-11 at d = 1e6. Iterative refinement
//    fixes this: r = c - c'(phi) in double-double by the forward NLFT (the
//    certificate's own computation); the correction dphi ~ DS(c) r is the
//    directional derivative of the solver S, taken as [S(c + s r) - S(c)]
//    / s with s ||r||_1 ~ 1e-4 (a power of two): the second-order term is
//    then ~1e-4 ||r||, and the solver's rounding noise is divided by s
//    (~1e7 or more). So the double solver supplies the correction to ~4
//    digits and the residual drops by about that factor per step, at the
//    cost of one more solve (on the grid already found) and certificate.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Weiss.h"

#include "qsvtc/numeric/FftwLock.h"

#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/qsp/Nlft.h"
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/Stopwatch.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <string>

namespace qsvtc::qsp {

namespace {

std::size_t nextPow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n)
    p <<= 1;
  return p;
}

/// The smallest N >= x of the form 2^a, 3 2^a or 5 2^a with 4 | N (the
/// tail window needs N / 4): FFTW is fast on these.
std::size_t gridSizeAtLeast(double x) {
  x = std::min(x, 0x1p50); // beyond any cap; keeps the shifts finite
  std::size_t best = 0;
  for (std::size_t mult : {1, 3, 5}) {
    std::size_t n = 4 * mult;
    while (static_cast<double>(n) < x)
      n <<= 1;
    if (best == 0 || n < best)
      best = n;
  }
  return best;
}

/// A buffer of N + 2 doubles that is both the real array of an in-place
/// r2c/c2r transform of size N and its N/2 + 1 complex outputs.
class HalfComplexBuffer {
public:
  explicit HalfComplexBuffer(std::size_t n) : n(n), data(fftw_alloc_real(n + 2), fftw_free) {
    if (!data)
      throw std::bad_alloc();
    std::fill_n(data.get(), n + 2, 0.0);
  }
  double *real() { return data.get(); }
  fftw_complex *complex() { return reinterpret_cast<fftw_complex *>(data.get()); }
  std::size_t size() const { return n; }

private:
  std::size_t n;
  std::unique_ptr<double, void (*)(void *)> data;
};

/// One FFTW plan on a given buffer, made and destroyed under the planner
/// lock (FFTW_ESTIMATE does not touch the arrays while planning).
class ScopedPlan {
public:
  explicit ScopedPlan(fftw_plan p) : plan(p) {
    if (!plan)
      throw std::runtime_error("FFTW could not plan a transform");
  }
  ~ScopedPlan() {
    std::lock_guard<std::mutex> lock(numeric::fftwPlannerMutex());
    fftw_destroy_plan(plan);
  }
  ScopedPlan(const ScopedPlan &) = delete;
  ScopedPlan &operator=(const ScopedPlan &) = delete;
  void execute() const { fftw_execute(plan); }

private:
  fftw_plan plan;
};

template <class MakePlan> std::unique_ptr<ScopedPlan> makePlan(MakePlan make) {
  std::lock_guard<std::mutex> lock(numeric::fftwPlannerMutex());
  return std::make_unique<ScopedPlan>(make());
}

/// max |b(z)| over m > D points of the unit circle.
double maxOnCircle(const std::vector<double> &b, std::size_t m) {
  HalfComplexBuffer buf(m);
  std::copy(b.begin(), b.end(), buf.real());
  const int mi = static_cast<int>(m);
  const auto plan =
      makePlan([&] { return fftw_plan_dft_r2c_1d(mi, buf.real(), buf.complex(), FFTW_ESTIMATE); });
  plan->execute();
  double peak = 0;
  for (std::size_t k = 0; k <= m / 2; ++k) {
    const double v = std::hypot(buf.complex()[k][0], buf.complex()[k][1]);
    if (!(v <= peak)) // also catches NaN
      peak = v;
  }
  return peak;
}

/// One Weiss round on a grid of N points: A_0..A_{N-1} (Taylor
/// coefficients of a^*, aliased) in buf.real(). Returns false if |b| >= 1
/// somewhere on the grid. FFTW keeps tables of ~8N bytes per plan of this
/// size (measured: 200 MB at N = 25e6, as much as the buffer), so one plan
/// lives at a time: the in-place r2c serves b -> b(w^j), l -> r and
/// r' -> G, and is destroyed before the c2r is made.
bool weissRound(const std::vector<double> &b, HalfComplexBuffer &buf) {
  const std::size_t n = buf.size(), half = n / 2;
  const int ni = static_cast<int>(n);
  double *x = buf.real();
  fftw_complex *z = buf.complex();
  auto r2c = makePlan([&] { return fftw_plan_dft_r2c_1d(ni, x, z, FFTW_ESTIMATE); });

  // b on the grid: conj(r2c(b))_j = b(w^j), w = exp(2 pi i / N); only |b|.
  std::fill_n(x, n + 2, 0.0);
  std::copy(b.begin(), b.end(), x);
  r2c->execute();
  // l_j = log sqrt(1 - |b(w^j)|^2) for j <= N/2, computed in place (over
  // all cores), then compacted (x[j] = z[j].re, ascending, reads ahead of
  // writes) and mirrored: l is real and even (b has real coefficients).
  bool inside = true;
  const unsigned workers = numeric::workerCount(half + 1, 1 << 16);
  std::vector<char> ok(workers, 1);
  numeric::parallelChunks(half + 1, workers, [&](std::size_t begin, std::size_t end, unsigned w) {
    for (std::size_t j = begin; j < end; ++j) {
      const double m2 = z[j][0] * z[j][0] + z[j][1] * z[j][1];
      if (!(m2 < 1))
        ok[w] = 0;
      z[j][0] = 0.5 * std::log1p(-m2);
    }
  });
  for (char c : ok)
    inside = inside && c;
  if (!inside)
    return false;
  for (std::size_t j = 0; j <= half; ++j)
    x[j] = z[j][0];
  for (std::size_t j = 1; j < half; ++j)
    x[n - j] = x[j];
  // r_k = (1/N) sum_j l_j w^{-jk}: real (l is even), k = 0..N/2.
  r2c->execute();
  for (std::size_t k = 0; k <= half; ++k)
    x[k] = z[k][0];
  // Keep the anti-analytic part: r'_0 = r_0, r'_k = 0 for 0 < k < N/2,
  // r'_k = 2 r_k for N/2 <= k < N (the Nyquist term included, as QSPPACK;
  // QSP_Weiss_INFFT.m), with r_{N-k} = r_k.
  const double inv = 1.0 / static_cast<double>(n);
  for (std::size_t k = 1; k < half; ++k)
    x[n - k] = 2 * inv * x[k];
  x[half] *= 2 * inv;
  x[0] *= inv;
  std::fill(x + 1, x + half, 0.0);
  x[n] = x[n + 1] = 0;
  // G_j = sum_k r'_k w^{jk} = conj(r2c(r')_j); a = exp(G), Hermitian.
  r2c->execute();
  r2c.reset();
  numeric::parallelChunks(half + 1, workers, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t j = begin; j < end; ++j) {
      const double mod = std::exp(z[j][0]);
      const double ang = -z[j][1];
      z[j][0] = mod * std::cos(ang);
      z[j][1] = mod * std::sin(ang);
    }
  });
  // A_k = (1/N) sum_j conj(a_j) w^{-jk} = c2r(a)_k / N (real). FFTW's
  // c2r overwrites its input, which is fine here.
  makePlan([&] { return fftw_plan_dft_c2r_1d(ni, z, x, FFTW_ESTIMATE); })->execute();
  for (std::size_t k = 0; k < n; ++k)
    x[k] *= inv;
  return true;
}

} // namespace

std::vector<double> nlftTargetFromChebyshev(const std::vector<double> &coef, int degree) {
  const std::size_t d = static_cast<std::size_t>(degree);
  std::vector<double> b(d + 1, 0.0);
  auto c = [&](std::size_t k) { return k < coef.size() ? coef[k] : 0.0; };
  for (std::size_t j = 0; j <= d; ++j) {
    const std::size_t k = 2 * j >= d ? 2 * j - d : d - 2 * j;
    b[j] = k == 0 ? -c(0) : -c(k) / 2;
  }
  return b;
}

std::vector<double> weissCompletion(const std::vector<double> &b, const WeissOptions &options,
                                    WeissStats *stats) {
  const Stopwatch clock;
  const std::size_t dd = b.empty() ? 0 : b.size() - 1;
  // Small degree: sample on the size the first Weiss round will use (see
  // below), so FFTW plans that size once (planning dominates there).
  const std::size_t smallFirst = gridSizeAtLeast(32.0 * (dd + 1));
  const double peak = options.maxAbs >= 0
                          ? options.maxAbs
                          : maxOnCircle(b, smallFirst <= (std::size_t(1) << 16)
                                               ? smallFirst
                                               : std::max<std::size_t>(16, nextPow2(8 * (dd + 1))));
  if (stats)
    stats->maxAbs = peak;
  if (!(peak < 1))
    throw Error("max|p| = " + formatNumber(peak) +
                " is not below 1: QSP needs |p| < 1 on [-1, 1] (scale the "
                "polynomial down)");
  const double eta = 1 - peak;
  // Near max|b| = 1 the uniform grid would need ~D / eta points: there the
  // adaptive quadrature's ~300 D nodes (plus a 100 D-point FFT) cost less
  // (measured at D = 1e4: equal near eta = 1e-3, a grid of 1000 D).
  if (options.initialGrid == 0 &&
      dd / eta > std::max(options.nearOneAbove, 512.0 * static_cast<double>(dd + 1))) {
    std::vector<double> aStar = weissCompletionNearOne(b, stats);
    if (stats)
      stats->maxAbs = peak;
    return aStar;
  }
  // Below 2^16 points a round costs mostly FFTW's planning of a new size
  // (~5 ms per plan measured, against ~0.1 ms to run it), so small grids
  // start at 32 (d + 1), the size oscillating targets end at (0.5 cos at
  // d = 1000 took three rounds from 2 (d + 1) to 20 (d + 1)); large grids
  // start small and grow, since there the transform itself dominates.
  double first = std::max<double>({16.0, 2.0 * (dd + 1), dd / eta});
  if (first < 0x1p16)
    first = std::min(std::max(first, 32.0 * (dd + 1)), 0x1p16);
  std::size_t n = options.initialGrid ? gridSizeAtLeast(static_cast<double>(options.initialGrid))
                                      : gridSizeAtLeast(first);
  // FFTW takes int sizes.
  const std::size_t cap = std::min<std::size_t>(options.maxGrid, std::size_t(1) << 30);
  for (int round = 1;; ++round) {
    if (n > cap)
      throw Error("the Weiss completion needs a grid of more than " + std::to_string(cap) +
                  " points (degree " + std::to_string(dd) + ", 1 - max|p| = " +
                  formatNumber(1 - peak) + "); use the Newton solver for max|p| this close to 1");
    HalfComplexBuffer buf(n);
    if (!weissRound(b, buf))
      throw Error("|p| reaches 1 between the check points (max|p| >= " + formatNumber(peak) +
                  "): QSP needs |p| < 1 on [-1, 1]");
    const double *a = buf.real();
    double total = 0, mid = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const double v = a[k] * a[k];
      total += v;
      if (k >= n / 4 && k < 3 * n / 4)
        mid += v;
    }
    const double tail = mid / total;
    if (stats) {
      stats->grid = n;
      stats->gridRounds = round;
      stats->tail = tail;
    }
    if (tail < options.tailTolerance) {
      if (stats)
        stats->weissSeconds += clock.seconds();
      return std::vector<double>(a, a + dd + 1);
    }
    // Geometric decay: tail(N') ~ tail(N)^{N'/N}.
    double factor = 4;
    if (tail > 0 && tail < 1e-2)
      factor = std::clamp(1.3 * std::log(options.tailTolerance) / std::log(tail), 1.3, 4.0);
    n = gridSizeAtLeast(factor * static_cast<double>(n));
  }
}

std::vector<double> phasesFromGamma(const std::vector<double> &gammaHalf, int degree) {
  const std::size_t d = static_cast<std::size_t>(degree);
  std::vector<double> phi(d + 1, 0.0);
  for (std::size_t j = 0; j < gammaHalf.size() && j <= d / 2; ++j)
    phi[j] = phi[d - j] = std::atan(gammaHalf[j]);
  // Phi = Phi_im + (pi/4)(e_0 + e_d): e^{i pi/4 Z} U e^{i pi/4 Z} has
  // (0,0) entry i P, so Re P_Phi = -Im P_Phi_im, which the NLFT solves;
  // for d = 0 both shifts fall on the one phase.
  phi[0] += M_PI / 4;
  phi[d] += M_PI / 4;
  return phi;
}

namespace {

/// One solve: b -> Weiss -> inverse NLFFT -> phases.
std::vector<double> solveOnce(const std::vector<double> &coef, int degree,
                              const WeissOptions &options, WeissStats *stats) {
  const std::vector<double> b = nlftTargetFromChebyshev(coef, degree);
  const std::vector<double> aStar = weissCompletion(b, options, stats);
  const Stopwatch clock;
  const std::size_t n = static_cast<std::size_t>(degree) / 2 + 1;
  const std::vector<double> gamma =
      nlftInverse(std::vector<double>(aStar.begin(), aStar.begin() + n),
                  std::vector<double>(b.begin(), b.begin() + n));
  if (stats)
    stats->inverseSeconds += clock.seconds();
  for (double g : gamma)
    if (!std::isfinite(g))
      throw Error("the inverse nonlinear FFT broke down (non-finite layer); "
                  "the target is too close to |p| = 1 for the fast solver");
  return phasesFromGamma(gamma, degree);
}

} // namespace

std::vector<double> weissPhases(const std::vector<double> &coefIn, int parity,
                                const WeissOptions &options, WeissStats *stats) {
  if (parity != 0 && parity != 1)
    throw Error("parity must be 0 or 1, got " + std::to_string(parity));
  int degree = static_cast<int>(coefIn.size()) - 1;
  if (degree >= 0 && degree % 2 != parity)
    --degree;
  if (degree < 0)
    throw Error("the polynomial has no coefficient of parity " + std::to_string(parity));
  double wrong = 0;
  for (std::size_t k = 0; k < coefIn.size(); ++k) {
    if (!std::isfinite(coefIn[k]))
      throw Error("coefficient c_" + std::to_string(k) + " is not finite");
    if (static_cast<int>(k % 2) != parity)
      wrong += std::abs(coefIn[k]);
  }
  if (wrong > options.parityTolerance)
    throw Error("the polynomial has mixed parity (coefficients of parity " +
                std::to_string(1 - parity) + " sum to " + formatNumber(wrong) +
                "); QSP needs a definite parity");
  std::vector<double> coef(coefIn.begin(), coefIn.begin() + degree + 1);
  for (std::size_t k = 0; k < coef.size(); ++k)
    if (static_cast<int>(k % 2) != parity)
      coef[k] = 0;

  WeissStats local;
  WeissStats &st = stats ? *stats : local;
  st = WeissStats{};
  st.degree = degree;
  std::vector<double> phases = solveOnce(coef, degree, options, &st);
  if (!options.certify)
    return phases;

  WeissOptions again = options; // later solves start on the grid found
  again.initialGrid = st.grid;
  std::vector<double> residual, best;
  NlftCertificate bestCert;
  for (int step = 0;; ++step) {
    const Stopwatch clock;
    const NlftCertificate cert = certifyPhasesNlft(phases, coef, &residual);
    st.certifySeconds += clock.seconds();
    if (step == 0)
      st.unrefinedError = cert.bound;
    if (step > 0 && !(cert.bound < bestCert.bound)) {
      phases.swap(best); // the step did not help: keep the better phases
      break;
    }
    best = phases;
    bestCert = cert;
    st.refinementSteps = step;
    if (cert.bound <= options.refineAbove || step >= options.maxRefinementSteps ||
        !(cert.coefficientError > 0))
      break;
    // Directional derivative of the solver along r, by a difference with
    // a step s = h / ||r||_1 rounded down to a power of two (so s r is
    // exact): the perturbed target moves by <= h = min(1e-4, (1 -
    // max|p|) / 4) in sup norm, so it stays a valid target.
    const double h = std::min(1e-4, (1 - st.maxAbs) / 4);
    const double s = std::exp2(std::floor(std::log2(h / cert.coefficientError)));
    std::vector<double> shifted(coef);
    for (std::size_t k = 0; k < coef.size(); ++k)
      shifted[k] += s * residual[k];
    WeissStats inner;
    const std::vector<double> moved = solveOnce(shifted, degree, again, &inner);
    st.weissSeconds += inner.weissSeconds;
    st.inverseSeconds += inner.inverseSeconds;
    for (std::size_t j = 0; j < phases.size(); ++j)
      phases[j] += (moved[j] - phases[j]) / s;
  }
  st.certificate = bestCert;
  st.certified = true;
  return phases;
}

} // namespace qsvtc::qsp
