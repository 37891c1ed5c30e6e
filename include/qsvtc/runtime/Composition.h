//===- Composition.h - A block from its parts' verified blocks --*- C++ -*-===//
//
// The compositional verifier's one rule (docs/verification.md). A body is
// a list of gates and calls of definitions already verified: unitary
// helpers (their whole unitary is known) and block encodings U_K whose
// block B_K = <0|U_K|0> is known. The body's own block is computed by
// simulating a reduced circuit in which each instance of a block call
// (same definition on the same qubits) keeps its data qubits and has its
// ancilla register replaced by ONE qubit, on which U_K becomes the
// canonical dilation
//     W(B) = [[B, (I - B B^+)^(1/2)], [(I - B^+ B)^(1/2), -B^+]].
// This is exact, not an approximation, when:
//  (1) the instance's ancillas are ancillas of the body (|0> in and out);
//  (2) nothing else touches them except gates controlled on all of them
//      being |0> (functions of the projector Pi, the QSVT rotations), or
//      calls of another instance sharing them whose controls exclude the
//      instance's (an LCU's select; control qubits unchanged in between;
//      each such instance called once);
//  (3) an instance called more than once alternates U, U^+ in every
//      setting of its calls' control qubits, nothing else touches its data
//      qubits between its first and last call, and nothing changes its
//      control qubits there.
// Under (1)-(3) the projected product depends on U_K only through B_K
// (Jordan's lemma, the QSVT theorem GSLW19 Thm 17, the product and LCU
// lemmas GSLW19 Lemmas 52-53 as special cases), so any unitary with block
// B_K, W(B_K) included, gives the same result. A body outside (1)-(3) is
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
  bool unitary = true;
  int data = 0;
  int arity = 0;
  Eigen::MatrixXcd matrix;
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
  Eigen::MatrixXcd block; ///< 2^|data| x 2^|data|
  int reducedQubits = 0;  ///< the simulated circuit's width
  int instances = 0;      ///< block calls replaced by dilations
};

/// What one composition may cost before it is refused (Reason::Limit).
struct CompositionLimits {
  int maxReducedQubits = 24;     ///< width of the reduced circuit
  double maxWork = 4e9;          ///< gates x amplitudes x data columns simulated
  int maxDilatedDataQubits = 10; ///< a dilation's eigendecompositions are 2^d x 2^d
};

/// The block of `body` on `partition` (its ancillas projected on their
/// states), with `part(name)` the verified part of each called definition
/// (null: not verified, refused). Throws CompositionRefused.
ComposedBlock composeBlock(const Circuit &body, const QubitPartition &partition,
                           const std::function<const VerifiedPart *(const std::string &)> &part,
                           const CompositionLimits &limits);

/// W(B) above: the unitary on data (low bits) + one qubit (high bit) whose
/// block is B; throws CompositionRefused if ||B||_2 > 1 + 1e-9.
Eigen::MatrixXcd canonicalDilation(const Eigen::MatrixXcd &block);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_COMPOSITION_H
