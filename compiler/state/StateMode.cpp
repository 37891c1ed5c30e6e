//===- StateMode.cpp - Compile one token of a model as a state ------------===//
//
// Reads the qt module as row expressions of token j (seed 000 §3.5-3.10):
//   source S                row j of S: |j>, then S^T (the oracle's adjoint)
//   A @ B                   row j of A, then B^T (B a product of sources,
//                           transposes and scales: one oracle call each)
//   A^T                     column j of A: |j>, then A
//   c * A                   the same state, alpha times c
//   softmax(S)              exp(s/2) on the amplitudes, amplified (1/sqrt Z
//                           by normalisation), then squared: softmax row
//   A + B                   LCU of the two states, weights their alphas
//   gelu(A), silu(A)        A's row amplified, then x * gate(alpha x) by
//                           QSVT on its diagonal (importance weighting)
//   layernorm / rmsnorm     amplification onto the mean-free part (layer
//                           norm) or the whole row: 1/sigma is the state's
//                           normalisation
// and normalises the output row by a last amplification. The error budget
// is split by running the construction once for its error rule (linear in
// eta), then again with eta = epsilon / (2 alpha_out * error per eta).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/state/StateMode.h"

#include "../passes/Encodings.h"
#include "qsvtc/approx/Activations.h"
#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/state/Amplify.h"
#include "qsvtc/state/Stages.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace qsvtc::state {

namespace {

using Eigen::MatrixXd;

class Builder {
public:
  Builder(const ir::Module &qt, StateContext &cx, int64_t token,
          const std::map<const ir::Value *, MatrixXd> &values)
      : qt(qt), cx(cx), token(token), values(values) {}

  /// The state of row `token` of v (built once per value: a value used
  /// twice, as H in H + FFN(H), is one gate called twice).
  StageP row(const ir::Value *v) {
    if (auto it = built.find(v); it != built.end())
      return it->second;
    StageP s = buildRow(v);
    built[v] = s;
    return s;
  }

private:
  StageP buildRow(const ir::Value *v) {
    const ir::Operation &op = *v->definingOp;
    const std::string &name = op.getName();
    if (name == "qt.input" || name == "qt.weight")
      return applyBlock(basis(rows(v)), v, /*transpose=*/true);
    if (name == "qt.matmul") {
      requireMatrix(op);
      if (!isBlockExpr(op.operands[1]))
        notSupported(op, "a product whose right factor is not a product of inputs and "
                         "weights");
      return applyBlock(row(op.operands[0]), op.operands[1], /*transpose=*/true);
    }
    if (name == "qt.transpose" && isBlockExpr(op.operands[0]))
      return applyBlock(basis(op.operands[0]->type.shape[1]), op.operands[0], false);
    if (name == "qt.scale")
      return scaleValue(row(op.operands[0]), op.getAttr("factor").getNumber());
    if (name == "qt.add")
      return addValues(cx, {row(op.operands[0]), row(op.operands[1])});
    if (name == "qt.softmax") {
      requireLastAxis(op);
      return softmaxRow(row(op.operands[0]));
    }
    if (name == "qt.attention")
      return attentionRow(op);
    if (name == "qt.layernorm" || name == "qt.rmsnorm")
      return normalize(op);
    if (name == "qt.block_output")
      return row(op.operands[0]);
    if (name == "qt.elementwise") {
      const std::string &fn = op.getAttr("fn").getString();
      const approx::Activation *act = approx::findActivation(fn);
      if (!act || act->lowering != approx::ActivationLowering::Gated)
        notSupported(op, "'" + fn + "' (only x * gate(x) activations: gelu, silu)");
      // With known amplitudes, amplifying first lets the activation reuse
      // the flags (fewer qubits); from bounds, its input has no lower bound
      // to amplify from, so the activation takes flags of its own.
      StageP x = row(op.operands[0]);
      if (!x->clean && x->known() && !cx.boundsOnly)
        x = amplify(cx, x);
      return gatedActivation(cx, x, fn);
    }
    notSupported(op, "'" + name + "'");
  }

  const ir::Module &qt;
  StateContext &cx;
  int64_t token;
  const std::map<const ir::Value *, MatrixXd> &values;
  std::map<const ir::Value *, Oracle> oracles;
  std::map<const ir::Value *, StageP> built;
  int norms = 0; ///< layer/RMS norms built so far (seed 000's sigma, sigma')

  [[noreturn]] void notSupported(const ir::Operation &op, const std::string &what) {
    throw NotSupportedError(op.location.str() + ": state mode has no construction for " + what +
                            " yet (use --mode=matrix)");
  }

  void requireMatrix(const ir::Operation &op) {
    for (const ir::Value *v : op.operands)
      if (v->type.rank() != 2)
        notSupported(op, "a vector operand (state mode compiles rows of matrices)");
  }

  void requireLastAxis(const ir::Operation &op) {
    int64_t axis = op.getAttr("axis").getInt();
    if (axis != -1 && axis != op.operands[0]->type.rank() - 1)
      throw ir::locatedError(op.location, "state mode prepares rows: " + op.getName() +
                                              " must act along the last axis, got axis " +
                                              std::to_string(axis));
  }

  static int64_t rows(const ir::Value *v) { return v->type.shape[0]; }

  StageP basis(int64_t length) { return basisState(cx, token, static_cast<int>(length)); }

  /// Sources, and products, transposes and scales of them.
  bool isBlockExpr(const ir::Value *v) const {
    const ir::Operation &op = *v->definingOp;
    const std::string &name = op.getName();
    if (name == "qt.input" || name == "qt.weight")
      return v->type.rank() == 2;
    if (name == "qt.matmul")
      return isBlockExpr(op.operands[0]) && isBlockExpr(op.operands[1]);
    if (name == "qt.transpose" || name == "qt.scale")
      return isBlockExpr(op.operands[0]);
    return false;
  }

  /// op(M) applied to the state: M^T (`transpose`) or M.
  StageP applyBlock(StageP state, const ir::Value *m, bool transpose) {
    const ir::Operation &op = *m->definingOp;
    const std::string &name = op.getName();
    if (name == "qt.input" || name == "qt.weight")
      return applyOracle(cx, state, oracle(m), transpose);
    if (name == "qt.matmul") { // (AB)^T = B^T A^T: A^T first
      const ir::Value *first = op.operands[transpose ? 0 : 1];
      const ir::Value *second = op.operands[transpose ? 1 : 0];
      return applyBlock(applyBlock(state, first, transpose), second, transpose);
    }
    if (name == "qt.transpose")
      return applyBlock(state, op.operands[0], !transpose);
    if (name == "qt.scale")
      return scaleValue(applyBlock(state, op.operands[0], transpose),
                        op.getAttr("factor").getNumber());
    throw InternalError("applyBlock on " + name);
  }

  /// softmax(scores): exp(s/2) on the amplitudes, amplified, squared. The
  /// exponential reads amplitudes x = s / alpha and applies e^{c x}, c =
  /// alpha / 2, scaled by e^{-|c|}: when alpha is large next to the
  /// row's norm, the amplitudes are tiny and the amplification long. Then
  /// the scores are normalised first (c = ||s|| / 2), if the estimated
  /// query count (calls x (degree ~ c + 10)) is lower.
  StageP softmaxRow(StageP scores) {
    double z = scores->length * std::exp(-scores->valueHigh); // Z_j >= L e^{-max |s|}
    if (scores->known() && !cx.boundsOnly) {
      const Eigen::VectorXd x = scores->ideal.head(scores->length);
      const double u = x.norm(), c = scores->alpha / 2;
      const double direct =
          (2 * amplificationIterates(expReadoutAmplitude(x, c)) + 1) * (std::fabs(c) + 10);
      const double normalised = (2 * amplificationIterates(u) + 1) *
                                (2 * amplificationIterates(expReadoutAmplitude(x / u, c * u)) + 1) *
                                (std::fabs(c * u) + 10);
      z = (scores->alpha * x).array().exp().sum();
      if (normalised < direct)
        scores = amplify(cx, scores);
    }
    // Several heads: seed 000's Z_j is the smallest.
    cx.facts["Z_j"] = cx.facts.count("Z_j") ? std::min(cx.facts["Z_j"], z) : z;
    return squareAmplitudes(cx, normalise(cx, expHalfAmplitudes(cx, scores)));
  }

  /// Multi-head attention: per head h, the query's columns of h (a
  /// projection), scores K_h q_h / sqrt(d_h), softmax and V^T p; the
  /// heads' rows concatenated (V's columns of h from head h).
  StageP attentionRow(const ir::Operation &op) {
    requireMatrix(op);
    const ir::Value *q = op.operands[0], *k = op.operands[1], *v = op.operands[2];
    if (!isBlockExpr(k) || !isBlockExpr(v))
      notSupported(op, "attention whose keys or values are not products of inputs and weights");
    const int64_t heads = op.getAttr("heads").getInt();
    const int64_t dk = q->type.shape[1] / heads, dv = v->type.shape[1] / heads;
    StageP query = row(q);
    std::vector<StageP> outs;
    for (int64_t h = 0; h < heads; ++h) {
      StageP qh = heads > 1 ? projectRange(cx, query, h * dk, dk) : query;
      StageP scores = scaleValue(applyBlock(qh, k, /*transpose=*/false),
                                 1 / std::sqrt(static_cast<double>(dk)));
      outs.push_back(applyBlock(softmaxRow(scores), v, /*transpose=*/true));
    }
    return outs.size() == 1 ? outs[0] : concatenateRows(cx, outs, dv);
  }

  const Oracle &oracle(const ir::Value *v) {
    if (auto it = oracles.find(v); it != oracles.end())
      return it->second;
    const ir::Operation &op = *v->definingOp;
    passes::SourceEncoding e = passes::chooseEncoding(op);
    Oracle o;
    o.source = op.getAttr("name").getString();
    const int64_t r = v->type.shape[0], c = v->type.shape[1];
    o.rows = r;
    o.cols = c;
    o.dataQubits = static_cast<int>(ir::qubitsFor(std::max(r, c)));
    const std::string comment =
        "oracle: " + e.kind + " block encoding of " + o.source + " at " + op.location.str();
    std::string gate = "be_" + o.source; // decoder.0.Wq -> be_decoder_0_Wq
    std::replace_if(gate.begin(), gate.end(), [](char ch) { return !std::isalnum(ch) && ch != '_'; }, '_');
    if (auto it = values.find(v); it != values.end()) {
      o.matrix = it->second;
      std::vector<double> entries;
      for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j)
          entries.push_back(o.matrix(i, j));
      o.gate = e.kind == "pauli" ? backend::definePauliEncoding(cx.program, gate, comment, entries,
                                                                r, c, o.dataQubits)
                                 : backend::defineDenseEncoding(cx.program, gate, comment, entries,
                                                                r, c, o.dataQubits);
    } else { // symbolic: an opaque oracle with the declared norm as alpha
      const int ancillas = static_cast<int>(e.ancillas);
      backend::GateDef def{gate, o.dataQubits + ancillas,
                           comment + "\n// opaque oracle: " + std::to_string(r) + " x " +
                               std::to_string(c) + ", alpha = " + ir::formatFloat(e.alpha),
                           {}};
      def.opaque = true;
      o.gate = {cx.program.define(std::move(def)), e.alpha, ancillas};
    }
    // The declared norm bounds the operator norm (random(norm = ...) is
    // scaled to it); data without one has its own.
    o.norm = op.hasAttr("norm") ? op.getAttr("norm").getNumber()
                                : Eigen::JacobiSVD<MatrixXd>(o.matrix).singularValues()(0);
    // Seed 000's names: alpha_s the input, alpha_w attention weights, alpha_m
    // the feed-forward weights (first used after a norm).
    const std::string alphaKey = op.getName() == "qt.input" ? "alpha_s"
                                 : norms > 0                ? "alpha_m"
                                                            : "alpha_w";
    cx.facts[alphaKey] = std::max(cx.facts[alphaKey], o.gate.alpha);
    return oracles.emplace(v, std::move(o)).first->second;
  }

  /// Layer norm (centering, then normalisation) or RMS norm; gamma scales
  /// the row's norm. alpha = ||x - mean|| / sqrt(var + eps) (layer norm):
  /// the row's norm, known from the data's norms.
  StageP normalize(const ir::Operation &op) {
    requireLastAxis(op);
    const double beta = op.hasAttr("beta") ? op.getAttr("beta").getNumber() : 0.0;
    if (beta != 0)
      notSupported(op, "a layer norm with beta != 0 (seed 000 App. F: an LCU with |beta>)");
    const double gamma = op.hasAttr("gamma") ? op.getAttr("gamma").getNumber() : 1.0;
    const double eps = op.hasAttr("epsilon") ? op.getAttr("epsilon").getNumber() : 1e-5;
    const bool meanFree = op.getName() == "qt.layernorm";
    StageP x = row(op.operands[0]);
    if (!x->known() || cx.boundsOnly) {
      // ||x - mean|| >= sqrt(L) min_std: seed 000's varsigma, when declared.
      const double spread =
          op.hasAttr("min_std")
              ? op.getAttr("min_std").getNumber() * std::sqrt(static_cast<double>(x->length))
              : 0.0;
      if (spread > 0)
        cx.facts[norms == 0 ? "sigma" : "sigma2"] = spread;
      ++norms;
      return normByAmplitude(cx, x, meanFree, gamma, eps, spread);
    }
    StageP y = amplify(cx, x, meanFree);
    // ||x - mean||: seed 000's varsigma (first norm), varsigma' (second)
    cx.facts[norms++ == 0 ? "sigma" : "sigma2"] = std::fabs(y->alpha);
    const double norm = std::fabs(y->alpha);
    const double var = norm * norm / static_cast<double>(y->length);
    return scaleValue(y, gamma / std::sqrt(var + eps));
  }
};

const ir::Operation &singleOutput(const ir::Module &qt) {
  const ir::Operation *out = nullptr;
  for (const auto &op : qt.operations)
    if (op->getName() == "qt.output") {
      if (out)
        throw ir::locatedError(op->location, "state mode compiles one output; this model has "
                                             "several (use --mode=matrix)");
      out = op.get();
    }
  if (!out)
    throw Error("error: the model has no output");
  return *out;
}

int widestQubits(const ir::Module &qt) {
  int64_t widest = 1;
  for (const auto &op : qt.operations)
    if (op->hasResult())
      for (int64_t d : op->getResult()->type.shape)
        widest = std::max(widest, d);
  return static_cast<int>(ir::qubitsFor(widest));
}

/// The output row, normalised: the stage to emit.
StageP buildToken(const ir::Module &qt, const ir::Operation &output, int64_t token,
                  StateContext &cx, const std::map<const ir::Value *, MatrixXd> &values) {
  Builder builder(qt, cx, token, values);
  StageP top = builder.row(output.operands[0]);
  if (top->info.kind == "amplify")
    return top;
  if (top->known() && !cx.boundsOnly)
    return amplify(cx, top);
  // From bounds only: a row read out with amplitude >= 1/2 (a layer norm's)
  // stays as it is (success probability >= 1/4, in the report); a smaller
  // bound is amplified to one, and no bound at all is refused.
  if (top->amplitudeLow >= 0.5)
    return top;
  if (!(top->amplitudeLow > 0))
    throw ir::locatedError(output.location,
                           "state mode: the output row's norm has no positive lower bound from "
                           "the data's declared norms, so its state cannot be prepared with a "
                           "bounded success probability (end the model with a layer norm that "
                           "declares min_std, or give the data explicitly)");
  return amplifyFixedPoint(cx, top);
}

} // namespace

StateCircuit compileState(const ir::Module &qt, const StateOptions &options) {
  const ir::Operation &output = singleOutput(qt);
  const ir::Value *y = output.operands[0];
  if (y->type.rank() != 2)
    throw ir::locatedError(output.location,
                           "state mode prepares rows of a matrix output; this output is a " +
                               y->type.str() + " (use --mode=matrix)");
  const int64_t tokens = y->type.shape[0];
  if (options.token < 0 || options.token >= tokens)
    throw ir::locatedError(output.location, "token " + std::to_string(options.token) +
                                                " is out of range: the output has " +
                                                std::to_string(tokens) + " rows (0.." +
                                                std::to_string(tokens - 1) + ")");
  bool symbolic = false;
  for (const auto &op : qt.operations)
    if ((op->getName() == "qt.input" || op->getName() == "qt.weight") && !ir::explicitValues(*op))
      symbolic = true;
  // Symbolic data: no values, no reference; everything from the declared norms.
  std::vector<MatrixXd> exact;
  std::map<const ir::Value *, MatrixXd> values;
  if (!symbolic)
    values = interp::evaluateValues(qt, &exact);
  const double epsilon = output.getAttr("epsilon").getNumber();

  // Pass 1 measures the error per unit eta; pass 2 builds with the eta
  // that fits the budget (halved until the bound holds).
  double eta = 1e-6;
  StateContext cx;
  StageP top;
  for (int attempt = 0; attempt < 8; ++attempt) {
    cx = StateContext{};
    cx.dataQubits = widestQubits(qt);
    cx.eta = eta;
    cx.boundsOnly = symbolic || options.boundsOnly;
    top = buildToken(qt, output, options.token, cx, values);
    const double bound = std::fabs(top->alpha) * top->errorPerEta * eta;
    if (bound <= epsilon / 2 && attempt > 0)
      break;
    if (attempt == 7)
      throw Error(output.location.str() + ": no polynomial error meets epsilon " +
                  std::to_string(epsilon) + " in state mode");
    eta = std::min(eta, epsilon / (2 * std::fabs(top->alpha) * top->errorPerEta)) *
          (attempt > 0 ? 0.5 : 1.0);
    if (!(eta > 1e-14))
      throw Error(output.location.str() + ": epsilon " + std::to_string(epsilon) +
                  " needs polynomials below 1e-14 in state mode (alpha " +
                  std::to_string(top->alpha) + ")");
  }

  StateCircuit c;
  c.tokens = tokens;
  if (!symbolic)
    c.reference = exact[0].row(options.token).transpose();
  c.symbolic = symbolic;
  c.successAmplitudeLow = top->known() ? top->lowered.norm() : top->amplitudeLow;
  c.circuit.program = std::move(cx.program);
  backend::Program &p = c.circuit.program;
  p.registers.push_back({"q", cx.dataQubits});
  if (top->gate.ancillas > 0)
    p.registers.push_back({"anc", top->gate.ancillas});
  backend::GateBuilder(p.body).call(top->gate.gate, {},
                                    backend::qubitRange(0, cx.dataQubits + top->gate.ancillas));
  c.circuit.outputName =
      output.hasAttr("name") ? output.getAttr("name").getString() : std::string("output");
  c.circuit.shape = {y->type.shape[1], 1};
  c.circuit.dataQubits = cx.dataQubits;
  c.circuit.ancillas = top->gate.ancillas;
  c.circuit.alpha = std::fabs(top->alpha);
  c.circuit.epsilon = epsilon;
  c.oracleQueries = top->calls;
  c.stages = std::move(cx.stages);
  c.token = options.token;
  c.facts = std::move(cx.facts);
  c.facts["N"] = static_cast<double>(tokens);
  c.facts["d"] = static_cast<double>(y->type.shape[1]);
  return c;
}

} // namespace qsvtc::state
