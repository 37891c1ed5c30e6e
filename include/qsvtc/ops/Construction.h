//===- Construction.h - One definition per qsvt op --------------*- C++ -*-===//
//
// Everything the compiler knows about a qsvt op lives in one class, in one
// file under compiler/ops/: its name, operands, attributes and type rule
// (the verifier's), its structural bounds (DataFacts), how errors in its
// operands reach its result (AllocateError), what it encodes (the lowered
// interpreter), its gate (the emitter) and how often it runs its operands
// (resources). Each interface is pure virtual, so a construction that
// forgets one does not compile; an op without a circuit says so in its
// own emit(). Passes find the definition with construction(op) and match
// ops with is<Class>(op), never by spelling the name. Adding a
// construction is its file plus one line in compiler/ops/Registry.cpp
// (docs/extending.md).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_OPS_CONSTRUCTION_H
#define QSVTC_OPS_CONSTRUCTION_H

#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/interp/Lowered.h"
#include "qsvtc/ir/Verifier.h"

#include <Eigen/Dense>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qsvtc::passes {
class DataFacts;
}

namespace qsvtc::ops {

/// Upper bounds on a matrix's spectral norm, its rows' and columns'
/// Euclidean norms and its entries' sizes.
struct Bounds {
  double norm, row, col, entry;
};

/// What the emitter offers a construction while it defines its gate.
class EmitContext {
public:
  virtual ~EmitContext() = default;
  virtual backend::Program &program() = 0;
  /// The gate of operand i (defined earlier).
  virtual const backend::Encoded &operand(const ir::Operation &op, std::size_t i) = 0;
  /// The comment above the op's gate: its name, kind or fn, source, location.
  virtual std::string comment(const ir::Operation &op) const = 0;
  /// Symbolic data becomes an opaque oracle rather than an error.
  virtual bool allowOpaque() const = 0;
  /// Records a data oracle's gate (manifest "oracles"), a polynomial's
  /// ("polynomials"), an opaque oracle's ("opaque").
  virtual void noteOracle(const std::string &source, const std::string &gate) = 0;
  virtual void notePolynomial(const std::string &key, const std::string &gate) = 0;
  virtual void noteOpaque(const std::string &source, const std::string &gate) = 0;
};

/// NotSupportedError: "<loc>: <op>: <what> has no circuit in the OpenQASM
/// backend yet".
[[noreturn]] void noCircuit(const ir::Operation &op, const std::string &what);

/// Operand i's value in the lowered interpreter (throws when it has none).
using OperandValue = std::function<const Eigen::MatrixXd &(std::size_t)>;
/// Operand i's structural bounds.
using OperandBounds = std::function<Bounds(std::size_t)>;

class Construction {
public:
  virtual ~Construction() = default;

  /// Name, operands, attributes and the type rule (ir::verify runs it).
  virtual ir::OpDefinition definition() const = 0;

  /// Bounds on the result from its operands' (DataFacts::structuralBounds);
  /// `alpha` (the result's) bounds everything when nothing better is known.
  virtual Bounds bounds(const ir::Operation &op, const OperandBounds &of, double alpha) const = 0;

  /// First-order Frobenius-norm gain from each operand's error to the
  /// result's (AllocateError's backward sweep).
  virtual std::vector<double> errorGains(const ir::Operation &op,
                                         const passes::DataFacts &facts) const = 0;
  /// Whether the op itself adds an error (a polynomial, a readout).
  virtual bool makesError(const ir::Operation &op) const = 0;

  /// The matrix the result encodes (interp::evaluateLowered).
  virtual Eigen::MatrixXd evaluate(const ir::Operation &op, const OperandValue &in,
                                   interp::Semantics semantics) const = 0;

  /// Defines the result's gate, named `gate` (made unique by the program);
  /// `dataQubits` is the result's register width.
  virtual backend::Encoded emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                                int dataQubits) const = 0;
  /// Whether the operands may sit on registers of another width than the
  /// result's (products, tensor products, reshapes); else the emitter
  /// refuses operands on different data registers.
  virtual bool mixesRegisters() const = 0;

  /// How many times one run of the op runs each operand (resources).
  virtual std::vector<double> operandRuns(const ir::Operation &op) const = 0;
};

/// The definition of `op`, or nullptr for an op of another dialect.
const Construction *construction(const ir::Operation &op);
/// The definition of `op`; InternalError when it has none.
const Construction &constructionOf(const ir::Operation &op);
/// Every qsvt op's ir::OpDefinition (the verifier's registry reads them).
std::vector<ir::OpDefinition> qsvtDefinitions();

/// Whether `op` is an `Op` (each construction class has a static `name`).
template <class Op> bool is(const ir::Operation &op) { return op.getName() == Op::name; }
/// Whether the value is defined by an `Op`.
template <class Op> bool definedBy(const ir::Value *v) {
  return v && v->definingOp && is<Op>(*v->definingOp);
}

/// The data register's width for a block of type t: ceil(log2 max(R, C)).
int dataQubitsOf(const ir::Type &t);

/// NotSupportedError: "<loc>: the lowered-IR interpreter does not evaluate
/// <what> yet".
[[noreturn]] void notEvaluated(const ir::Operation &op, const std::string &what);

/// Weights of 1 for each operand: errors pass through unchanged, and one
/// run of the op runs each operand once.
std::vector<double> ones(const ir::Operation &op);

} // namespace qsvtc::ops

#endif // QSVTC_OPS_CONSTRUCTION_H
