//===- Parser.h - Recursive-descent parser for OpenQASM 3 ------*- C++ -*-===//
//
// Parses the subset of OpenQASM 3 that qsvtc emits and that hand-written
// test circuits need (docs/runtime.md lists it). Anything else is a located
// DiagnosticError naming the construct, never a silent skip: barrier and
// classical bit declarations are the only statements accepted without
// effect; `measure` is accepted (the Elaborator rejects gates after it).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_PARSER_H
#define QSVTC_RUNTIME_PARSER_H

#include "qsvtc/runtime/Ast.h"

namespace qsvtc::runtime {

/// The program in `file`; throws DiagnosticError on a syntax error.
Program parseQasm(SourceFile file);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_PARSER_H
