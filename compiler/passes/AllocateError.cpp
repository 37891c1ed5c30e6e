//===- AllocateError.cpp - Split each output's epsilon over its polynomials -===//
//
// Each output's epsilon bounds the spectral norm of its error. Errors are
// made only by polynomial ops (approximation + phases) and readouts
// (tomography of a layer's output); everything else is exact. Propagation bounds, to first order (A' = A + dA, |A| <= alpha_A):
//   mul, tensor, hadamard: |d(AB)| <= alpha_B |dA| + alpha_A |dB|
//                          (|A o B| <= |A| |B| for the Hadamard product)
//   add:                   |d(sum c_i A_i)| <= sum |c_i| |dA_i|
//   adjoint, diag, unvec:  |d| unchanged (|diag(v)| <= |v|, |A| <= |A|_F)
//   vec:                   sqrt(min(R, C)) |dA| (|dA|_F)
//   poly, QSVT:            L |dA| for g L-Lipschitz on the spectrum (times
//                          sqrt(n) unless the operand is diagonal)
//   poly, element-wise:    L sqrt(min(R, C)) |dA| (via Frobenius norms)
// A backward sweep gives every value's sensitivity S (output error per unit
// of its error); with n polynomials below an output, each gets
// epsilon_i = epsilon / (n S_i), so the first-order total is <= epsilon.
// An op below several outputs keeps the smallest share.
//
//===----------------------------------------------------------------------===//
#include "AllocateError.h"
#include "PolyTarget.h"
#include "qsvtc/passes/Passes.h"

#include "qsvtc/support/Error.h"

#include <cmath>
#include <unordered_map>

namespace qsvtc::passes {

namespace {

/// Adds to each operand's sensitivity what `op`'s result sensitivity S
/// implies; returns S for poly ops (the weight of their own error).
void propagate(const ir::Operation &op, double s,
               std::unordered_map<const ir::Value *, double> &sens, const DataFacts &facts) {
  const std::string &name = op.getName();
  auto add = [&](std::size_t i, double w) { sens[op.operands[i]] += s * w; };
  auto norm = [&](std::size_t i) { return facts.normBound(op.operands[i]); };
  if (name == "qsvt.mul" || name == "qsvt.tensor" || name == "qsvt.hadamard") {
    add(0, norm(1));
    add(1, norm(0));
  } else if (name == "qsvt.add") {
    std::vector<double> c = ir::toDoubles(op.getAttr("coeffs"));
    for (std::size_t i = 0; i < c.size(); ++i)
      add(i, std::fabs(c[i]));
  } else if (name == "qsvt.poly" || name == "qsvt.phases") {
    PolyTarget t = polyTarget(op, op.getAttr("epsilon").getNumber(), facts);
    bool elementwise = op.getFlag("elementwise");
    const ir::Type &in = op.operands[0]->type;
    double w = t.lipschitz;
    if (elementwise)
      w *= std::sqrt(static_cast<double>(std::min(in.shape[0], in.shape[1])));
    add(0, w);
  } else if (name == "qsvt.vec") {
    const ir::Type &in = op.operands[0]->type;
    add(0, std::sqrt(static_cast<double>(std::min(in.shape[0], in.shape[1]))));
  } else {
    for (std::size_t i = 0; i < op.operands.size(); ++i)
      add(i, 1.0);
  }
}

/// Ops that make errors: polynomials, and readouts (tomography).
bool makesError(const ir::Operation &op) {
  if (op.getFlag("identity"))
    return false; // an amplification found unnecessary: no circuit, no error
  return op.getName() == "qsvt.poly" || op.getName() == "qsvt.phases" ||
         op.getName() == "qsvt.readout";
}

} // namespace

std::map<ir::Operation *, double> allocateErrors(ir::Module &module, const DataFacts &facts) {
  std::map<ir::Operation *, double> budget;
  for (const auto &outPtr : module.operations) {
    const ir::Operation &out = *outPtr;
    if (out.getName() != "qsvt.output")
      continue;
    double epsilon = out.getAttr("epsilon").getNumber();
    std::unordered_map<const ir::Value *, double> sens{{out.operands[0], 1.0}};
    std::vector<std::pair<ir::Operation *, double>> polys;
    for (auto it = module.operations.rbegin(); it != module.operations.rend(); ++it) {
      ir::Operation &op = **it;
      if (!op.hasResult())
        continue;
      auto found = sens.find(op.getResult());
      if (found == sens.end() || found->second == 0)
        continue;
      if (makesError(op))
        polys.emplace_back(&op, found->second);
      propagate(op, found->second, sens, facts);
    }
    for (auto &[op, s] : polys) {
      double share = epsilon / (static_cast<double>(polys.size()) * s);
      if (!(share > 1e-300))
        throw Error(op->location.str() + ": error: the error budget of '" +
                    (op->hasAttr("fn") ? op->getAttr("fn").getString() : op->getName()) +
                    "' underflows: the output's error is " + ir::formatFloat(s) +
                    " times its own (worst-case propagation through the layers below)");
      auto [it, inserted] = budget.emplace(op, share);
      if (!inserted)
        it->second = std::min(it->second, share);
    }
  }
  for (auto &[op, share] : budget)
    op->attributes["epsilon"] = ir::Attribute(share);
  return budget;
}

PassInfo createAllocateErrorPass() {
  return {"allocate-error",
          "split each output's epsilon over the polynomial ops below it (sets their epsilon)",
          [](ir::Module &module) { return !allocateErrors(module, DataFacts(module)).empty(); }};
}

} // namespace qsvtc::passes
