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
//    and the middle one halved for even d (qsp::fullFromReduced inverts);
//  - pyqsp (github.com/ichuang/pyqsp, read at commit 065492b6):
//    * method="sym_qsp" (pyqsp.sym_qsp_opt.newton_solver, a port of
//      QSPPACK's Newton): the same product as ours (SymmetricQSPProtocol:
//      signal [[a, i s], [i s, a]], phases e^{i psi Z}, U = e^{i psi_0 Z}
//      prod W e^{i psi_j Z}) but the target is the IMAGINARY part,
//      Im<0|U_Psi|0> = p, and the Newton iteration starts from reduced
//      phases +coef/2 where QSPPACK's starts from -coef/2. Since
//      <0|U_{-Phi}|0> = conj <0|U_Phi|0> (Z W Z = conj W) and adding pi/4 to
//      both end phases multiplies <0|U|0> by i,
//        psi = -phi + pi/4 at both ends (d = 0: psi_0 = pi/2 - phi_0),
//      which is its own inverse, maps our phases to the ones pyqsp returns
//      (its full_phases; its reduced phases are the second half of psi,
//      the middle one halved for even d, with no pi/4 anywhere);
//    * method="laurent" (the default; signal_operator "Wx", measurement
//      "x", or "Wz" with "z", which is the same up to a Hadamard frame):
//      the same product, and the quantity pyqsp fits is <+|U|+>; with
//      U = [[P, i s Q], [i s Q*, P*]] (Evaluate.h) that is Re P + i s Re Q,
//      whose real part is Re<0|U|0> for every phase list: the phases are
//      ours unchanged, but they are not symmetric and solve
//      suc * (p + eps/2 T_d), not p, so they cannot be written as a
//      "wx-symmetric" phases file.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_CONVENTIONS_H
#define QSVTC_QSP_CONVENTIONS_H

#include <vector>

namespace qsvtc::qsp {

std::vector<double> wxToReflection(const std::vector<double> &phi);
std::vector<double> reflectionToWx(const std::vector<double> &psi);

std::vector<double> wxToQsppackReduced(const std::vector<double> &phi);

/// pyqsp's sym_qsp full phases <-> ours: psi = -phi + pi/4 at both ends
/// (the map is an involution; the two names are for the reader).
std::vector<double> wxToPyqsp(const std::vector<double> &phi);
std::vector<double> pyqspToWx(const std::vector<double> &psi);
/// pyqsp's reduced phases (newton_solver's first result) -> its full
/// phases (SymmetricQSPProtocol): odd d: reverse(r) ++ r; even d:
/// reverse(r[1:]) ++ [2 r_0] ++ r[1:].
std::vector<double> pyqspFullFromReduced(const std::vector<double> &reduced, int parity);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_CONVENTIONS_H
