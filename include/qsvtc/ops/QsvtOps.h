//===- QsvtOps.h - The qsvt dialect's constructions -------------*- C++ -*-===//
//
// QSVTC_QSVT_OPS lists every qsvt op once: its class and its name. The list
// declares the classes here and registers them in compiler/ops/Registry.cpp;
// each class's interfaces (Construction.h) are defined in its own file under
// compiler/ops/, and one that is missing fails to link.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_OPS_QSVTOPS_H
#define QSVTC_OPS_QSVTOPS_H

#include "qsvtc/ops/Construction.h"

#define QSVTC_QSVT_OPS(X)                                                                          \
  X(Prepare, "qsvt.prepare")                                                                       \
  X(Lcu, "qsvt.lcu")                                                                               \
  X(Cast, "qsvt.cast")                                                                             \
  X(Adjoint, "qsvt.adjoint")                                                                       \
  X(DiagFromState, "qsvt.diag_from_state")                                                         \
  X(Vec, "qsvt.vec")                                                                               \
  X(Unvec, "qsvt.unvec")                                                                           \
  X(Mul, "qsvt.mul")                                                                               \
  X(Add, "qsvt.add")                                                                               \
  X(Tensor, "qsvt.tensor")                                                                         \
  X(Hadamard, "qsvt.hadamard")                                                                     \
  X(Poly, "qsvt.poly")                                                                             \
  X(Phases, "qsvt.phases")                                                                         \
  X(RealPart, "qsvt.real_part")                                                                    \
  X(Amplify, "qsvt.amplify")                                                                       \
  X(Readout, "qsvt.readout")                                                                       \
  X(Output, "qsvt.output")

namespace qsvtc::ops {

#define QSVTC_DECLARE_CONSTRUCTION(Class, Name)                                                    \
  class Class final : public Construction {                                                        \
  public:                                                                                          \
    static constexpr const char *name = Name;                                                      \
    ir::OpDefinition definition() const override;                                                  \
    Bounds bounds(const ir::Operation &op, const OperandBounds &of, double alpha) const override;  \
    std::vector<double> errorGains(const ir::Operation &op,                                        \
                                   const passes::DataFacts &facts) const override;                 \
    bool makesError(const ir::Operation &op) const override;                                       \
    Eigen::MatrixXd evaluate(const ir::Operation &op, const OperandValue &in,                      \
                             interp::Semantics semantics) const override;                          \
    backend::Encoded emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,      \
                          int dataQubits) const override;                                          \
    bool mixesRegisters() const override;                                                          \
    std::vector<double> operandRuns(const ir::Operation &op) const override;                       \
  };
QSVTC_QSVT_OPS(QSVTC_DECLARE_CONSTRUCTION)
#undef QSVTC_DECLARE_CONSTRUCTION

/// A polynomial of a block: qsvt.poly (before find-phases, or element-wise
/// by Hadamard powers) or qsvt.phases (a QSVT sequence).
inline bool isPolynomial(const ir::Operation &op) { return is<Poly>(op) || is<Phases>(op); }

/// The kinds of qsvt.lcu: data (Pauli LCU, dense, amplitude, opaque
/// oracle) and constants (uniform column, centering projector, column
/// selector, convolution).
enum class LcuKind { Pauli, Dense, Amplitude, Opaque, Uniform, Centering, Columns, Conv2d };
/// A qsvt.lcu's kind (the verifier has checked it is one of them).
LcuKind lcuKind(const ir::Operation &lcu);
/// The attribute's spelling of `kind` ("pauli", ...).
const char *lcuKindName(LcuKind kind);

} // namespace qsvtc::ops

#endif // QSVTC_OPS_QSVTOPS_H
