//===- Polynomial.cpp - qsvt.poly and qsvt.phases: polynomials of a block ===//
//
// A polynomial transform of a block B (alpha_in): the circuit computes
// p(B / alpha_in) with p ~ scale * f on `domain`, f the catalog function
// `fn` with parameter `param`; element-wise (Hadamard powers, seed 000
// Thm 5: qsvt.poly with `elementwise`) or on singular values (QSVT:
// qsvt.phases once find-phases has its phase factors). The result type is
// declared: the approximate pass fixes its alpha once p is known.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "passes/PolyTarget.h"
#include "qsvtc/backend/Constructions.h"
#include "qsvtc/backend/QsvtSequence.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/numeric/Chebyshev.h"

#include <algorithm>
#include <cmath>

namespace qsvtc::ops {

namespace {

using Eigen::MatrixXd;
using Scalar = std::function<double(double)>;

/// A phase list per parity part, each as long as its part needs: d + 1
/// phases for a part of degree d (trailing zero coefficients dropped, as the
/// solvers do). Resources count these sequences, so a wrong count would be
/// a wrong cost as well as a wrong circuit.
void verifyPhaseCounts(const ir::Operation &op) {
  const bool mixed = !op.hasAttr("parity");
  if (op.hasAttr("phases_odd") != mixed)
    fail(mixed ? "a polynomial without 'parity' needs 'phases_odd' (its odd part's phases)"
               : "'phases_odd' belongs to a polynomial without 'parity'");
  auto check = [&](const char *key, int parity) {
    const auto count = static_cast<int64_t>(op.getAttr(key).getList().size());
    const std::string has = std::string("'") + key + "' has " + std::to_string(count) + " phases";
    if (count == 0)
      fail(std::string("'") + key + "' is empty");
    if (op.hasAttr("degree") && count - 1 > op.getAttr("degree").getInt())
      fail(has + ", more than degree + 1 = " + std::to_string(op.getAttr("degree").getInt() + 1));
    if (op.hasAttr("coef")) {
      const auto need = static_cast<int64_t>(
          numeric::parityPart(ir::toDoubles(op.getAttr("coef")), parity).size());
      if (count != need)
        fail(has + ", but the " + (parity ? "odd" : "even") + " part of 'coef' has degree " +
             std::to_string(need - 1) + " and needs " + std::to_string(need));
    } else if ((count - 1) % 2 != parity)
      fail(has + ": a sequence of degree " + std::to_string(count - 1) + ", not of parity " +
           std::to_string(parity));
  };
  if (mixed) {
    check("phases", 0);
    check("phases_odd", 1);
  } else {
    check("phases", static_cast<int>(op.getAttr("parity").getInt()));
  }
}

std::optional<ir::Type> verifyPolynomial(const ir::Operation &op) {
  const ir::Type &a = blockOperand(op, 0);
  const ir::Type &r = declaredResult(op, ir::Type::Kind::Block);
  positive(op, "epsilon");
  if (op.hasAttr("parity") && op.getAttr("parity").getInt() != 0 &&
      op.getAttr("parity").getInt() != 1)
    fail("parity must be 0 or 1");
  std::vector<double> domain = ir::toDoubles(op.getAttr("domain"));
  if (domain.size() < 2 || domain.size() % 2 != 0)
    fail("'domain' must list interval end points [a0, b0, a1, b1, ...]");
  for (std::size_t i = 0; i + 1 < domain.size(); ++i)
    if (!(domain[i] <= domain[i + 1]) || domain[i] < -1 || domain[i + 1] > 1)
      fail("'domain' must be increasing and inside [-1, 1]");
  // QSVT keeps the operand's shape (an odd p: U p(S) V^T).
  if (r.shape != a.shape)
    fail("result shape should be " + ir::shapeString(a.shape) + ", got " +
         ir::shapeString(r.shape));
  if (is<Phases>(op))
    verifyPhaseCounts(op);
  // Once fitted, the type follows from the fit; before, it is the
  // lowering's placeholder.
  if (PolyAttrs(op).fitted())
    return fittedType(op);
  // (A constant element-wise polynomial is J alone and does not call B.)
  const bool constant =
      op.getFlag("elementwise") && op.hasAttr("degree") && op.getAttr("degree").getInt() == 0;
  if (r.ancillas <= a.ancillas && !constant)
    fail("a polynomial needs more ancillas than its block encoding");
  return r;
}

std::vector<ir::AttrSpec> polynomialAttributes(bool withPhases) {
  std::vector<ir::AttrSpec> specs = {
      {"fn", AttrKind::String, true},         {"param", AttrKind::Number, false},
      {"row_norm", AttrKind::Number, false},  {"lipschitz", AttrKind::Number, false},
      {"region_entry", AttrKind::Int, false}, {"factor", AttrKind::Number, false},
      {"epsilon", AttrKind::Number, true},    {"domain", AttrKind::List, true},
      {"elementwise", AttrKind::Bool, false}, {"parity", AttrKind::Int, false},
      {"degree", AttrKind::Int, false},       {"coef", AttrKind::List, false},
      {"scale", AttrKind::Number, false},     {"max_error", AttrKind::Number, false},
      {"estimated", AttrKind::Bool, false}};
  if (withPhases) {
    specs.push_back({"phases", AttrKind::List, true});
    specs.push_back({"phases_odd", AttrKind::List, false}); // mixed parity: the odd part's
    specs.push_back({"convention", AttrKind::String, true});
  }
  return specs;
}

Bounds polynomialBounds(const ir::Operation &op, const OperandBounds &of, double alpha) {
  const PolyAttrs p(op);
  if (p.fn() != "amplify")
    return alphaBounds(alpha);
  Bounds b = of(0); // the same matrix, with a smaller alpha
  if (std::optional<double> norm = p.normBound())
    b.norm = std::min(b.norm, *norm);
  if (std::optional<double> row = p.rowNormBound())
    b.row = std::min(b.row, *row);
  return b;
}

/// g(A) on the spectrum: eigenvalues of a symmetric A; for odd g on a
/// general A, U g(Sigma) V^T, shaped like A (QSVT's odd block; the
/// lowering takes the inverse's adjoint).
MatrixXd spectral(const ir::Operation &op, const MatrixXd &a, const Scalar &g, bool odd) {
  if (a.rows() == a.cols() && (a - a.transpose()).norm() <= 1e-12 * a.norm()) {
    Eigen::SelfAdjointEigenSolver<MatrixXd> es(a);
    Eigen::VectorXd v = es.eigenvalues().unaryExpr(g);
    return es.eigenvectors() * v.asDiagonal() * es.eigenvectors().transpose();
  }
  if (!odd)
    notEvaluated(op, "an even function of a non-symmetric matrix");
  Eigen::JacobiSVD<MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  Eigen::VectorXd s = svd.singularValues().unaryExpr(g);
  return svd.matrixU() * s.asDiagonal() * svd.matrixV().transpose();
}

/// Exact: the function the op stands for; Polynomial: (factor / scale)
/// p(B / alpha_in) with its Chebyshev coefficients (interp/Lowered.h).
MatrixXd evaluatePolynomial(const ir::Operation &op, const OperandValue &in,
                            interp::Semantics semantics) {
  const MatrixXd &b = in(0);
  const double alphaIn = op.operands[0]->type.alpha;
  const std::string &fn = op.getAttr("fn").getString();
  bool entrywise = op.getFlag("elementwise");
  bool odd = fn == "inverse" || fn == "sign" || fn == "amplify";
  if (semantics == interp::Semantics::Polynomial) {
    if (!op.hasAttr("coef"))
      throw ir::locatedError(op.location,
                             "'" + fn + "' has no polynomial yet: run approximate first");
    std::vector<double> coef = ir::toDoubles(op.getAttr("coef"));
    double gain = op.getAttr("factor").getNumber() / op.getAttr("scale").getNumber();
    Scalar p = [&](double x) { return gain * numeric::clenshaw(coef, x / alphaIn); };
    return entrywise ? MatrixXd(b.unaryExpr(p)) : spectral(op, b, p, odd);
  }
  if (entrywise) {
    if (fn == "softmax-exp")
      return (b.array() - alphaIn).exp().matrix();
    if (fn == "exp")
      return (b.array() - PolyAttrs(op).expShift()).exp().matrix();
    return b.unaryExpr([&](double x) { return interp::elementwise(fn, x); });
  }
  if (fn == "amplify")
    return b;
  if (fn == "exp")
    return spectral(
        op, b, [](double x) { return std::exp(x); }, false);
  if (fn == "softmax-exp") // on a diagonal: shifted as element-wise
    return spectral(
        op, b, [&](double x) { return std::exp(x - alphaIn); }, false);
  if (interp::isEntryFunction(fn)) // on a diagonal (docs/lowering.md): its entries
    return spectral(
        op, b, [&](double x) { return interp::elementwise(fn, x); }, false);
  if (fn == "invsqrt")
    return spectral(
        op, b, [](double x) { return 1 / std::sqrt(std::fabs(x)); }, false);
  if (fn == "inverse")
    return spectral(
        op, b, [](double x) { return 1 / x; }, true);
  if (fn == "sign")
    return spectral(
        op, b, [](double x) { return x > 0   ? 1.0
                                     : x < 0 ? -1.0
                                             : 0.0; }, true);
  notEvaluated(op, "'" + fn + "'");
}

/// g L-Lipschitz on the operand's range (entries, eigenvalues, or singular
/// values for odd g: the Frobenius norm has no commutation loss).
std::vector<double> polynomialGains(const ir::Operation &op, const passes::DataFacts &facts) {
  return {passes::polyTarget(op, PolyAttrs(op).epsilon(), facts).lipschitz};
}

/// An element-wise polynomial of degree d runs its operand d (d + 1) / 2
/// times (one Hadamard power per degree); a QSVT sequence d times, also
/// with mixed parity (the even and odd sequences share the d calls, the
/// shorter one's last is controlled: backend/QsvtSequence.h).
std::vector<double> polynomialRuns(const ir::Operation &op) {
  double d = static_cast<double>(op.getAttr("degree").getInt());
  return {op.getFlag("elementwise") ? d * (d + 1) / 2 : d};
}

void notePolynomial(const ir::Operation &op, EmitContext &ctx, const std::string &gate) {
  ctx.notePolynomial(op.location.str() + " " + op.getAttr("fn").getString(), gate);
}

std::optional<double> optionalNumber(const ir::Operation &op, const char *key) {
  if (!op.hasAttr(key))
    return std::nullopt;
  return op.getAttr(key).getNumber();
}

/// The function's one parameter, for the accessor of the functions that have it.
std::optional<double> param(const ir::Operation &op, std::initializer_list<const char *> fns,
                            const char *what) {
  const std::string &fn = op.getAttr("fn").getString();
  if (std::find(fns.begin(), fns.end(), fn) == fns.end())
    throw InternalError(op.location.str() + ": '" + fn + "' has no " + what);
  return optionalNumber(op, "param");
}

} // namespace

PolyAttrs::PolyAttrs(const ir::Operation &op) : op_(op) {
  if (!isPolynomial(op))
    throw InternalError(op.location.str() + ": '" + op.getName() + "' is not a polynomial");
}

const std::string &PolyAttrs::fn() const { return op_.getAttr("fn").getString(); }
double PolyAttrs::epsilon() const { return op_.getAttr("epsilon").getNumber(); }
bool PolyAttrs::elementwise() const { return op_.getFlag("elementwise"); }
std::vector<double> PolyAttrs::domain() const { return ir::toDoubles(op_.getAttr("domain")); }

std::optional<int> PolyAttrs::parity() const {
  if (!op_.hasAttr("parity"))
    return std::nullopt;
  return static_cast<int>(op_.getAttr("parity").getInt());
}

std::optional<int64_t> PolyAttrs::degree() const {
  if (!op_.hasAttr("degree"))
    return std::nullopt;
  return op_.getAttr("degree").getInt();
}

bool PolyAttrs::estimated() const { return op_.getFlag("estimated"); }

std::optional<std::vector<double>> PolyAttrs::coef() const {
  if (!op_.hasAttr("coef"))
    return std::nullopt;
  return ir::toDoubles(op_.getAttr("coef"));
}

bool PolyAttrs::fitted() const {
  return op_.hasAttr("degree") && op_.hasAttr("factor") && op_.hasAttr("scale") &&
         (!elementwise() || identity() || op_.hasAttr("coef"));
}

double PolyAttrs::factor() const { return op_.getAttr("factor").getNumber(); }
double PolyAttrs::scale() const { return op_.getAttr("scale").getNumber(); }
std::optional<double> PolyAttrs::maxError() const { return optionalNumber(op_, "max_error"); }
bool PolyAttrs::identity() const { return op_.getFlag("identity"); }

std::optional<double> PolyAttrs::normBound() const { return param(op_, {"amplify"}, "norm bound"); }
std::optional<double> PolyAttrs::rowNormBound() const {
  param(op_, {"amplify"}, "row norm bound"); // checks the function
  return optionalNumber(op_, "row_norm");
}
std::optional<double> PolyAttrs::gap() const {
  return param(op_, {"inverse", "invsqrt", "sign"}, "spectral gap");
}
double PolyAttrs::expShift() const {
  std::optional<double> shift = param(op_, {"exp"}, "shift");
  if (!shift)
    throw InternalError(op_.location.str() + ": element-wise exp without its shift");
  return *shift;
}

ir::AttrDict polyAttributes(const PolySpec &spec) {
  ir::AttrDict attrs;
  attrs["fn"] = ir::Attribute(spec.fn);
  attrs["epsilon"] = ir::Attribute(1.0);        // set by allocate-error
  attrs["domain"] = ir::floatList({-1.0, 1.0}); // set by approximate
  if (spec.elementwise)
    attrs["elementwise"] = ir::Attribute(true);
  int params = 0;
  for (const std::optional<double> &p : {spec.normBound, spec.gap, spec.expShift})
    if (p) {
      attrs["param"] = ir::Attribute(*p);
      ++params;
    }
  if (spec.rowNormBound)
    attrs["row_norm"] = ir::Attribute(*spec.rowNormBound);
  if (params > 1)
    throw InternalError("a polynomial of '" + spec.fn + "' given more than one parameter");
  return attrs;
}

void setFit(ir::Operation &poly, const PolyFit &fit) {
  ir::AttrDict &a = poly.attributes;
  a["degree"] = ir::Attribute(fit.degree);
  if (fit.coef)
    a["coef"] = ir::floatList(*fit.coef);
  if (fit.estimated)
    a["estimated"] = ir::Attribute(true);
  a["scale"] = ir::Attribute(fit.scale);
  a["factor"] = ir::Attribute(fit.factor);
  if (fit.domain)
    a["domain"] = ir::floatList(*fit.domain);
  a["max_error"] = ir::Attribute(fit.maxError);
  if (fit.parity)
    a["parity"] = ir::Attribute(static_cast<int64_t>(*fit.parity));
  else
    a.erase("parity");
  if (fit.identity)
    a["identity"] = ir::Attribute(true); // removed when approximate ends
}

ir::AttrDict phasesAttributes(const ir::Operation &poly, std::vector<double> phases,
                              std::optional<std::vector<double>> odd) {
  ir::AttrDict attrs = poly.attributes;
  attrs["convention"] = ir::Attribute("wx-symmetric");
  attrs["phases"] = ir::floatList(phases);
  if (odd)
    attrs["phases_odd"] = ir::floatList(*odd);
  return attrs;
}

ir::Type fittedType(const ir::Operation &poly) {
  const PolyAttrs p(poly);
  if (!p.fitted())
    throw InternalError(poly.location.str() + ": '" + p.fn() + "' has no fit to type it by");
  const ir::Type &in = poly.operands[0]->type;
  ir::Type out = ir::Type::block(in.shape[0], in.shape[1], in.alpha, in.ancillas);
  if (p.identity())
    return out;
  const int64_t d = p.degree().value();
  const double gain = p.factor() / p.scale();
  if (!p.elementwise()) {
    const bool mixed = !p.parity();
    out.alpha = gain * (mixed ? 2.0 : 1.0);
    out.ancillas = in.ancillas + 2 + (mixed ? 1 : 0);
    return out;
  }
  // |m_0| J + sum_j m_j B^{o j}: |J| = sqrt(R C), the powers' alpha 1
  // (backend/Constructions.h's LCU weights exactly).
  const std::vector<double> m = numeric::monomialCoefficients(p.coef().value());
  double weights = std::fabs(m[0]) * std::sqrt(in.elementCount());
  for (std::size_t j = 1; j < m.size(); ++j)
    weights += std::fabs(m[j]);
  out.alpha = gain * weights;
  if (!std::isfinite(out.alpha))
    throw ir::locatedError(poly.location,
                           "'" + p.fn() + "' as Hadamard powers of degree " + std::to_string(d) +
                               ": the monomial weights overflow (alpha is not finite); a looser "
                               "epsilon lowers the degree");
  // Degree 0 (a constant: exp of a tiny range) has no powers, only J.
  int64_t copies;
  if (__builtin_mul_overflow(d, in.ancillas, &copies) || copies > (int64_t{1} << 61))
    throw ir::locatedError(poly.location, "'" + p.fn() + "': " + std::to_string(d) +
                                              " Hadamard copies of a block with " +
                                              std::to_string(in.ancillas) +
                                              " ancillas exceed 2^61 ancillas");
  // The powers' registers (J needs one qubit) and the LCU's selection register.
  const int64_t powers =
      d >= 1 ? copies + (d - 1) * ir::qubitsFor(std::max(in.shape[0], in.shape[1])) : 0;
  out.ancillas = std::max<int64_t>(powers, 1) + ir::qubitsFor(d + 1);
  return out;
}

void clearIdentity(ir::Operation &poly) { poly.attributes.erase("identity"); }

ir::OpDefinition Poly::definition() const {
  return {name,
          "a polynomial of a block encoding, to be approximated",
          1,
          1,
          true,
          polynomialAttributes(false),
          verifyPolynomial};
}

ir::OpDefinition Phases::definition() const {
  return {name,
          "a QSVT sequence with its phase factors",
          1,
          1,
          true,
          polynomialAttributes(true),
          verifyPolynomial};
}

Bounds Poly::bounds(const ir::Operation &op, const OperandBounds &of, double alpha) const {
  return polynomialBounds(op, of, alpha);
}
Bounds Phases::bounds(const ir::Operation &op, const OperandBounds &of, double alpha) const {
  return polynomialBounds(op, of, alpha);
}

std::vector<double> Poly::errorGains(const ir::Operation &op,
                                     const passes::DataFacts &facts) const {
  return polynomialGains(op, facts);
}
std::vector<double> Phases::errorGains(const ir::Operation &op,
                                       const passes::DataFacts &facts) const {
  return polynomialGains(op, facts);
}

bool Poly::makesError(const ir::Operation &) const { return true; }
bool Phases::makesError(const ir::Operation &) const { return true; }

Eigen::MatrixXd Poly::evaluate(const ir::Operation &op, const OperandValue &in,
                               interp::Semantics semantics) const {
  return evaluatePolynomial(op, in, semantics);
}
Eigen::MatrixXd Phases::evaluate(const ir::Operation &op, const OperandValue &in,
                                 interp::Semantics semantics) const {
  return evaluatePolynomial(op, in, semantics);
}

/// Element-wise polynomials: M = (factor / scale) sum_j m_j (B / alpha)^{o j}.
backend::Encoded Poly::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                            int n) const {
  if (!op.getFlag("elementwise"))
    throw ir::locatedError(op.location, "'" + op.getAttr("fn").getString() +
                                            "' has no phase factors: run find-phases (qsvtc "
                                            "--emit=qasm does)");
  if (!op.hasAttr("coef") || op.getFlag("estimated"))
    throw ir::locatedError(
        op.location,
        "'" + op.getAttr("fn").getString() + "' has no polynomial: run approximate first" +
            (op.getFlag("estimated") ? " (estimate-degrees only estimates its degree)" : ""));
  double gain = op.getAttr("factor").getNumber() / op.getAttr("scale").getNumber();
  std::vector<double> m = numeric::monomialCoefficients(ir::toDoubles(op.getAttr("coef")));
  for (double &v : m)
    v *= gain;
  const ir::Type &t = op.getResult()->type;
  backend::Encoded e = backend::defineHadamardPolynomial(
      ctx.program(), gate, ctx.comment(op), ctx.operand(op, 0), m, t.shape[0], t.shape[1], n);
  notePolynomial(op, ctx, e.gate);
  return e;
}

/// M = (factor / scale) p(B / alpha_in); the mixed-parity LCU halves p.
backend::Encoded Phases::emit(const ir::Operation &op, EmitContext &ctx, const std::string &gate,
                              int n) const {
  if (op.getAttr("convention").getString() != "wx-symmetric")
    noCircuit(op, "phases in convention '" + op.getAttr("convention").getString() + "'");
  if (op.getFlag("elementwise"))
    noCircuit(op, "an element-wise polynomial (Hadamard powers)");
  std::vector<double> odd;
  if (op.hasAttr("phases_odd"))
    odd = ir::toDoubles(op.getAttr("phases_odd"));
  backend::Encoded e = backend::defineQsvt(ctx.program(), gate, ctx.comment(op), ctx.operand(op, 0),
                                           n, ir::toDoubles(op.getAttr("phases")), odd);
  e.alpha =
      op.getAttr("factor").getNumber() / op.getAttr("scale").getNumber() * (odd.empty() ? 1 : 2);
  notePolynomial(op, ctx, e.gate);
  return e;
}

bool Poly::mixesRegisters() const { return false; }
bool Phases::mixesRegisters() const { return false; }

std::vector<double> Poly::operandRuns(const ir::Operation &op) const { return polynomialRuns(op); }
/// The sequences as emitted: the longer phase list sets the calls.
std::vector<double> Phases::operandRuns(const ir::Operation &op) const {
  std::size_t count = op.getAttr("phases").getList().size();
  if (op.hasAttr("phases_odd"))
    count = std::max(count, op.getAttr("phases_odd").getList().size());
  return {static_cast<double>(count - 1)};
}

} // namespace qsvtc::ops
