//===- Conventions.h - Phase conventions of other tools --------*- C++ -*-===//
//
// qsvtc's phases are Wx-symmetric (Evaluate.h). Converters to:
//  - the reflection convention QSVT circuits use: R(x) = [[x, s], [s, -x]]
//    (s = sqrt(1 - x^2)), U_R = e^{i psi_0 Z} prod_{j=1..d} R(x) e^{i psi_j Z}.
//    From R(x) = -i e^{i pi/4 Z} W(x) e^{i pi/4 Z}:
//      psi_0 = phi_0 + (2d - 1) pi/4,  psi_j = phi_j - pi/2 (0 < j < d),
//      psi_d = phi_d - pi/4,
//    which makes <0|U_R|0> = <0|U_Phi|0> exactly (the i^d of the d factors
//    is absorbed into psi_0, which acts on <0| as a global phase);
//  - QSPPACK: its full phases (QSP_solver with targetPre = true) are ours;
//    its reduced phases are the second half with pi/4 removed from the last
//    and the middle one halved for even d (qsp::fullFromReduced inverts).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_CONVENTIONS_H
#define QSVTC_QSP_CONVENTIONS_H

#include <vector>

namespace qsvtc::qsp {

std::vector<double> wxToReflection(const std::vector<double> &phi);
std::vector<double> reflectionToWx(const std::vector<double> &psi);

std::vector<double> wxToQsppackReduced(const std::vector<double> &phi);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_CONVENTIONS_H
