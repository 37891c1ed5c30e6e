//===- Approximate.h - Smallest-degree polynomial for a target -*- C++ -*-===//
//
// The approximation engine's entry point: given a target function and eps,
// find the smallest-degree polynomial p with |p - s f| <= eps on f's domain
// and |p| <= 1 - eta on all of [-1, 1] (QSP's requirement), where the scale
// s <= 1 is chosen only when f itself exceeds 1 - eta. Both error and bound
// are certified (Certify.h), never taken from the solver.
//
// Methods: Remez (minimax; degree search proven minimal by de la Vallee
// Poussin's bound where the solver converges) and Chebyshev truncation.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_APPROXIMATE_H
#define QSVTC_APPROX_APPROXIMATE_H

#include "qsvtc/approx/Certify.h"
#include "qsvtc/approx/TargetFunction.h"
#include "qsvtc/numeric/Mpfr.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc::approx {

enum class Method { Remez, Chebyshev };
std::string methodName(Method m);

/// The largest --max-degree accepted: the phase engine's largest measured
/// degree (1e7, about 5 minutes); the series behind it runs to 4x that.
constexpr int MaxDegreeLimit = 10000000;

struct ApproxOptions {
  double epsilon = 1e-6;
  Method method = Method::Remez;
  /// Working precision; 0 picks 53 (double) when eps allows, else enough
  /// bits for eps with 40 to spare.
  unsigned precisionBits = 0;
  /// Headroom below 1 for max|p| on [-1, 1].
  double eta = 1e-3;
  int maxDegree = 100000; ///< at most MaxDegreeLimit
  /// A fixed degree instead of the smallest one meeting eps (Remez only).
  std::optional<int> degree;
  /// Called at each stage (series resolved, degree found, certified): the
  /// tools print it once the work has taken a few seconds.
  std::function<void(const std::string &)> progress;
};

struct Approximation {
  TargetFunction target; ///< s * f: what p approximates
  double scale = 1;      ///< s
  Method method = Method::Remez;
  unsigned precisionBits = 53;
  int degree = 0;
  Parity parity = Parity::None;
  std::vector<numeric::Mpfr> coef; ///< c_0..c_degree at precisionBits
  Certificate certificate;         ///< |p - s f| and max|p|, measured
  /// Remez only: the levelled error and proven lower bound on E_degree (of
  /// the final, possibly rescaled p), and a proven lower bound on E at the
  /// next smaller degree for s f before any rescaling (0 when not proven):
  /// above eps, it proves no lower degree meets eps (degreeProvenMinimal).
  double levelledError = 0;
  double lowerBound = 0;
  double lowerBoundBelow = 0;
  bool degreeProvenMinimal = false;
  int solverRuns = 0;
  /// Why the method differs from the one asked for (Remez that could not be
  /// certified in double at a high degree gives way to the Chebyshev
  /// truncation), or empty.
  std::string note;
};

/// Throws qsvtc::Error when eps is out of range, the degree cap is exceeded,
/// or the result cannot be certified.
Approximation approximate(const TargetFunction &f, const ApproxOptions &opts);

/// For a mixed-parity approximation: its even and odd parts, each certified
/// against the even/odd part of the target (the domain must be symmetric).
std::pair<Approximation, Approximation> splitParity(const Approximation &a);

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_APPROXIMATE_H
