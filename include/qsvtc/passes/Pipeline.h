//===- Pipeline.h - qsvtc's stages and the passes between them -*- C++ -*-===//
//
// The stages of design.md in pipeline order; `qsvtc --emit=<stage>` runs the
// passes up to that stage (as Toy's `-emit=` does with an ordered enum).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_PASSES_PIPELINE_H
#define QSVTC_PASSES_PIPELINE_H

#include "qsvtc/passes/PassManager.h"

#include <optional>
#include <string>

namespace qsvtc::passes {

enum class Stage { Ast, Qt, Qsvt, Poly, Phases, Resources, Qasm };

/// "ast", "qt", ... ; parseStage is its inverse (nullopt if unknown).
std::string stageName(Stage stage);
std::optional<Stage> parseStage(const std::string &name);
/// "ast|qt|qsvt|poly|phases|resources|qasm" for help texts.
std::string stageList();

/// Adds the passes that take a qt module to `stage` (>= Qt) to `pm`:
/// qsvt: lower-to-qsvt, dce; poly: + approximate (which allocates the
/// error budget); phases, qasm and resources: + find-phases (the backend,
/// backend/Backend.h, runs after them; resources count its circuit).
/// `symbolic` (a model without data, see hasSymbolicData): resources come
/// from estimate-degrees instead of approximate, since no circuit is built
/// and LLM-sized layers need epsilons and degrees no circuit in double holds.
void buildPipeline(Stage stage, PassManager &pm, bool symbolic = false);

/// Whether some input or weight of `module` has no entries (init =
/// "symbolic").
bool hasSymbolicData(const ir::Module &module);

} // namespace qsvtc::passes

#endif // QSVTC_PASSES_PIPELINE_H
