//===- Newton.cpp - Newton's method for symmetric QSP ---------------------===//
//
// In QSPPACK's "Im" convention (phi_0 and phi_d shifted by -pi/4), our
// response is Re P_Phi(x) = -Im P_{Phi_im}(x), and Im P is the middle entry
// of a product of real 3x3 matrices (the SO(3) image of the SU(2) product):
// with x = cos(theta), B = the rotation by 2 theta about y, and R_z(t) the
// rotation by t about z,
//   Im P = e_y^T R_z(2 r_{n-1}) B R_z(2 r_{n-2}) B ... B R_z(2 r_0) v0,
// v0 = e_x (even d) or (cos theta, 0, sin theta) (odd d). Caching the
// partial products from the left (L_k) and the right (R_k) gives every
// derivative dIm P / dr_k = 2 L_k R_z'(2 r_k) R_k in O(1) each.
// Reference: QSPPACK QSPGetPimDeri_sym_real.m, F_Jacobian.m, QSP_Newton.m.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Newton.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/DenseLu.h"
#include "qsvtc/numeric/EigenMpfr.h"
#include "qsvtc/numeric/Fft.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/qsp/NlftCertify.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <Eigen/Dense>

#include <array>
#include <cmath>
#include <optional>

namespace qsvtc::qsp {
using numeric::Mpfr;

namespace {
using std::abs, std::acos, std::cos, std::sin;

template <class T> T pi() { return acos(T(-1)); }

template <class T> using Vec3 = std::array<T, 3>;

/// v R_z(t) for a row vector v.
template <class T> Vec3<T> rowTimesRz(const Vec3<T> &v, const T &c, const T &s) {
  return {v[0] * c + v[1] * s, -v[0] * s + v[1] * c, v[2]};
}
/// R_z(t) v for a column vector v.
template <class T> Vec3<T> rzTimesCol(const T &c, const T &s, const Vec3<T> &v) {
  return {c * v[0] - s * v[1], s * v[0] + c * v[1], v[2]};
}
/// v B (row) and B v (column), B = [[c2,0,-s2],[0,1,0],[s2,0,c2]].
template <class T> Vec3<T> rowTimesB(const Vec3<T> &v, const T &c2, const T &s2) {
  return {v[0] * c2 + v[2] * s2, v[1], -v[0] * s2 + v[2] * c2};
}
template <class T> Vec3<T> bTimesCol(const T &c2, const T &s2, const Vec3<T> &v) {
  return {c2 * v[0] - s2 * v[2], v[1], s2 * v[0] + c2 * v[2]};
}

/// Im P and, when grad is given, its n partial derivatives at
/// x = cos(theta), the k-th at grad[k * stride]. The value alone is the
/// right sweep: left[n - 1] is e_1.
template <class T>
void imPAndGradient(const std::vector<T> &c, const std::vector<T> &s, const T &theta, int parity,
                    T &value, T *grad, std::size_t stride, std::vector<Vec3<T>> &left) {
  const std::size_t n = c.size();
  const T c2 = cos(2 * theta), s2 = sin(2 * theta);
  // The sweep from the right starts at e_0 (even) or the signal's column.
  Vec3<T> right = parity == 0 ? Vec3<T>{T(1), T(0), T(0)} : Vec3<T>{cos(theta), T(0), sin(theta)};
  if (!grad) {
    for (std::size_t k = 1; k < n; ++k)
      right = bTimesCol(c2, s2, rzTimesCol(c[k - 1], s[k - 1], right));
    value = rzTimesCol(c[n - 1], s[n - 1], right)[1];
    return;
  }
  left[n - 1] = {T(0), T(1), T(0)};
  for (std::size_t k = n - 1; k-- > 0;)
    left[k] = rowTimesB(rowTimesRz(left[k + 1], c[k + 1], s[k + 1]), c2, s2);
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0)
      right = bTimesCol(c2, s2, rzTimesCol(c[k - 1], s[k - 1], right));
    // d/dt R_z(t) = [[-s,-c,0],[c,-s,0],[0,0,0]]; times 2 for t = 2 r_k.
    const Vec3<T> d{-s[k] * right[0] - c[k] * right[1], c[k] * right[0] - s[k] * right[1], T(0)};
    grad[k * stride] = 2 * (left[k][0] * d[0] + left[k][1] * d[1]);
    if (k + 1 == n) {
      const Vec3<T> last = rzTimesCol(c[k], s[k], right);
      value = left[k][0] * last[0] + left[k][1] * last[1] + left[k][2] * last[2];
    }
  }
}

/// The first `count` Chebyshev coefficients (of T_p, T_{p+2}, ...) of a
/// function of parity p and degree < 2 count from its values at
/// cos(j pi / (2m)), j = 0..m, m >= count. An even function's are those of
/// its values as a function of y = T_2(x), at the m + 1 points cos(j pi /
/// m) in y: one DCT of m + 1 points. An odd one is extended to all 2m + 1
/// points.
template <class T>
std::vector<T> parityCoefficients(const T *half, std::size_t m, std::size_t count, int parity) {
  std::vector<T> all;
  if (parity == 0) {
    all = numeric::chebyshevCoefficients(std::vector<T>(half, half + m + 1));
  } else {
    std::vector<T> v(2 * m + 1);
    for (std::size_t j = 0; j <= 2 * m; ++j)
      v[j] = j <= m ? half[j] : T(-half[2 * m - j]);
    all = numeric::chebyshevCoefficients(v);
  }
  std::vector<T> out(count);
  for (std::size_t k = 0; k < count; ++k)
    out[k] = all[parity == 0 ? k : 1 + 2 * k];
  return out;
}

} // namespace

template <class T> std::vector<T> fullFromReduced(const std::vector<T> &reduced, int parity) {
  std::vector<T> right = reduced;
  right.back() += pi<T>() / 4;
  const std::size_t n = right.size();
  const std::size_t len = 2 * n - (parity == 0 ? 1 : 0);
  std::vector<T> full(len, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    full[len - n + i] += right[i];
    full[n - 1 - i] += right[i];
  }
  return full;
}

namespace {

template <class T> using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;

/// The Newton system at r: F(r) (n coefficients) and, when jac is given,
/// its Jacobian. Points theta_j = j pi / (2m), j = 0..m, in parallel, m >=
/// n the next 5-smooth number: with m = n the transforms' lengths (2m, or
/// 4m when odd) often have a large prime factor (n = 5001 at degree 1e4:
/// 10002 = 2 3 1667), which made the Jacobian's DCTs 4x slower than its LU.
template <class T> std::vector<T> evaluateF(const std::vector<T> &r, int parity, Matrix<T> *jac) {
  const std::size_t n = r.size();
  const std::size_t m = numeric::nextFiveSmooth(n);
  std::vector<T> c(n), s(n), thetas(m + 1);
  for (std::size_t k = 0; k < n; ++k) {
    c[k] = cos(2 * r[k]);
    s[k] = sin(2 * r[k]);
  }
  for (std::size_t j = 0; j <= m; ++j)
    thetas[j] = pi<T>() * T(j) / T(2 * m);
  // The gradients only for a Jacobian (at degree 1e4 they are 200 MB, and
  // most evaluations are residuals), stored by phase: column k holds dIm P
  // / dr_k at the m + 1 points, so each column's transform reads
  // contiguous memory.
  Matrix<T> grad(jac ? m + 1 : 0, jac ? n : 0);
  std::vector<T> value(m + 1);
  numeric::parallelChunks(m + 1, numeric::workerCount((m + 1) * n, 1 << 14),
                          [&](std::size_t begin, std::size_t end, unsigned) {
                            std::vector<Vec3<T>> left(jac ? n : 0);
                            for (std::size_t j = begin; j < end; ++j)
                              imPAndGradient(c, s, thetas[j], parity, value[j],
                                             jac ? &grad(j, 0) : nullptr, m + 1, left);
                          });
  if (jac) {
    jac->resize(n, n);
    numeric::parallelChunks(
        n, numeric::workerCount(m * n, 1 << 14), [&](std::size_t begin, std::size_t end, unsigned) {
          for (std::size_t k = begin; k < end; ++k) {
            const std::vector<T> ck = parityCoefficients(&grad(0, k), m, n, parity);
            std::copy(ck.begin(), ck.end(), &(*jac)(0, k));
          }
        });
  }
  return parityCoefficients(value.data(), m, n, parity);
}

/// Target in the Im convention: -(c_p, c_{p+2}, ...).
template <class T> std::vector<T> imTarget(const std::vector<T> &coef, int parity) {
  std::vector<T> target;
  for (std::size_t k = parity; k < coef.size(); k += 2)
    target.push_back(-coef[k]);
  return target;
}

template <class T>
double residualInto(const std::vector<T> &f, const std::vector<T> &target, Vector<T> &res) {
  double l1 = 0;
  res.resize(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    res(i) = f[i] - target[i];
    l1 += static_cast<double>(abs(res(i)));
  }
  return l1;
}

/// A chord step (the last Jacobian's LU reused, O(n^2)) is kept while it
/// cuts the residual at least this much; near max|f| = 1 Newton contracts
/// only ~4x per O(n^3) factorization and chord steps add ~0.55-0.7x each
/// (degree 3000, max|f| = 1 - 1e-9: 8 factorizations instead of 18).
constexpr double ChordRatio = 0.7;

/// The LU of a Jacobian, factorized in its storage (one n x n matrix, not
/// two: 200 MB at degree 1e4). For double it is numeric::DenseLu, built
/// for this CPU's vector units (the factorizations are most of Newton's
/// time at high degree); Eigen's for Mpfr.
template <class T> class JacobianLu {
public:
  explicit JacobianLu(Matrix<T> &jac) : lu(jac) {}
  Vector<T> solve(const Vector<T> &b) const { return lu.solve(b); }

private:
  Eigen::PartialPivLU<Eigen::Ref<Matrix<T>>> lu;
};

template <> class JacobianLu<double> {
public:
  explicit JacobianLu(Matrix<double> &jac) : lu(jac.data(), static_cast<std::size_t>(jac.rows())) {}
  Vector<double> solve(const Vector<double> &b) const {
    Vector<double> x(b.size());
    lu.solve(b.data(), x.data());
    return x;
  }

private:
  numeric::DenseLu lu;
};

/// Newton's residual is computed in double, and near max|f| = 1 its
/// rounding, amplified by the ill-conditioned Jacobian, is what stops it
/// (degree 1e4, max|f| = 1 - 1e-9: 1.9e-12). Steps with the residual of
/// the double-double forward NLFFT (NlftCertify.h, O(d log^2 d)) and the
/// last LU go past that floor; a step is kept only if it halves the l1
/// error of the coefficients.
void refineInDoubleDouble(std::vector<double> &r, const std::vector<double> &target, int parity,
                          const JacobianLu<double> &lu, int steps) {
  const std::size_t n = r.size();
  std::vector<double> coef(2 * n - 1 + parity, 0.0);
  for (std::size_t k = 0; k < n; ++k)
    coef[parity + 2 * k] = -target[k];
  std::vector<double> residual, trialResidual;
  double best = certifyPhasesNlft(fullFromReduced(r, parity), coef, &residual).coefficientError;
  Vector<double> res(n);
  for (int s = 0; s < steps; ++s) {
    for (std::size_t k = 0; k < n; ++k)
      res(k) = residual[parity + 2 * k];
    const Vector<double> step = lu.solve(res);
    std::vector<double> trial = r;
    for (std::size_t k = 0; k < n; ++k)
      trial[k] -= step(k);
    const double error =
        certifyPhasesNlft(fullFromReduced(trial, parity), coef, &trialResidual).coefficientError;
    if (!(error < best / 2))
      break;
    r.swap(trial);
    residual.swap(trialResidual);
    best = error;
  }
}

/// Newton in T from the reduced phases r, with chord steps in between.
template <class T>
NewtonResult<T> newtonFrom(std::vector<T> r, const std::vector<T> &target, int parity,
                           const NewtonOptions &options) {
  NewtonResult<T> out;
  Matrix<T> jac;
  Vector<T> res;
  std::optional<JacobianLu<T>> lu;
  std::vector<T> before = r; // the point the last step started from
  bool fresh = false;        // lu is the Jacobian at the current r
  bool chord = false;        // the last step reused an older lu
  double previous = INFINITY;
  for (out.iterations = 1; out.iterations <= options.maxIterations; ++out.iterations) {
    double l1 = residualInto(evaluateF<T>(r, parity, nullptr), target, res);
    const bool afterChord = chord;
    const bool chordStalled = chord && !(l1 < previous * ChordRatio);
    if (chordStalled) {
      // The stale Jacobian stopped paying: a full Newton step, from the
      // better of the two points.
      if (!(l1 < previous)) {
        r = before;
        l1 = residualInto(evaluateF<T>(r, parity, nullptr), target, res);
      }
      chord = false;
      fresh = false;
    }
    out.residual = l1;
    if (!std::isfinite(l1))
      break;
    // Converged: below the tolerance, or stuck at the rounding floor of T
    // (a full Newton step stops contracting once F's own rounding
    // dominates; a chord step may stall well above it). The certificate,
    // not this residual, then says how good the phases are.
    // In double, a chord step that stalls this close hands over to the
    // refinement (refineInDoubleDouble: chord steps with exact residuals)
    // instead of paying for one more Jacobian to see the floor.
    const bool refinable =
        std::is_same_v<T, double> && options.refineSteps > 0 && chordStalled && l1 < 1e-11;
    if (l1 < options.tolerance || (l1 < 1e-9 && l1 > previous / 4 && !afterChord) || refinable) {
      out.converged = true;
      break;
    }
    previous = l1;
    if (out.iterations == options.maxIterations)
      break;
    if (!fresh) {
      if (options.progress && r.size() >= 1000)
        options.progress("newton: step " + std::to_string(out.iterations) + ", residual " +
                         formatNumber(l1) + ", factorizing a " + std::to_string(r.size()) +
                         "-square Jacobian");
      lu.reset();
      evaluateF(r, parity, &jac);
      lu.emplace(jac);
      fresh = true;
      chord = false;
    } else {
      chord = true;
    }
    before = r;
    const Vector<T> step = lu->solve(res);
    for (std::size_t k = 0; k < r.size(); ++k)
      r[k] -= step(k);
  }
  out.iterations = std::min(out.iterations, options.maxIterations);
  if constexpr (std::is_same_v<T, double>)
    if (out.converged && lu)
      refineInDoubleDouble(r, target, parity, *lu, options.refineSteps);
  out.phases = r; // reduced, for now
  return out;
}

} // namespace

template <class T>
NewtonResult<T> newtonPhases(const std::vector<T> &coef, int parity, const NewtonOptions &options) {
  if (coef.empty() || static_cast<int>(coef.size() - 1) % 2 != parity)
    throw Error("the degree must have the parity of the target");
  const std::vector<T> target = imTarget(coef, parity);
  const std::size_t n = target.size();
  std::vector<T> start(n);
  for (std::size_t k = 0; k < n; ++k)
    start[k] = target[k] / 2; // QSPPACK's start: the linear response's inverse

  NewtonResult<T> out;
  if constexpr (std::is_same_v<T, Mpfr>) {
    // Mixed precision: Newton in double to ~1e-14, then refinement with
    // the residual in Mpfr and the double Jacobian at the double solution
    // (each step gains ~ -log10(cond * 1e-16) digits for O(n^2) Mpfr work
    // instead of an O(n^3) Mpfr solve). Falls back to Newton in Mpfr.
    std::vector<double> coefD, targetD;
    for (const T &ck : coef)
      coefD.push_back(static_cast<double>(ck));
    targetD = imTarget(coefD, parity);
    std::vector<double> startD;
    for (double t : targetD)
      startD.push_back(t / 2);
    NewtonOptions dopts = options;
    dopts.tolerance = 1e-13;
    const NewtonResult<double> dres = newtonFrom(startD, targetD, parity, dopts);
    if (dres.converged) {
      Matrix<double> jacD;
      evaluateF(dres.phases, parity, &jacD);
      const JacobianLu<double> lu(jacD);
      std::vector<T> r(dres.phases.begin(), dres.phases.end());
      Vector<T> res;
      double previous = INFINITY;
      for (out.iterations = dres.iterations + 1;
           out.iterations <= dres.iterations + options.maxIterations; ++out.iterations) {
        const double l1 = residualInto(evaluateF<T>(r, parity, nullptr), target, res);
        out.residual = l1;
        if (l1 < options.tolerance) {
          out.converged = true;
          break;
        }
        if (!(l1 < previous / 10)) // stalled: refinement does not contract
          break;
        previous = l1;
        Vector<double> resD(n);
        for (std::size_t i = 0; i < n; ++i)
          resD(i) = static_cast<double>(res(i));
        const Vector<double> step = lu.solve(resD);
        for (std::size_t k = 0; k < n; ++k)
          r[k] -= T(step(k));
      }
      if (out.converged) {
        out.phases = fullFromReduced(r, parity);
        return out;
      }
    }
  }
  out = newtonFrom(start, target, parity, options);
  out.phases = fullFromReduced(out.phases, parity);
  return out;
}

template std::vector<double> fullFromReduced<double>(const std::vector<double> &, int);
template std::vector<Mpfr> fullFromReduced<Mpfr>(const std::vector<Mpfr> &, int);
template NewtonResult<double> newtonPhases<double>(const std::vector<double> &, int,
                                                   const NewtonOptions &);
template NewtonResult<Mpfr> newtonPhases<Mpfr>(const std::vector<Mpfr> &, int,
                                               const NewtonOptions &);

} // namespace qsvtc::qsp
