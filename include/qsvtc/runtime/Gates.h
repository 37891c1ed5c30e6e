//===- Gates.h - Built-in gates and the stdgates.inc library ---*- C++ -*-===//
//
// The matrices, global phase included, of OpenQASM 3's built-in U and of
// every gate of stdgates.inc, as the spec's standard-library chapter
// (source/language/standard_library.rst) defines them:
//
//   U(θ,φ,λ) = e^{iθ/2} [[cos θ/2, -e^{iλ} sin θ/2],
//                        [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]]
//   rz(λ) = diag(e^{-iλ/2}, e^{iλ/2}), p(λ) = u1(λ) = phase(λ) = diag(1, e^{iλ})
//   u3(θ,φ,λ) = e^{-i(θ+φ+λ)/2} U(θ,φ,λ),  u2(φ,λ) = u3(π/2,φ,λ)
//   cu(θ,φ,λ,γ) = |0><0| ⊗ I + |1><1| ⊗ e^{iγ} e^{-iθ/2} U(θ,φ,λ)
//   CX = cx (the spec calls it an alias; the example stdgates.inc body
//   `ctrl @ U(π,0,π)` would be a controlled iX under the 3.0 U: we follow
//   the normative text).
//
// A standard gate is `numControls` positive controls (its first qubit
// arguments) on a `numTargets`-qubit matrix: cx is X controlled by its
// first argument, ccx is X with two controls, cswap is swap with one.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_GATES_H
#define QSVTC_RUNTIME_GATES_H

#include "qsvtc/runtime/Circuit.h"

#include <string>
#include <vector>

namespace qsvtc::runtime {

struct StdGate {
  std::string name;
  int numParams = 0;
  int numControls = 0;
  int numTargets = 1;
  Eigen::MatrixXcd (*matrix)(const std::vector<double> &params) = nullptr;

  int numQubits() const { return numControls + numTargets; }
};

/// OpenQASM 3's built-in U(θ, φ, λ).
Eigen::Matrix2cd uMatrix(double theta, double phi, double lambda);

/// The stdgates.inc gate called `name`, or null.
const StdGate *findStdGate(const std::string &name);

/// Every stdgates.inc gate (for tests and --help listings).
const std::vector<StdGate> &stdGates();

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_GATES_H
