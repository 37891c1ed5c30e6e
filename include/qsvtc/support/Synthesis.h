//===- Synthesis.h - The T cost of a synthesised rotation -------*- C++ -*-===//
//
// Shared by the IR-level resource estimate (passes/Resources) and the
// backend's count of an emitted circuit (backend/Backend), so that the two
// price a rotation alike.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_SYNTHESIS_H
#define QSVTC_SUPPORT_SYNTHESIS_H

#include <cmath>

namespace qsvtc {

/// T gates to synthesise one rotation to `epsilon` (Ross-Selinger, arXiv
/// 1403.2975, on average): 3 log2(1 / epsilon) + 9.2.
inline double tPerRotation(double epsilon) { return 3 * std::log2(1 / epsilon) + 9.2; }

} // namespace qsvtc

#endif // QSVTC_SUPPORT_SYNTHESIS_H
