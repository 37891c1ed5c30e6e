//===- TargetFunction.h - A function to approximate ------------*- C++ -*-===//
//
// What the approximation engine approximates: a real function on a domain
// inside [-1, 1], with its parity and evaluators in double (fast path) and
// in Mpfr (the reference used to certify errors). Catalog.h makes them.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_TARGETFUNCTION_H
#define QSVTC_APPROX_TARGETFUNCTION_H

#include "qsvtc/approx/Domain.h"
#include "qsvtc/numeric/Mpfr.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace qsvtc::approx {

/// Parity of a function or polynomial: f(-x) = f(x) (Even) or -f(x) (Odd).
enum class Parity { Even = 0, Odd = 1, None = -1 };

/// 0, 1, or -1 for None (the JSON "parity" field uses null for None).
inline int parityIndex(Parity p) { return static_cast<int>(p); }
/// The lowest degree of that parity, and the step between its degrees.
inline int firstDegree(Parity p) { return p == Parity::Odd ? 1 : 0; }
inline int degreeStep(Parity p) { return p == Parity::None ? 1 : 2; }
/// The smallest degree >= d (and >= firstDegree) of parity p.
inline int alignDegree(int d, Parity p) {
  const int first = firstDegree(p), step = degreeStep(p);
  d = d < first ? first : d;
  return d + ((d - first) % step);
}
std::string parityName(Parity p);

struct TargetFunction {
  std::string name;    ///< catalog name, e.g. "gelu"
  std::string formula; ///< with parameters filled in, e.g. "erf(4*x)"
  std::map<std::string, double> params;
  Domain domain; ///< symmetric whenever parity != None
  Parity parity = Parity::None;
  std::function<double(double)> evalDouble;
  std::function<numeric::Mpfr(const numeric::Mpfr &)> evalMpfr;
  /// For domains with gaps (1/x, sign): a smooth function on all of [-1, 1]
  /// within `eps` of this one on the domain, so that Chebyshev interpolation
  /// applies. Empty when the domain has no gap.
  std::function<TargetFunction(double eps)> smoothExtension;
  /// Chebyshev points to start sampling with: functions with features
  /// narrower than 32 points resolve (a window of width w needs ~ 1/w)
  /// set more, or the sampling misses them and looks resolved.
  int minChebyshevPoints = 32;
  /// For functions whose degree grows about linearly with one steepness s
  /// (1/delta for 1/x, 1/sqrt|x| and sign; the edge slope k for amplify):
  /// s, and the same function at another steepness, with its shape kept
  /// (amplify's window narrows with its edges). Degree estimates
  /// extrapolate in s where sampling cannot resolve the function.
  double steepness = 0;
  std::function<TargetFunction(double s)> atSteepness;

  /// f(x) in the scalar type T (double or Mpfr).
  template <class T> T operator()(const T &x) const {
    if constexpr (std::is_same_v<T, double>)
      return evalDouble(x);
    else
      return evalMpfr(x);
  }
};

/// g(x) = scale * f(x), same domain and parity (and scaled extension).
TargetFunction scaled(const TargetFunction &f, double scale);

/// The even or odd part (f(x) +- f(-x)) / 2 of f, of that parity, without
/// a smooth extension. The domain must be symmetric (the caller's check).
TargetFunction parityPart(const TargetFunction &f, Parity p);

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_TARGETFUNCTION_H
