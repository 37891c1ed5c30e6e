//===- Pipeline.cpp - qsvtc's stages and the passes between them ----------===//
#include "qsvtc/passes/Pipeline.h"

#include "qsvtc/ir/SourceData.h"

#include <array>

namespace qsvtc::passes {

namespace {

const std::array<const char *, 7> StageNames = {"ast",    "qt",        "qsvt", "poly",
                                                "phases", "resources", "qasm"};

} // namespace

std::string stageName(Stage stage) { return StageNames[static_cast<std::size_t>(stage)]; }

std::optional<Stage> parseStage(const std::string &name) {
  for (std::size_t i = 0; i < StageNames.size(); ++i)
    if (name == StageNames[i])
      return static_cast<Stage>(i);
  return std::nullopt;
}

std::string stageList() {
  std::string out;
  for (const char *name : StageNames)
    out += (out.empty() ? "" : "|") + std::string(name);
  return out;
}

void buildPipeline(Stage stage, PassManager &pm, bool symbolic) {
  if (stage <= Stage::Qt)
    return; // the qt stage is the model as written
  pm.addPipeline("lower-to-qsvt,dce");
  if (stage == Stage::Resources && symbolic)
    pm.addPass("estimate-degrees");
  else if (stage >= Stage::Poly)
    pm.addPass("approximate");
  // Numeric models' resources include the circuit's gate counts and depth,
  // which needs the circuit, which needs the phases.
  if (stage == Stage::Phases || stage == Stage::Qasm || (stage == Stage::Resources && !symbolic))
    pm.addPass("find-phases");
}

bool hasSymbolicData(const ir::Module &module) {
  for (const auto &op : module.operations)
    if (ir::isSymbolic(*op))
      return true;
  return false;
}

} // namespace qsvtc::passes
