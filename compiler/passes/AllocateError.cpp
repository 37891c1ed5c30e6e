//===- AllocateError.cpp - Split each output's epsilon over its polynomials -===//
//
// Each output's epsilon bounds the Frobenius norm of its error, which
// bounds the spectral norm too. Errors are made only by polynomial ops
// (approximation + phases) and readouts (tomography of a layer's output);
// everything else is exact. The Frobenius norm, unlike the spectral one,
// passes through the entry-wise and row-wise steps of a transformer
// without a sqrt(n) each (that costs 1e30 over a GPT-2 layer). Propagation
// bounds, to first order (A' = A + dA, |A| <= alpha_A, spectral):
//   mul:                   |d(AB)|_F <= |B| |dA|_F + |A| |dB|_F
//   tensor:                |dA (x) B|_F = |dA|_F |B|_F <= sqrt(rank B) |B| |dA|_F
//   hadamard:              |dA o B|_F <= max|B_ij| |dA|_F
//   add:                   |d(sum c_i A_i)|_F <= sum |c_i| |dA_i|_F
//   adjoint, vec, unvec, diag_from_state: |d|_F unchanged
//   poly:                  L |dA|_F for g L-Lipschitz on the operand's
//                          range (entries, eigenvalues, or singular values
//                          for odd g: the Frobenius norm has no commutation
//                          loss)
//   a region (Regions.h):  its own L, from its input
// A backward sweep gives every value's sensitivity S (output error per unit
// of its error); with n polynomials below an output, each gets
// epsilon_i = epsilon / (n S_i), so the first-order total is <= epsilon.
// An op below several outputs keeps the smallest share. A normalisation
// marked as a region (Regions.h) passes its input's error on through its
// own Lipschitz constant instead of through the ops inside it.
//
//===----------------------------------------------------------------------===//
#include "AllocateError.h"
#include "PolyTarget.h"
#include "Regions.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/passes/Passes.h"

#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace qsvtc::passes {

namespace {

/// The op's construction; a tensor op has none (the module is not lowered).
const ops::Construction &lowered(const ir::Operation &op) {
  if (const ops::Construction *c = ops::construction(op))
    return *c;
  throw ir::locatedError(op.location,
                         "'" + op.getName() + "' is not lowered: allocate-error needs the qsvt IR");
}

/// Adds to each operand's sensitivity what `op`'s result sensitivity S
/// implies (its construction's error gains; a region's input gets S L).
void propagate(const ir::Operation &op, double s,
               std::unordered_map<const ir::Value *, double> &sens, const DataFacts &facts) {
  if (const ir::Value *input = regionInput(op))
    sens[input] += s * ops::regionLipschitz(op).value();
  std::vector<double> gains = lowered(op).errorGains(op, facts);
  const std::optional<std::size_t> entry = ops::regionEntryIndex(op);
  for (std::size_t i = 0; i < gains.size(); ++i)
    if (entry != i)
      sens[op.operands[i]] += s * gains[i];
}

/// Ops that make errors: polynomials, and readouts (tomography).
bool makesError(const ir::Operation &op) {
  if (ops::isPolynomial(op) && ops::PolyAttrs(op).identity())
    return false; // an amplification found unnecessary: no circuit, no error
  return lowered(op).makesError(op);
}

} // namespace

std::map<ir::Operation *, double> allocateErrors(ir::Module &module, const DataFacts &facts) {
  std::map<ir::Operation *, double> budget;
  facts.invalidate(); // alphas may have changed since the last bounds
  for (const auto &outPtr : module.operations) {
    const ir::Operation &out = *outPtr;
    if (!ops::is<ops::Output>(out))
      continue;
    double epsilon = ops::epsilonOf(out);
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
        throw ir::locatedError(
            op->location, "the error budget of '" + ops::functionOrName(*op) +
                              "' underflows: the output's error is " + ir::formatFloat(s) +
                              " times its own (worst-case propagation through the layers below)");
      auto [it, inserted] = budget.emplace(op, share);
      if (!inserted)
        it->second = std::min(it->second, share);
    }
  }
  for (auto &[op, share] : budget)
    ops::setEpsilon(*op, share);
  return budget;
}

PassInfo createAllocateErrorPass() {
  return {"allocate-error",
          "split each output's epsilon over the polynomial ops below it (sets their epsilon)",
          [](ir::Module &module) { return !allocateErrors(module, DataFacts(module)).empty(); }};
}

} // namespace qsvtc::passes
