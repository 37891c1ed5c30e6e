//===- Sema.h - Names, shapes and the qt IR of a model ----------*- C++ -*-===//
//
// Semantic analysis turns the syntax tree into the qt dialect (Verifier.h
// defines its ops): names are resolved, scalar expressions (dims, params,
// sqrt(d)) are folded, weight files are read and their shapes checked,
// blocks are unrolled (one copy per call and per repetition, each with its
// own weights), and every op's shape rule is checked by the op's verifier,
// so the frontend and the IR agree on one definition. The expansion and
// the tensors with explicit data are capped (maxOps, ir::maxTensorEntries)
// before the work is done. Errors are clang-style
// diagnostics at the offending expression; analysis goes on after an error
// to report independent mistakes in one run.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_FRONTEND_SEMA_H
#define QSVTC_FRONTEND_SEMA_H

#include "qsvtc/frontend/Ast.h"
#include "qsvtc/ir/Module.h"

#include <memory>

namespace qsvtc::frontend {

/// The most IR operations a model may expand to (blocks are unrolled per
/// call and per repetition); qsvtc's --max-ops. Process-wide, like
/// DiagnosticEngine::errorLimit. Tensors with explicit data are capped by
/// ir::maxTensorEntries (ir/SourceData.h).
inline int64_t maxOps = 1000000;

/// The qt module of `model`; check diags.hasErrors() before using it.
std::unique_ptr<ir::Module> buildQtModule(const ModelAst &model, DiagnosticEngine &diags);

/// Parses and analyses `source`; throws qsvtc::Error with every diagnostic.
std::unique_ptr<ir::Module> compileModel(const SourceFile &source);

} // namespace qsvtc::frontend

#endif // QSVTC_FRONTEND_SEMA_H
