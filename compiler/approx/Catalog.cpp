//===- Catalog.cpp - The functions qsvtc knows how to approximate ---------===//
//
// Each entry gives a double evaluator (fast path for solvers) and an Mpfr
// evaluator (the reference for certification) written with the same
// formula, and, for domains with a gap around a singular point, a smooth
// extension for Chebyshev interpolation:
//   1/x        -> (1 - (1-x^2)^b) / x           (Childs-Kothari-Somma)
//   |x|^(-1/2) -> |x|^(-1/2) I_{x^2}(1/4, b)    (same idea: I_{x^2}(1,b) is
//                 the 1/x case; I is the regularised incomplete beta)
//   sign(x)    -> erf(k x)                       (Low-Chuang)
// with b or k chosen so the extension is within eps on the domain.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Catalog.h"

#include "qsvtc/approx/Activations.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>

#include <cmath>
#include <mutex>
#include <sstream>

namespace qsvtc::approx {
using numeric::Mpfr;

namespace {

/// The activations the polynomial engine approximates (not ReLU, which is
/// softplus; not exp or the refused 1/x), as catalog entries f(scale * x).
bool approximated(const Activation &a) {
  return (a.lowering == ActivationLowering::OnDiagonal ||
          a.lowering == ActivationLowering::Gated) &&
         a.smoothedBy.empty();
}

/// The activation's formula with y replaced by `argument`.
std::string formulaOf(const Activation &a, const std::string &argument) {
  std::string out;
  for (char c : a.formula)
    out += c == 'y' ? argument : std::string(1, c);
  return out;
}

std::string num(double v) { return formatNumber(v, 17); }

/// Fills `fn`'s evaluators from one generic lambda usable with both scalars.
template <class G> void setEvaluators(TargetFunction &fn, G g) {
  fn.evalDouble = [g](double x) { return g(x); };
  fn.evalMpfr = [g](const Mpfr &x) { return g(x); };
}

/// For functions singular at 0 (1/x, 1/sqrt|x|, sign): the domain must stay
/// away from 0.
void requireAvoidsZero(const TargetFunction &fn) {
  if (fn.domain.contains(0.0))
    throw Error("domain " + fn.domain.str() +
                " contains the singular point "
                "x = 0 of " +
                fn.formula + "; use a gap such as " + "-1,-0.1,0.1,1");
}

double gapOf(const Domain &d) {
  double gap = 1.0;
  for (const Interval &iv : d.parts())
    gap = std::min(gap, std::min(std::abs(iv.lo), std::abs(iv.hi)));
  return gap;
}

TargetFunction inverseExtension(const TargetFunction &fn, double eps) {
  // (1-delta^2)^b / delta <= eps  =>  b = log(eps*delta) / log(1-delta^2).
  const double delta = gapOf(fn.domain);
  const double b = std::max(1.0, std::ceil(std::log(eps * delta) / std::log1p(-delta * delta)));
  TargetFunction ext;
  ext.name = "inverse-extension";
  ext.formula = "(1-(1-x^2)^" + num(b) + ")/x";
  ext.parity = Parity::Odd;
  setEvaluators(ext, [b](const auto &x) {
    using std::expm1, std::log1p;
    using T = std::decay_t<decltype(x)>;
    if (x == 0)
      return T(0);
    return T(-expm1(T(b) * log1p(-x * x)) / x);
  });
  return ext;
}

TargetFunction invsqrtExtension(const TargetFunction &fn, double eps) {
  // Truncated binomial series of (x^2)^(-1/4) around x^2 = 1: its tail is
  // |x|^(-1/2) * I_{1-x^2}(b, 1/4), at most delta^(-1/2)*I_{1-delta^2}(b,1/4).
  const double delta = gapOf(fn.domain);
  auto tail = [&](double b) {
    return boost::math::ibeta(b, 0.25, 1 - delta * delta) / std::sqrt(delta);
  };
  double b = 1;
  while (tail(b) > eps && b < 1e18)
    b *= 1.25;
  // Bisect the last step: the degree grows like sqrt(b), and a 1.25x step
  // in b would show as up to 12% in it (and as noise in estimates).
  for (double lo = b / 1.25; b - lo > 1;) {
    double mid = (lo + b) / 2;
    (tail(mid) > eps ? lo : b) = mid;
  }
  b = std::ceil(b);
  TargetFunction ext;
  ext.name = "invsqrt-extension";
  ext.formula = "|x|^(-1/2)*I_{x^2}(1/4," + num(b) + ")";
  ext.parity = Parity::Even;
  setEvaluators(ext, [b](const auto &x) {
    using std::abs, std::sqrt;
    using T = std::decay_t<decltype(x)>;
    if (x == 0) // the limit: b-th partial sum of the series at t = 1
      return T(boost::math::tgamma_ratio(T(b) + T(0.25), T(b)) / boost::math::tgamma(T(1.25)));
    // In double without boost's promotion to long double (3x faster; the
    // certificate evaluates in MPFR anyway).
    using NoPromotion = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
    return T(boost::math::ibeta(T(0.25), T(b), x * x, NoPromotion()) / sqrt(abs(x)));
  });
  return ext;
}

TargetFunction signExtension(const TargetFunction &fn, double eps) {
  // |erf(k x) - sign(x)| = erfc(k|x|) <= eps on |x| >= delta.
  const double delta = gapOf(fn.domain);
  const double k = boost::math::erfc_inv(eps) / delta;
  TargetFunction ext;
  ext.name = "sign-extension";
  ext.formula = "erf(" + num(k) + "*x)";
  ext.parity = Parity::Odd;
  setEvaluators(ext, [k](const auto &x) {
    using std::erf;
    using T = std::decay_t<decltype(x)>;
    return T(erf(T(k) * x));
  });
  return ext;
}

/// A function's parameter by name (its entry declares it, with a default).
using Param = std::function<double(const char *)>;
/// A smooth extension across a gap around a singular point, within eps.
using Extension = TargetFunction (*)(const TargetFunction &, double);

/// One catalog function: what `qsvt-approx --list` shows, and how to build
/// it. `define` sets the formula with its parameters, the evaluators (one
/// generic lambda for double and Mpfr), a default domain when it is not
/// [-1, 1], and the steepness rule of a function whose window narrows with
/// a parameter. `extension` is set for functions singular at 0.
struct Definition {
  CatalogEntry entry;
  std::function<void(TargetFunction &fn, const Param &param)> define;
  Extension extension = nullptr;
};

/// The gap domain [-1, -delta] u [delta, 1] of a singular function.
Domain gapDomain(const TargetFunction &fn, const Param &param) {
  const double delta = param("delta");
  if (!(delta > 0 && delta < 1))
    throw Error("parameter delta of '" + fn.name + "' must lie in (0, 1), got " + num(delta));
  return Domain::symmetricGap(delta);
}

/// The activations as catalog entries f(scale * x).
Definition activationDefinition(const Activation &a) {
  return {
      {a.name, formulaOf(a, a.scaleParam + "*x"), {{a.scaleParam, 1.0}}, "-1,1", a.parity, a.use},
      [&a](TargetFunction &fn, const Param &param) {
        const double s = param(a.scaleParam.c_str());
        fn.formula = formulaOf(a, num(s) + "*x");
        fn.evalDouble = [f = a.evalDouble, s](double x) { return f(s * x); };
        fn.evalMpfr = [f = a.evalMpfr, s](const Mpfr &x) { return f(Mpfr(s * x)); };
      }};
}

std::vector<Definition> makeDefinitions() {
  std::vector<Definition> defs = {
      {{"exp",
        "exp(beta*x)",
        {{"beta", 1.0}},
        "-1,1",
        Parity::None,
        "exponential (softmax numerator)"},
       [](TargetFunction &fn, const Param &param) {
         const double beta = param("beta");
         fn.formula = "exp(" + num(beta) + "*x)";
         setEvaluators(fn, [beta](const auto &x) {
           using std::exp;
           return decltype(+x)(exp(beta * x));
         });
       }},
      {{"exp-decay",
        "exp(-beta*(x+1))",
        {{"beta", 1.0}},
        "-1,1",
        Parity::None,
        "softmax exponential shifted so its maximum is 1"},
       [](TargetFunction &fn, const Param &param) {
         const double beta = param("beta");
         fn.formula = "exp(-" + num(beta) + "*(x+1))";
         setEvaluators(fn, [beta](const auto &x) {
           using std::exp;
           return decltype(+x)(exp(-beta * (x + 1)));
         });
       }},
  };
  for (const Activation &a : activations())
    if (approximated(a))
      defs.push_back(activationDefinition(a));
  std::vector<Definition> rest = {
      {{"inverse",
        "1/x",
        {{"delta", 0.1}},
        "-1,-delta,delta,1",
        Parity::Odd,
        "matrix inversion (QSVT on singular values)"},
       [](TargetFunction &fn, const Param &param) {
         fn.formula = "1/x";
         fn.domain = gapDomain(fn, param);
         setEvaluators(fn, [](const auto &x) { return decltype(+x)(1 / x); });
       },
       inverseExtension},
      {{"invsqrt",
        "1/sqrt(|x|)",
        {{"delta", 0.1}},
        "-1,-delta,delta,1",
        Parity::Even,
        "inverse square root (layer norm)"},
       [](TargetFunction &fn, const Param &param) {
         fn.formula = "1/sqrt(|x|)";
         fn.domain = gapDomain(fn, param);
         setEvaluators(fn, [](const auto &x) {
           using std::sqrt, std::abs;
           return decltype(+x)(1 / sqrt(abs(x)));
         });
       },
       invsqrtExtension},
      {{"sign",
        "sign(x)",
        {{"delta", 0.1}},
        "-1,-delta,delta,1",
        Parity::Odd,
        "threshold with a gap (-delta, delta)"},
       [](TargetFunction &fn, const Param &param) {
         fn.formula = "sign(x)";
         fn.domain = gapDomain(fn, param);
         setEvaluators(fn, [](const auto &x) {
           using T = decltype(+x);
           return x > 0 ? T(1) : (x < 0 ? T(-1) : T(0));
         });
       },
       signExtension},
      {{"cos",
        "cos(tau*x)",
        {{"tau", 1.0}},
        "-1,1",
        Parity::Even,
        "Hamiltonian simulation, real part (Jacobi-Anger)"},
       [](TargetFunction &fn, const Param &param) {
         const double tau = param("tau");
         fn.formula = "cos(" + num(tau) + "*x)";
         setEvaluators(fn, [tau](const auto &x) {
           using std::cos;
           return decltype(+x)(cos(tau * x));
         });
       }},
      {{"sin",
        "sin(tau*x)",
        {{"tau", 1.0}},
        "-1,1",
        Parity::Odd,
        "Hamiltonian simulation, imaginary part (Jacobi-Anger)"},
       [](TargetFunction &fn, const Param &param) {
         const double tau = param("tau");
         fn.formula = "sin(" + num(tau) + "*x)";
         setEvaluators(fn, [tau](const auto &x) {
           using std::sin;
           return decltype(+x)(sin(tau * x));
         });
       }},
      {{"amplify",
        "gain*x*(erf(k*(x+w))-erf(k*(x-w)))/2",
        {{"gain", 2.0}, {"w", 0.45}, {"k", 40.0}},
        "-1,1",
        Parity::Odd,
        "uniform singular value amplification: gain*x on |x| < w, small beyond"},
       [](TargetFunction &fn, const Param &param) {
         const double gain = param("gain"), w = param("w"), k = param("k");
         if (!(gain * w < 1))
           throw Error("amplify needs gain * w < 1 so that |f| < 1, got " + num(gain * w));
         fn.formula = num(gain) + "*x*(erf(" + num(k) + "*(x+" + num(w) + "))-erf(" + num(k) +
                      "*(x-" + num(w) + ")))/2";
         // The window's edges are ~1/k wide: sample them (see minChebyshevPoints).
         fn.minChebyshevPoints = static_cast<int>(std::min(4.0 * k + 16.0 / w, 1e6));
         setEvaluators(fn, [gain, w, k](const auto &x) {
           // erf(k(a+w)) - erf(k(a-w)) = erfc(k(a-w)) - erfc(k(a+w)) for a = |x|:
           // no cancellation where both erfs are near 1 (f is odd).
           using std::abs, std::erfc;
           using T = decltype(+x);
           T a = abs(x);
           return T(gain * x * (erfc(k * (a - w)) - erfc(k * (a + w))) / 2);
         });
         // f_s(x) = f(x k / s): the window and its edges widen together, and
         // gain * w (the peak) stays.
         fn.steepness = k;
         fn.atSteepness = [params = fn.params](double s) {
           double sigma = params.at("k") / s;
           return makeCatalogFunction(
               "amplify",
               {{"gain", params.at("gain") / sigma}, {"w", params.at("w") * sigma}, {"k", s}});
         };
       }},
  };
  defs.insert(defs.end(), rest.begin(), rest.end());
  return defs;
}

const std::vector<Definition> &definitions() {
  static const std::vector<Definition> defs = makeDefinitions();
  return defs;
}

} // namespace

const std::vector<CatalogEntry> &catalogEntries() {
  static const std::vector<CatalogEntry> entries = [] {
    std::vector<CatalogEntry> all;
    for (const Definition &d : definitions())
      all.push_back(d.entry);
    return all;
  }();
  return entries;
}

TargetFunction makeCatalogFunction(const std::string &name,
                                   const std::map<std::string, double> &params,
                                   const std::optional<Domain> &domain) {
  const Definition *def = nullptr;
  for (const Definition &d : definitions())
    if (d.entry.name == name)
      def = &d;
  if (!def) {
    std::string known;
    for (const CatalogEntry &e : catalogEntries())
      known += (known.empty() ? "" : ", ") + e.name;
    throw Error("unknown function '" + name + "' (known: " + known +
                ", or chebyshev coefficients from a file)");
  }
  TargetFunction fn;
  fn.name = name;
  fn.parity = def->entry.parity;
  fn.params = def->entry.params;
  for (const auto &[key, value] : params) {
    if (!fn.params.count(key))
      throw Error("function '" + name + "' has no parameter '" + key + "'");
    if (!std::isfinite(value))
      throw Error("parameter " + key + " of '" + name + "' is not finite");
    fn.params[key] = value;
  }
  def->define(fn, [&](const char *key) { return fn.params.at(key); });

  if (domain)
    fn.domain = fn.parity == Parity::None ? *domain : domain->symmetrized();

  // Functions singular at 0 get a smooth extension for Chebyshev
  // interpolation, tuned to the gap of the final domain.
  if (Extension extension = def->extension) {
    requireAvoidsZero(fn);
    fn.smoothExtension = [base = fn, extension](double eps) { return extension(base, eps); };
    fn.steepness = 1 / gapOf(fn.domain);
    fn.atSteepness = [name, params = fn.params](double s) {
      std::map<std::string, double> p = params;
      p["delta"] = 1 / s;
      return makeCatalogFunction(name, p);
    };
  }
  return fn;
}

TargetFunction makeChebyshevFunction(const std::vector<std::string> &coef,
                                     const std::optional<Domain> &domain) {
  if (coef.empty())
    throw Error("polynomial has no coefficients");
  std::vector<double> c(coef.size());
  bool hasEven = false, hasOdd = false;
  for (std::size_t k = 0; k < coef.size(); ++k) {
    const std::optional<double> v = parseNumber(coef[k]);
    if (!v)
      throw Error("coefficient " + std::to_string(k) + " ('" + coef[k] + "') is not a number");
    c[k] = *v;
    if (!std::isfinite(c[k]))
      throw Error("coefficient " + std::to_string(k) + " is not finite");
    if (c[k] != 0)
      (k % 2 ? hasOdd : hasEven) = true;
  }
  TargetFunction fn;
  fn.name = "chebyshev";
  fn.formula = "sum_k c_k T_k(x), degree " + std::to_string(coef.size() - 1);
  fn.parity = hasEven && hasOdd ? Parity::None : hasOdd ? Parity::Odd : Parity::Even;
  if (domain)
    fn.domain = fn.parity == Parity::None ? *domain : domain->symmetrized();
  fn.evalDouble = [c](double x) { return numeric::clenshaw(c, x); };
  // Mpfr coefficients are parsed from the strings at the precision in force
  // when the evaluator is first used with it (so 30+ digit inputs survive).
  struct Cache {
    std::mutex lock;
    unsigned digits = 0;
    std::shared_ptr<const std::vector<Mpfr>> coef;
  };
  auto cache = std::make_shared<Cache>();
  fn.evalMpfr = [coef, cache](const Mpfr &x) {
    const unsigned digits = Mpfr::default_precision();
    std::shared_ptr<const std::vector<Mpfr>> c;
    {
      std::lock_guard<std::mutex> hold(cache->lock);
      if (cache->digits != digits) {
        cache->coef = std::make_shared<std::vector<Mpfr>>(coef.begin(), coef.end());
        cache->digits = digits;
      }
      c = cache->coef;
    }
    return numeric::clenshaw(*c, x);
  };
  return fn;
}

} // namespace qsvtc::approx
