//===- Composition.h - A block from its parts' verified blocks --*- C++ -*-===//
//
// The compositional verifier's one rule (docs/verification.md). A body is
// a list of gates and calls of definitions already verified: unitary
// helpers (their whole unitary is known), block encodings U_K whose block
// B_K = <0|U_K|0> is known, and state preparations U_K whose state
// v_K = (<0_flags| (x) I) U_K |0> is known. The body's own block (or, for
// a state body, its state from |0>) is computed by simulating a reduced
// circuit in which each instance of a call (same definition on the same
// qubits) keeps its data qubits and has its ancilla register replaced by
// ONE qubit, on which U_K becomes the canonical dilation
//     W(B) = [[B, (I - B B^+)^(1/2)], [(I - B^+ B)^(1/2), -B^+]]
// (for a state, of B = v e_0^T). Calls of unitary helpers are inlined,
// and "x q; controlled phase; x q" (how emitters write a phase on |0>) is
// read as one gate, before the rule is checked.
// A gate is a Pi-function of an instance when it acts only while all the
// instance's ancillas are |0> (each a negative control, or a target on
// which it is diagonal and the identity at |1>); it may act on anything
// else, the instance's data included. The reduction is exact when:
//  (1) the instance's ancillas are ancillas of the body (|0> in and out);
//  (2) nothing else touches them except its Pi-functions, or calls of
//      another instance sharing them whose controls exclude the instance's
//      (an LCU's select; control qubits unchanged in between; each such
//      instance called once);
//  (3) a block instance called more than once alternates U, U^+ in every
//      setting of its calls' control qubits, nothing changes those control
//      qubits in between, and between two calls a gate on its data is a
//      Pi-function or acts on its data alone, the latter cancelling to the
//      identity before the next call (a reflection V^+ R V);
//  (4) a state instance starts on qubits all |0> (the body's ancillas, or
//      its data when the body is a state too; earlier gates on them are
//      excluded by a control), and if called again, alternates U, U^+,
//      ..., U without controls; between U and U^+ (3)'s condition holds,
//      between U^+ and U gates on its qubits act only on their all-|0>
//      state (the reflection about U|0>).
// Under (1)-(4) the projected product depends on U_K only through B_K or
// v_K (Jordan's lemma, the QSVT theorem GSLW19 Thm 17, the product and LCU
// lemmas GSLW19 Lemmas 52-53, amplitude amplification as special cases),
// so any unitary with that block or state, W included, gives the same
// result. One exception to (2): a state instance called once may hand its
// flags to a later call (state mode's reused flags), which then start
// holding its garbage g = ||(1 - Pi) U|0>||. If, before the reuse, the
// garbage is marked on an ancilla nothing touches afterwards (m ^= [flags
// != 0], by its Pi-functions and gates on m alone), the garbage branch is
// projected away at the end in both circuits: exact, with what the markers
// miss measured and charged. Otherwise the reduction uses the clean
// v/|v| and charges eta = ||U|0> - |0>v/|v||| = (g^2 + (1 - |v|)^2)^(1/2)
// (refused above 1e-6). The result is within `reuseError` (the charges) of
// the circuit's. A body outside (1)-(4) is
// refused with the reason: its block cannot be composed.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_COMPOSITION_H
#define QSVTC_RUNTIME_COMPOSITION_H

#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/runtime/Circuit.h"

#include <functional>
#include <stdexcept>

namespace qsvtc::runtime {

/// A verified definition as its callers see it.
struct VerifiedPart {
  /// A unitary helper: `matrix` is its whole unitary (2^arity). A block
  /// encoding: `matrix` is its block B (2^data) and `data` its data qubits.
  /// A state preparation (`state`): `matrix` is its state v (2^data x 1).
  bool unitary = true;
  bool state = false;
  double garbage = 0; ///< a state's ||(1 - Pi) U|0>|| (its flags' part not |0>)
  int data = 0;
  int arity = 0;
  Eigen::MatrixXcd matrix;
  /// A unitary helper's gates (its body expanded): callers inline them, so
  /// that a helper that marks a projector is read gate by gate.
  Circuit body;
};

/// Why a body's block cannot be composed (the caller names the definition):
/// its body is outside rules (1)-(3) (Structure: it is not the construction
/// it claims), or composing it needs more than the limits allow (Limit).
class CompositionRefused : public std::runtime_error {
public:
  enum class Reason { Structure, Limit };
  CompositionRefused(const std::string &why, Reason reason = Reason::Structure)
      : std::runtime_error(why), reason(reason) {}
  Reason reason;
};

struct ComposedBlock {
  Eigen::MatrixXcd block; ///< 2^|data| x 2^|data| (a state body: 2^|data| x 1)
  int reducedQubits = 0;  ///< the simulated circuit's width
  int instances = 0;      ///< block calls replaced by dilations
  /// Bound on the spectral distance to the body's true block from flags
  /// reused before they were clean (sum of eta per execution, above).
  double reuseError = 0;
  double garbage = 0; ///< a state body: its reduced circuit's garbage norm
};

/// What one composition may cost before it is refused (Reason::Limit).
struct CompositionLimits {
  int maxReducedQubits = 24;     ///< width of the reduced circuit
  double maxWork = 4e9;          ///< gates x amplitudes x data columns simulated
  int maxDilatedDataQubits = 10; ///< a dilation's eigendecompositions are 2^d x 2^d
};

/// The block of `body` on `partition` (its ancillas projected on their
/// states), with `part(name)` the verified part of each called definition
/// (null: not verified, refused); with `stateBody`, the state it prepares
/// from |0> on all its qubits instead. Throws CompositionRefused.
ComposedBlock composeBlock(const Circuit &body, const QubitPartition &partition,
                           const std::function<const VerifiedPart *(const std::string &)> &part,
                           const CompositionLimits &limits, bool stateBody = false);

/// W(B) above: the unitary on data (low bits) + one qubit (high bit) whose
/// block is B; throws CompositionRefused if ||B||_2 > 1 + 1e-9.
Eigen::MatrixXcd canonicalDilation(const Eigen::MatrixXcd &block);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_COMPOSITION_H
