//===- Parser.h - Text to IR ------------------------------------*- C++ -*-===//
//
// Reads the text Printer.h writes (one or more modules), checking names and
// syntax; op semantics are checked by the verifier (Verifier.h). Errors are
// clang-style diagnostics, `file:line:col: error: ...` with the source line
// and a caret, thrown as qsvtc::Error.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_PARSER_H
#define QSVTC_IR_PARSER_H

#include "qsvtc/ir/Module.h"

#include <memory>
#include <string>

namespace qsvtc::ir {

/// Parses exactly one module from `text`; `fileName` is used in messages.
std::unique_ptr<Module> parseModule(const std::string &text, const std::string &fileName);

} // namespace qsvtc::ir

#endif // QSVTC_IR_PARSER_H
