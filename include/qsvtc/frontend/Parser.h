//===- Parser.h - Model DSL to syntax tree ----------------------*- C++ -*-===//
//
// A hand-written recursive-descent parser for the grammar in docs/dsl.md.
// Syntax errors are reported to the diagnostic engine; after an error the
// parser skips to the next ';' or '}' and goes on, so one run reports
// several independent mistakes.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_FRONTEND_PARSER_H
#define QSVTC_FRONTEND_PARSER_H

#include "qsvtc/frontend/Ast.h"

namespace qsvtc::frontend {

/// Parses `source`; check diags.hasErrors() before using the result.
ModelAst parseModel(const SourceFile &source, DiagnosticEngine &diags);

} // namespace qsvtc::frontend

#endif // QSVTC_FRONTEND_PARSER_H
