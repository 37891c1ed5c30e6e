//===- PassRegistry.cpp - The one list of registered passes ---------------===//
#include "qsvtc/passes/Passes.h"

namespace qsvtc::passes {

const std::vector<PassInfo> &allPasses() {
  static const std::vector<PassInfo> passes = {
      createCanonicalizePass(),        createDeadCodePass(),        createLowerLinearPass(),
      createLowerSoftmaxPass(),        createLowerNormPass(),       createLowerActivationPass(),
      createLowerMatrixFunctionPass(), createLowerToQsvtPass(),     createAllocateErrorPass(),
      createApproximatePass(),         createEstimateDegreesPass(), createFindPhasesPass(),
  };
  return passes;
}

const PassInfo *lookupPass(const std::string &name) {
  for (const PassInfo &pass : allPasses())
    if (pass.name == name)
      return &pass;
  return nullptr;
}

} // namespace qsvtc::passes
