//===- Dialects.h - The op definitions of each dialect ----------*- C++ -*-===//
#ifndef QSVTC_COMPILER_IR_DIALECTS_H
#define QSVTC_COMPILER_IR_DIALECTS_H

#include "qsvtc/ir/Verifier.h"

#include <vector>

namespace qsvtc::ir {

/// qt: tensor ops of the model (QtOps.cpp).
std::vector<OpDefinition> qtOps();
/// qsvt: block-encoding algebra and polynomial ops (QsvtOps.cpp).
std::vector<OpDefinition> qsvtOps();

} // namespace qsvtc::ir

#endif // QSVTC_COMPILER_IR_DIALECTS_H
