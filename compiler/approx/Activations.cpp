//===- Activations.cpp - The element-wise functions, one entry each -------===//
//
// Adding an activation: one entry below (docs/extending.md). Lipschitz
// constants are sup |f'| over the real line, rounded up; they bound how an
// operand's error reaches the output (AllocateError.cpp), so they must not
// be rounded down.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Activations.h"

#include <boost/math/special_functions/erf.hpp>

#include <cmath>

namespace qsvtc::approx {
using numeric::Mpfr;

namespace {

/// An entry whose double and Mpfr evaluators come from one generic lambda.
template <class G>
Activation entry(std::string name, std::string use, std::string formula, G g, Parity parity,
                 double lipschitz, ActivationLowering lowering = ActivationLowering::OnDiagonal) {
  Activation a;
  a.name = std::move(name);
  a.use = std::move(use);
  a.formula = std::move(formula);
  a.evalDouble = [g](double x) { return g(x); };
  a.evalMpfr = [g](const Mpfr &x) { return Mpfr(g(x)); };
  a.parity = parity;
  a.lipschitz = lipschitz;
  a.lowering = lowering;
  return a;
}

Activation gated(Activation a, std::string gate) {
  a.lowering = ActivationLowering::Gated;
  a.amplitudeGate = gate;
  a.gate = std::move(gate);
  return a;
}

Activation hidden(Activation a) {
  a.inDsl = false;
  return a;
}

std::vector<Activation> makeTable() {
  using L = ActivationLowering;
  std::vector<Activation> t;
  t.push_back(gated(entry(
                        "gelu", "GELU activation, erf form", "gelu(y)",
                        [](const auto &x) {
                          using std::erf, std::sqrt;
                          using T = decltype(+x);
                          return T(x / 2 * (1 + erf(x / sqrt(T(2)))));
                        },
                        Parity::None, 1.13),
                    "normcdf"));
  t.push_back(hidden(entry(
      "normcdf", "standard normal CDF, GELU's gate: gelu(x) = x normcdf(x)", "normcdf(y)",
      [](const auto &x) {
        using std::erf, std::sqrt;
        using T = decltype(+x);
        return T((1 + erf(x / sqrt(T(2)))) / 2);
      },
      Parity::None, 1 / std::sqrt(2 * M_PI))));
  Activation relu = entry(
      "relu", "ReLU, approximated as softplus(k x) / k", "max(y,0)",
      [](const auto &x) { return x > 0 ? decltype(+x)(x) : decltype(+x)(0); }, Parity::None, 1.0);
  relu.smoothedBy = "softplus";
  relu.amplitudeGate = "sigmoid"; // state mode: v sigmoid(k v)
  t.push_back(relu);
  Activation sigmoid = entry(
      "sigmoid", "sigmoid activation", "1/(1+exp(-y))",
      [](const auto &x) {
        using std::exp;
        return decltype(+x)(1 / (1 + exp(-x)));
      },
      Parity::None, 0.25);
  sigmoid.amplitudeGate = "sigmoid-gate";
  sigmoid.amplitudeOffset = 0.5;
  t.push_back(sigmoid);
  Activation tanh = entry(
      "tanh", "tanh activation", "tanh(y)",
      [](const auto &x) {
        using std::tanh;
        return decltype(+x)(tanh(x));
      },
      Parity::Odd, 1.0);
  tanh.amplitudeGate = "tanh-gate";
  t.push_back(tanh);
  // tanh(x) / x (1 at 0): even, in (0, 1], |g'| <= 0.344 (checked on a
  // 1e-4 grid of [-60, 60]); sigmoid's (sigmoid(x) - 1/2) / x =
  // tanh(x/2) / (2x) is a quarter of it at x/2.
  auto tanhGate = [](const auto &x) {
    using std::tanh, std::abs;
    using T = decltype(+x);
    return abs(x) < T(1e-30) ? T(1) : T(tanh(x) / x);
  };
  t.push_back(hidden(entry("tanh-gate", "tanh(x)/x, tanh's gate: tanh(x) = x tanh-gate(x)",
                           "tanh(y)/(y)", tanhGate, Parity::Even, 0.35)));
  t.push_back(hidden(entry(
      "sigmoid-gate", "(sigmoid(x) - 1/2)/x, sigmoid's gate: sigmoid = 1/2 + x sigmoid-gate(x)",
      "(1/(1+exp(-y))-1/2)/(y)",
      [tanhGate](const auto &x) {
        using T = decltype(+x);
        return T(tanhGate(T(x / 2)) / 4);
      },
      Parity::Even, 0.05)));
  t.push_back(gated(entry(
                        "silu", "SiLU / swish activation", "silu(y)",
                        [](const auto &x) {
                          using std::exp;
                          return decltype(+x)(x / (1 + exp(-x)));
                        },
                        Parity::None, 1.1),
                    "sigmoid"));
  // Mish (Misra 2019): x tanh(softplus(x)); its gate lies in (0, 1), with
  // |g'| <= 0.322 and |mish'| <= 1.089 (checked on a 1e-4 grid of [-60, 60]).
  auto mishGate = [](const auto &x) {
    using std::log1p, std::exp, std::abs, std::tanh;
    using T = decltype(+x);
    return T(tanh((x > 0 ? x : T(0)) + log1p(exp(-abs(x)))));
  };
  t.push_back(gated(entry(
                        "mish", "Mish activation, x tanh(softplus(x))", "mish(y)",
                        [mishGate](const auto &x) { return decltype(+x)(x * mishGate(x)); },
                        Parity::None, 1.09),
                    "mish-gate"));
  t.push_back(hidden(entry("mish-gate", "tanh(softplus(x)), Mish's gate", "tanh(log(1+exp(y)))",
                           mishGate, Parity::None, 0.33)));
  t.push_back(entry(
      "exp", "exponential (softmax numerator)", "exp(y)",
      [](const auto &x) {
        using std::exp;
        return decltype(+x)(exp(x));
      },
      Parity::None, 0, L::HadamardPowers)); // e^alpha: PolyTarget
  Activation erf = entry(
      "erf", "smooth threshold", "erf(y)",
      [](const auto &x) {
        using std::erf;
        return decltype(+x)(erf(x));
      },
      Parity::Odd, 2 / std::sqrt(M_PI));
  erf.scaleParam = "k";
  erf.amplitudeGate = "erf-gate";
  t.push_back(erf);
  // erf(x) / x (2/sqrt(pi) at 0): even, in (0, 1.13], |g'| <= 0.428
  // (checked in mpmath on a 1e-3 grid of [-60, 60]); its maximum is above
  // 1, so the approximation scales it (and the stage's alpha grows).
  t.push_back(hidden(entry(
      "erf-gate", "erf(x)/x, erf's gate: erf(x) = x erf-gate(x)", "erf(y)/(y)",
      [](const auto &x) {
        using std::erf, std::sqrt, std::acos;
        using T = decltype(+x);
        return x == 0 ? T(T(2) / sqrt(acos(T(-1)))) : T(erf(x) / x);
      },
      Parity::Even, 0.43)));
  Activation softplus = entry(
      "softplus", "softplus, a smooth ReLU", "log(1+exp(y))",
      [](const auto &x) {
        using std::log1p, std::exp, std::abs;
        using T = decltype(+x);
        // max(x,0) + log1p(e^-|x|): no overflow for large |x|.
        return T((x > 0 ? x : T(0)) + log1p(exp(-abs(x))));
      },
      Parity::None, 1.0);
  softplus.amplitudeGate = "softplus-gate";
  softplus.amplitudeOffset = 0.69314718055994531; // log 2, by an LCU
  t.push_back(softplus);
  // (softplus(x) - log 2) / x (1/2 at 0): in (0, 1), |g'| <= 0.125
  // (mpmath, 1e-3 grid of [-60, 60]). Three forms keep it accurate: no
  // cancellation near 0 (log1p(expm1(x)/2)), no overflow for large |x|.
  t.push_back(hidden(entry(
      "softplus-gate", "(softplus(x) - log 2)/x, softplus's gate: softplus = log 2 + x gate(x)",
      "(log(1+exp(y))-log(2))/(y)",
      [](const auto &x) {
        using std::log1p, std::expm1, std::exp, std::log;
        using T = decltype(+x);
        if (x > 1)
          return T((x + log1p(exp(-x)) - log(T(2))) / x);
        if (x < -1)
          return T((log1p(exp(x)) - log(T(2))) / x);
        return x == 0 ? T(0.5) : T(log1p(expm1(x) / 2) / x);
      },
      Parity::None, 0.13)));
  t.push_back(entry(
      "inverse", "1/x on the entries (refused: use matrix inverse)", "1/y",
      [](const auto &x) { return decltype(+x)(1 / x); }, Parity::Odd, 0, L::Refused));
  t.push_back(entry(
      "invsqrt", "1/sqrt(x) on the entries (refused: use matrix invsqrt)", "1/sqrt(y)",
      [](const auto &x) {
        using std::sqrt;
        return decltype(+x)(1 / sqrt(x));
      },
      Parity::None, 0, L::Refused));
  return t;
}

} // namespace

const std::vector<Activation> &activations() {
  static const std::vector<Activation> table = makeTable();
  return table;
}

const Activation *findActivation(const std::string &name) {
  for (const Activation &a : activations())
    if (a.name == name)
      return &a;
  return nullptr;
}

std::vector<std::string> dslActivationNames() {
  std::vector<std::string> names;
  for (const Activation &a : activations())
    if (a.inDsl)
      names.push_back(a.name);
  return names;
}

} // namespace qsvtc::approx
