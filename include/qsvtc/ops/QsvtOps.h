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

#include <optional>

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

/// A polynomial's attributes, typed (defined in compiler/ops/Polynomial.cpp,
/// the one file that spells their keys). The stored `param` means something
/// else per function, so each meaning has its own accessor, which checks
/// the function.
class PolyAttrs {
public:
  /// InternalError unless `op` is a qsvt.poly or qsvt.phases.
  explicit PolyAttrs(const ir::Operation &op);

  /// The catalog function ("gelu", "inverse", ...) or a lowering's own
  /// ("amplify", "softmax-exp").
  const std::string &fn() const;
  /// The op's share of its output's error (allocate-error sets it).
  double epsilon() const;
  /// Hadamard powers on the entries (else QSVT on the singular values).
  bool elementwise() const;
  /// Interval end points [a0, b0, a1, b1, ...] of the operand's normalised spectrum.
  std::vector<double> domain() const;

  // What approximate found: none before it ran.
  /// 0 (even) or 1 (odd); none for mixed parity.
  std::optional<int> parity() const;
  std::optional<int64_t> degree() const;
  /// The degree is an estimate (symbolic resources): there are no coefficients.
  bool estimated() const;
  /// Chebyshev coefficients of p ~ scale f.
  std::optional<std::vector<double>> coef() const;
  /// The circuit encodes (factor / scale) p(B / alpha_in).
  double factor() const;
  double scale() const;
  /// Certified sup |p - scale f| on the domain, smoothing included.
  std::optional<double> maxError() const;
  /// Approximate's mark (removed before it returns): an amplification
  /// found unnecessary, which is its operand.
  bool identity() const;
  /// Whether approximate has fitted the op (degree, factor, scale, and the
  /// coefficients an element-wise alpha needs): its result type then
  /// follows from the fit (fittedType).
  bool fitted() const;

  /// amplify: bounds on the operand's norm and on its rows' norms.
  std::optional<double> normBound() const;
  std::optional<double> rowNormBound() const;
  /// inverse, invsqrt, sign: the singular values (eigenvalues) lie at or
  /// above this gap; none when the lowering knew no gap.
  std::optional<double> gap() const;
  /// Element-wise exp: e^{x - shift}.
  double expShift() const;

private:
  const ir::Operation &op_;
};

/// What a new polynomial op starts with: the lowering's part of its attributes
/// (allocate-error and approximate add the rest). At most one of the
/// function's parameters is given, the one its function has.
struct PolySpec {
  PolySpec(std::string fn, bool elementwise = false)
      : fn(std::move(fn)), elementwise(elementwise) {}
  std::string fn;
  bool elementwise;
  std::optional<double> normBound, rowNormBound; // amplify
  std::optional<double> gap;                     // inverse, invsqrt, sign
  std::optional<double> expShift;                // element-wise exp
};
/// The attributes of a qsvt.poly made from `spec` (epsilon 1 and domain
/// [-1, 1] until allocate-error and approximate set them).
ir::AttrDict polyAttributes(const PolySpec &spec);

/// Approximate's results for a polynomial op (PolyAttrs reads them back).
struct PolyFit {
  int64_t degree;
  std::optional<std::vector<double>> coef; // none: an estimated QSVT degree
  bool estimated = false;                  // the degree (and coef) are estimates
  double scale, factor;
  std::optional<std::vector<double>> domain; // none: unchanged
  double maxError;
  std::optional<int> parity; // none: mixed parity
  bool identity = false;
};
/// Writes `fit` into `poly`'s attributes, replacing an earlier fit's mark.
void setFit(ir::Operation &poly, const PolyFit &fit);
/// A fitted polynomial's result type, from its fit and its operand's type
/// (the type rule, docs/lowering.md): QSVT alpha = factor / scale (x 2 for
/// mixed parity), ancillas + 2 (+ 1); element-wise alpha = factor / scale
/// (|m_0| sqrt(R C) + sum_j |m_j|) over the monomial coefficients m,
/// ancillas d a + (d - 1) n + ceil(log2(d + 1)), at least 1 + that; an
/// identity is its operand. A located error when alpha or the ancillas
/// overflow.
ir::Type fittedType(const ir::Operation &poly);
/// A qsvt.phases' attributes: `poly`'s with its phase factors in the
/// wx-symmetric convention, one list for a one-parity polynomial, the even
/// and odd parts' lists for mixed parity (`odd`).
ir::AttrDict phasesAttributes(const ir::Operation &poly, std::vector<double> phases,
                              std::optional<std::vector<double>> odd);
/// Drops approximate's identity mark.
void clearIdentity(ir::Operation &poly);

/// The error bound of an op that has one: a polynomial's or a readout's
/// share, an output's budget (qsvt.output, qt.output).
double epsilonOf(const ir::Operation &op);
/// Sets a polynomial's or a readout's share (allocate-error).
void setEpsilon(ir::Operation &op, double epsilon);

/// What names an op in messages: a polynomial's function, else its op name.
std::string functionOrName(const ir::Operation &op);
/// The attributes worth a comment above the op's gate: " {kind = dense} of
/// W", " {fn = gelu}" (empty for others).
std::string commentAttributes(const ir::Operation &op);

/// The kinds of qsvt.lcu: data (Pauli LCU, dense, amplitude, opaque
/// oracle) and constants (uniform column, centering projector, column
/// selector, convolution).
enum class LcuKind { Pauli, Dense, Amplitude, Opaque, Uniform, Centering, Columns, Conv2d };
/// A qsvt.lcu's kind (the verifier has checked it is one of them).
LcuKind lcuKind(const ir::Operation &lcu);
/// The attribute's spelling of `kind` ("pauli", ...).
const char *lcuKindName(LcuKind kind);
/// A qsvt.lcu's attributes: its kind, the tensor it encodes (`source`, ""
/// for a constant) and that tensor's data attributes (ir/SourceData.h);
/// `offset` for LcuKind::Columns.
ir::AttrDict lcuAttributes(LcuKind kind, const std::string &source, ir::AttrDict data = {},
                           std::optional<int64_t> offset = std::nullopt);
/// A convolution's qsvt.lcu: kernel `source` on inputs of `inputShape`
/// (channels, height, width).
ir::AttrDict conv2dAttributes(const std::string &source, const std::vector<int64_t> &inputShape,
                              int64_t stride, int64_t padding);
/// The name of the tensor a qsvt.lcu encodes ("" for a constant).
const std::string &lcuSource(const ir::Operation &lcu);

/// A qsvt.mul that projects a block's padding to zero before a QSVT
/// (passes/Encodings.h, zeroPadded): approximate drops it with the QSVT.
bool isZeroPadding(const ir::Operation &mul);
ir::AttrDict zeroPaddingAttributes();

// Region markers (passes/Regions.h): the op that reads a region's input
// carries the operand index, the region's output op (a polynomial) its
// Lipschitz constant.
std::optional<std::size_t> regionEntryIndex(const ir::Operation &op);
void setRegionEntryIndex(ir::Operation &op, std::size_t operand);
std::optional<double> regionLipschitz(const ir::Operation &op);
void setRegionLipschitz(ir::Operation &op, double lipschitz);
void clearRegionLipschitz(ir::Operation &op);

/// A qsvt.add's weights: sum_i c_i B_i.
std::vector<double> addCoefficients(const ir::Operation &add);
/// The attributes of a qsvt.add with weights `c`.
ir::AttrDict addAttributes(const std::vector<double> &c);

/// The block a qsvt.readout reads out (the model's block name).
const std::string &readoutBlock(const ir::Operation &readout);
/// A readout of `block`'s result (epsilon 1 until allocate-error sets it).
ir::AttrDict readoutAttributes(const std::string &block);

/// A qsvt.unvec's attributes: the rows x cols matrix of a column.
ir::AttrDict unvecAttributes(int64_t rows, int64_t cols);
/// The name an output was given (qsvt.output, qt.output), if any.
std::optional<std::string> outputName(const ir::Operation &output);

} // namespace qsvtc::ops

#endif // QSVTC_OPS_QSVTOPS_H
