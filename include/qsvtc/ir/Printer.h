//===- Printer.h - IR to text -----------------------------------*- C++ -*-===//
//
// The text form is MLIR-like and uniform over dialects:
//
//   module @tiny_attention {
//     %X = qt.input {name = "X"} : tensor<4x4>
//     %0 = qt.matmul %X, %Wq : tensor<4x4>
//     qt.output %0 {epsilon = 0.001}
//   }
//
// Values print under their name hint when it is unique in the module and a
// valid identifier, else as a number; parse (Parser.h) keeps the names, so
// print(parse(print(m))) == print(m) exactly.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_PRINTER_H
#define QSVTC_IR_PRINTER_H

#include "qsvtc/ir/Module.h"

#include <string>

namespace qsvtc::ir {

struct PrintOptions {
  /// Append loc("file":line:col) to operations with a known location.
  bool locations = false;
};

std::string print(const Module &module, const PrintOptions &options = {});

} // namespace qsvtc::ir

#endif // QSVTC_IR_PRINTER_H
