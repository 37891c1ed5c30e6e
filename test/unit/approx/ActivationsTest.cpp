//===- ActivationsTest.cpp - Every activation entry keeps its promises ----===//
//
// An entry's numbers feed error budgets (Lipschitz constants), QSVT parity
// and the lowering, so each is checked here for every entry, including any
// added later: double against Mpfr, the declared parity, sup |f'| below
// the declared Lipschitz constant (central differences in Mpfr on a fine
// grid), f = x gate(x) for gated ones, the smoothing bound for non-smooth
// ones, and the catalog and the DSL seeing the entry.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Activations.h"
#include "qsvtc/approx/Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace qsvtc::approx;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

/// Points of [-lim, lim] at spacing h.
std::vector<double> grid(double lim, double h) {
  std::vector<double> xs;
  for (double x = -lim; x <= lim; x += h)
    xs.push_back(x);
  return xs;
}

bool refused(const Activation &a) { return a.lowering == ActivationLowering::Refused; }

TEST(Activations, DoubleMatchesMpfr) {
  PrecisionGuard guard(128);
  for (const Activation &a : activations())
    for (double x : grid(8, 0.01)) {
      if (refused(a) && x <= 0.005)
        continue; // 1/x and 1/sqrt(x): defined on x > 0 only
      const double ref = static_cast<double>(a.evalMpfr(Mpfr(x)));
      // a few roundings, and 1 + erf(x) cancels for x << 0 (GELU)
      EXPECT_NEAR(a.evalDouble(x), ref, 2e-15 * std::max({1.0, std::abs(x), std::abs(ref)}))
          << a.name << " at " << x;
    }
}

TEST(Activations, DeclaredParityHolds) {
  for (const Activation &a : activations()) {
    if (a.parity == Parity::None || refused(a))
      continue;
    const double sign = a.parity == Parity::Odd ? -1 : 1;
    for (double x : grid(8, 0.05))
      EXPECT_NEAR(a.evalDouble(-x), sign * a.evalDouble(x), 1e-15) << a.name << " at " << x;
  }
}

TEST(Activations, LipschitzConstantBoundsTheSlope) {
  // Central differences of step 1e-6 in 128-bit arithmetic: the truncation
  // error is f''' h^2 / 6 ~ 1e-13, far below the margins (>= 1e-3).
  PrecisionGuard guard(128);
  const Mpfr h("1e-6");
  for (const Activation &a : activations()) {
    if (refused(a) || a.lowering == ActivationLowering::HadamardPowers)
      continue; // singular, or e^x whose constant PolyTarget takes from the range
    double slope = 0;
    for (double x : grid(30, 0.005)) {
      const Mpfr d = (a.evalMpfr(Mpfr(x) + h) - a.evalMpfr(Mpfr(x) - h)) / (2 * h);
      slope = std::max(slope, std::abs(static_cast<double>(d)));
    }
    EXPECT_LE(slope, a.lipschitz) << a.name;
    EXPECT_GT(slope, 0.8 * a.lipschitz) << a.name << ": a loose constant wastes budget";
  }
}

TEST(Activations, GatedIsXTimesItsGate) {
  for (const Activation &a : activations()) {
    if (a.lowering != ActivationLowering::Gated)
      continue;
    const Activation *gate = findActivation(a.gate);
    ASSERT_NE(gate, nullptr) << a.name << "'s gate " << a.gate;
    EXPECT_EQ(gate->lowering, ActivationLowering::OnDiagonal) << a.gate;
    for (double x : grid(8, 0.01))
      EXPECT_NEAR(a.evalDouble(x), x * gate->evalDouble(x), 1e-14) << a.name << " at " << x;
  }
}

TEST(Activations, StateModeFormIsOffsetPlusXTimesTheAmplitudeGate) {
  // State mode builds offset + x gate(x) (smoothed ones: x gate(k x) is
  // their smoothing, checked below).
  for (const Activation &a : activations()) {
    if (a.amplitudeGate.empty() || !a.smoothedBy.empty())
      continue;
    const Activation *gate = findActivation(a.amplitudeGate);
    ASSERT_NE(gate, nullptr) << a.name << "'s amplitude gate " << a.amplitudeGate;
    for (double x : grid(30, 0.01))
      EXPECT_NEAR(a.evalDouble(x), a.amplitudeOffset + x * gate->evalDouble(x),
                  1e-14 * std::max(1.0, std::abs(x)))
          << a.name << " at " << x;
  }
}

TEST(Activations, SmoothingIsWithinLog2OverK) {
  for (const Activation &a : activations()) {
    if (a.smoothedBy.empty())
      continue;
    const Activation *smooth = findActivation(a.smoothedBy);
    ASSERT_NE(smooth, nullptr) << a.smoothedBy;
    for (double k : {1.0, 10.0, 1e3})
      for (double x : grid(2, 0.001))
        EXPECT_LE(std::abs(smooth->evalDouble(k * x) / k - a.evalDouble(x)),
                  std::log(2.0) / k * (1 + 1e-12))
            << a.name << " k = " << k << " at " << x;
  }
}

TEST(Activations, CatalogAndDslSeeEveryEntry) {
  const std::vector<std::string> dsl = dslActivationNames();
  for (const Activation &a : activations()) {
    EXPECT_EQ(std::count(dsl.begin(), dsl.end(), a.name), a.inDsl ? 1 : 0) << a.name;
    bool approximated =
        (a.lowering == ActivationLowering::OnDiagonal || a.lowering == ActivationLowering::Gated) &&
        a.smoothedBy.empty();
    if (!approximated)
      continue;
    // The catalog's f(scale x) is the entry's f at scale x.
    const TargetFunction f = makeCatalogFunction(a.name, {{a.scaleParam, 2.5}});
    for (double x : grid(1, 0.1))
      EXPECT_EQ(f.evalDouble(x), a.evalDouble(2.5 * x)) << a.name << " at " << x;
    EXPECT_EQ(f.parity, a.parity) << a.name;
  }
  EXPECT_EQ(findActivation("no-such-function"), nullptr);
}

TEST(Activations, MishAgainstClosedForm) {
  // mish(1) = tanh(log(1 + e)) = (e^2 + 2e) / (e^2 + 2e + 2): no softplus.
  const double e = std::exp(1.0);
  EXPECT_NEAR(findActivation("mish")->evalDouble(1.0), (e * e + 2 * e) / (e * e + 2 * e + 2),
              2e-16);
}

} // namespace
