//===- Activations.h - Element-wise functions, each defined once -*- C++ -*-===//
//
// Every element-wise function of the DSL (`gelu(x)`, `relu(x)`, ...) and
// every gate that lowers one is one entry here: its formula in double and
// Mpfr, parity, Lipschitz constant and how it is lowered. The frontend's
// names, the IR verifier, the reference interpreter, the catalog that the
// polynomial engine approximates and PolyTarget's error rules all read the
// entry, so a new activation is one entry in Activations.cpp
// (docs/extending.md).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_ACTIVATIONS_H
#define QSVTC_APPROX_ACTIVATIONS_H

#include "qsvtc/approx/TargetFunction.h"
#include "qsvtc/numeric/Mpfr.h"

#include <functional>
#include <string>
#include <vector>

namespace qsvtc::approx {

/// How an element-wise function of a block-encoded matrix is lowered
/// (docs/lowering.md, "Element-wise functions").
enum class ActivationLowering {
  /// f(D) 1: QSVT of f on the diagonal encoding of the entries (sigmoid).
  OnDiagonal,
  /// f(x) = x g(x): QSVT of the bounded gate g on the diagonal, times the
  /// entries (importance weighting; GELU's gate is normcdf).
  Gated,
  /// An LCU of Hadamard powers (the exponential).
  HadamardPowers,
  /// Refused: f is singular at 0 and the entries are not bounded away
  /// from it (1/x, 1/sqrt(x); the matrix functions do those).
  Refused,
};

struct Activation {
  std::string name;
  std::string use; ///< one line, for listings and docs
  /// The formula's text with y for the scaled argument, e.g. "tanh(y)".
  std::string formula;
  /// f in double and in Mpfr (the certificate's reference), from one
  /// generic lambda so the two cannot drift apart.
  std::function<double(double)> evalDouble;
  std::function<numeric::Mpfr(const numeric::Mpfr &)> evalMpfr;
  Parity parity = Parity::None;
  /// sup |f'| on the real line: the error gain of an operand's error.
  double lipschitz = 1;
  ActivationLowering lowering = ActivationLowering::OnDiagonal;
  /// Gated: the gate's entry name.
  std::string gate;
  /// Not smooth (ReLU): approximated by smoothedBy(k x) / k, with k chosen
  /// from the error budget; smoothedBy(y) must be within log(2)/k of f at
  /// y = 0 and closer elsewhere (softplus for ReLU).
  std::string smoothedBy;
  /// State mode's importance weighting (seed 000 Thm 10) writes f(v) =
  /// amplitudeOffset + v g(v), g this bounded entry: Gated entries' gate,
  /// tanh(v)/v for tanh, (sigmoid(v) - 1/2)/v with offset 1/2 for sigmoid,
  /// sigmoid(k v) for ReLU (smoothedBy: v sigmoid(k v) is within
  /// 0.2785/k of it). Empty: state mode has no construction for f.
  std::string amplitudeGate;
  double amplitudeOffset = 0;
  /// False for gates that the DSL does not name (normcdf).
  bool inDsl = true;
  /// The catalog parameter that scales the argument, f(scale * x).
  std::string scaleParam = "scale";
};

/// All entries, in the order `qsvt-approx --list` and the docs show them.
const std::vector<Activation> &activations();
/// The entry named `name`, or nullptr.
const Activation *findActivation(const std::string &name);
/// The names the DSL accepts for element-wise calls, in table order.
std::vector<std::string> dslActivationNames();

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_ACTIVATIONS_H
