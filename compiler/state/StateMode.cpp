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
//   gelu, silu, mish,       A's row amplified, then x * gate(alpha x) by
//   tanh, sigmoid, relu     QSVT on its diagonal (importance weighting);
//                           sigmoid's 1/2 by an LCU with the uniform row
//   layernorm / rmsnorm     amplification onto the mean-free part (layer
//                           norm) or the whole row: 1/sigma is the state's
//                           normalisation
// and normalises the output row by a last amplification. The error budget
// is split by running the construction once for its error rule (linear in
// eta), then again with eta = epsilon / (2 alpha_out * error per eta).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/state/StateMode.h"
#include "qsvtc/ops/QtOps.h"

#include "../passes/Encodings.h"
#include "qsvtc/approx/Activations.h"
#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/state/Amplify.h"
#include "qsvtc/state/Stages.h"
#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <sstream>

namespace qsvtc::state {

namespace {

using Eigen::MatrixXd;

/// A gate name for a data source: decoder.0.Wq -> be_decoder_0_Wq.
/// A layer's name: its block's (qt.block_output), else the value's.
std::string blockOrValueName(const ir::Value *v) {
  const ir::Operation *op = v->definingOp;
  return op && ops::is<ops::qt::BlockOutput>(*op) ? ops::qt::blockName(*op) : v->name;
}

std::string gateName(const std::string &prefix, const std::string &source) {
  std::string name = prefix + source;
  std::replace_if(
      name.begin(), name.end(), [](char ch) { return !std::isalnum(ch) && ch != '_'; }, '_');
  return name;
}

/// An earlier layer's output, read out row by row (tomography) and loaded
/// again as a data oracle of the next layer: its rows' norm bound.
using Readouts = std::map<const ir::Value *, double>;

class Builder {
public:
  Builder(const ir::Module &qt, StateContext &cx, int64_t token,
          const std::map<const ir::Value *, MatrixXd> &values, const Readouts &readouts)
      : qt(qt), cx(cx), token(token), values(values), readouts(readouts) {}

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
    if (loadedRows(v))
      return loadRow(cx, token, loader(v));
    if (isSource(v))
      return applyBlock(basis(rows(v)), v, /*transpose=*/true);
    if (ops::is<ops::qt::Matmul>(op)) {
      requireMatrix(op);
      if (!isBlockExpr(op.operands[1]))
        notSupported(op, "a product whose right factor is not a product of inputs and "
                         "weights");
      return applyBlock(row(op.operands[0]), op.operands[1], /*transpose=*/true);
    }
    if (ops::is<ops::qt::Transpose>(op) && isBlockExpr(op.operands[0]))
      return applyBlock(basis(op.operands[0]->type.shape[1]), op.operands[0], false);
    if (ops::is<ops::qt::Scale>(op))
      return scaleValue(row(op.operands[0]), ops::qt::scaleFactor(op));
    if (ops::is<ops::qt::Add>(op))
      return addValues(cx, {row(op.operands[0]), row(op.operands[1])});
    if (ops::is<ops::qt::Softmax>(op)) {
      requireLastAxis(op);
      return squareAmplitudes(cx, softmaxRow(row(op.operands[0])));
    }
    if (ops::is<ops::qt::Attention>(op))
      return attentionRow(op);
    if (ops::qt::isNormalisation(op))
      return normalize(op);
    if (ops::is<ops::qt::BlockOutput>(op))
      return row(op.operands[0]);
    if (ops::is<ops::qt::Elementwise>(op)) {
      const std::string &fn = ops::qt::functionName(op);
      const approx::Activation *act = approx::findActivation(fn);
      if (!act || act->amplitudeGate.empty()) {
        std::string gated;
        for (const approx::Activation &a : approx::activations())
          if (a.inDsl && !a.amplitudeGate.empty())
            gated += (gated.empty() ? "" : ", ") + a.name;
        notSupported(op, "'" + fn + "' (activations offset + x * gate(x): " + gated + ")");
      }
      // With known amplitudes, amplifying first lets the activation reuse
      // the flags (fewer qubits); from bounds, its input has no lower bound
      // to amplify from, so the activation takes flags of its own.
      StageP x = row(op.operands[0]);
      if (!x->clean && x->known() && !cx.boundsOnly)
        x = amplify(cx, x);
      StageP f = gatedActivation(cx, x, fn);
      if (act->amplitudeOffset == 0)
        return f;
      return addValues(cx, {f, constantRow(cx, f->length, act->amplitudeOffset)},
                       fn + "'s constant");
    }
    notSupported(op, "'" + name + "'");
  }

  const ir::Module &qt;
  StateContext &cx;
  int64_t token;
  const std::map<const ir::Value *, MatrixXd> &values;
  const Readouts &readouts;
  std::map<const ir::Value *, Oracle> oracles, loaders;
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
    const int64_t axis = ops::qt::axis(op);
    if (axis != -1 && axis != op.operands[0]->type.rank() - 1)
      throw ir::locatedError(op.location, "state mode prepares rows: " + op.getName() +
                                              " must act along the last axis, got axis " +
                                              std::to_string(axis));
  }

  static int64_t rows(const ir::Value *v) { return v->type.shape[0]; }

  StageP basis(int64_t length) { return basisState(cx, token, static_cast<int>(length)); }

  /// Inputs, weights and earlier layers' readouts: data oracles.
  bool isSource(const ir::Value *v) const {
    return ops::qt::isSource(*v->definingOp) || loadedRows(v);
  }

  /// Data loaded row by row (a readout, or a norm applied directly to a
  /// readout or to symbolic data): the bound on its rows' norms.
  ///
  /// A norm of loaded data is folded into the loader: the classical data
  /// structure behind a row loader stores normalised rows and their norms
  /// (Kerenidis-Prakash), so rmsnorm / layernorm of measured or declared
  /// rows is loaded as it is. Explicit data is not (its circuits are
  /// verified, and the norm is the model's to compute).
  std::optional<double> loadedRows(const ir::Value *v) const {
    if (auto it = readouts.find(v); it != readouts.end())
      return it->second;
    const ir::Operation &op = *v->definingOp;
    if (!ops::qt::isNormalisation(op))
      return std::nullopt;
    const ir::Value *x = op.operands[0];
    const bool declared = ops::qt::isSource(*x->definingOp) && !values.count(x);
    if (!readouts.count(x) && !declared)
      return std::nullopt;
    const double gamma = ops::qt::normParams(op).gamma;
    return std::fabs(gamma) * std::sqrt(static_cast<double>(v->type.shape[1]));
  }

  /// How the plan names loaded data: readout(decoder.3), rmsnorm(X).
  std::string loadedName(const ir::Value *v) const {
    const ir::Operation &op = *v->definingOp;
    if (readouts.count(v))
      return "readout(" + blockOrValueName(v) + ")";
    const ir::Value *x = op.operands[0];
    const std::string inner =
        readouts.count(x) ? loadedName(x) : ops::qt::sourceName(*x->definingOp);
    return op.getName().substr(3) + "(" + inner + ")";
  }

  /// Sources, and products, transposes and scales of them.
  bool isBlockExpr(const ir::Value *v) const {
    const ir::Operation &op = *v->definingOp;
    if (isSource(v))
      return v->type.rank() == 2;
    if (ops::is<ops::qt::Matmul>(op))
      return isBlockExpr(op.operands[0]) && isBlockExpr(op.operands[1]);
    if (ops::is<ops::qt::Transpose>(op) || ops::is<ops::qt::Scale>(op))
      return isBlockExpr(op.operands[0]);
    return false;
  }

  /// op(M) applied to the state: M^T (`transpose`) or M.
  StageP applyBlock(StageP state, const ir::Value *m, bool transpose) {
    const ir::Operation &op = *m->definingOp;
    if (isSource(m))
      return applyOracle(cx, state, oracle(m), transpose);
    if (ops::is<ops::qt::Matmul>(op)) { // (AB)^T = B^T A^T: A^T first
      const ir::Value *first = op.operands[transpose ? 0 : 1];
      const ir::Value *second = op.operands[transpose ? 1 : 0];
      return applyBlock(applyBlock(state, first, transpose), second, transpose);
    }
    if (ops::is<ops::qt::Transpose>(op))
      return applyBlock(state, op.operands[0], !transpose);
    if (ops::is<ops::qt::Scale>(op))
      return scaleValue(applyBlock(state, op.operands[0], transpose), ops::qt::scaleFactor(op));
    throw InternalError("applyBlock on " + op.getName());
  }

  /// sqrt(softmax(scores)): exp(s/2) on the amplitudes, amplified (the
  /// caller squares it, or weighs rows by its squares). The
  /// exponential reads amplitudes x = s / alpha and applies e^{c x}, c =
  /// alpha / 2, scaled by e^{-|c|}: when alpha is large next to the
  /// row's norm, the amplitudes are tiny and the amplification long. Then
  /// the scores are normalised first (c = ||s|| / 2), if the estimated
  /// query count (calls x (degree ~ c + 10)) is lower.
  StageP softmaxRow(StageP scores, int64_t prefix = 0) {
    const int64_t read = prefix > 0 ? prefix : scores->length; // causal: tokens 0..j
    double z = read * std::exp(-scores->entryHigh);            // Z_j >= L e^{-max |s|}
    if (scores->known() && !cx.boundsOnly) {
      const Eigen::VectorXd x = scores->ideal.head(read);
      const double u = scores->ideal.norm(), c = scores->alpha / 2;
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
    return normalise(cx, expHalfAmplitudes(cx, scores, prefix));
  }

  /// V^T p for p = a o a: when V = H R with H an earlier layer's readout,
  /// R^T (sum_k p_k h_k) by its row loader (alpha the rows' norm, not
  /// ||H||_F); else V^T applied to the softmax row.
  StageP attend(const StageP &a, const ir::Value *v) {
    const ir::Operation &op = *v->definingOp;
    if (loadedRows(v))
      return mixRows(cx, a, loader(v));
    if (ops::is<ops::qt::Matmul>(op) && loadedRows(op.operands[0]))
      return applyBlock(mixRows(cx, a, loader(op.operands[0])), op.operands[1],
                        /*transpose=*/true);
    return applyBlock(squareAmplitudes(cx, a), v, /*transpose=*/true);
  }

  /// Multi-head attention: per head h, the query's columns of h (a
  /// projection), scores K_h q_h / sqrt(d_h), softmax and V^T p; the
  /// heads' rows concatenated (V's columns of h from head h).
  StageP attentionRow(const ir::Operation &op) {
    requireMatrix(op);
    const ir::Value *q = op.operands[0], *k = op.operands[1], *v = op.operands[2];
    if (!isBlockExpr(k) || !isBlockExpr(v))
      notSupported(op, "attention whose keys or values are not products of inputs and weights");
    const int64_t heads = ops::qt::heads(op);
    const int64_t dk = q->type.shape[1] / heads, dv = v->type.shape[1] / heads;
    StageP query = row(q);
    std::vector<StageP> outs;
    for (int64_t h = 0; h < heads; ++h) {
      StageP qh = heads > 1 ? projectRange(cx, query, h * dk, dk) : query;
      StageP scores = scaleValue(applyBlock(qh, k, /*transpose=*/false),
                                 1 / std::sqrt(static_cast<double>(dk)));
      // Causal (seed 000 Cor. 1): the exponential reads tokens 0..j only.
      outs.push_back(attend(softmaxRow(scores, ops::qt::isCausal(op) ? token + 1 : 0), v));
    }
    return outs.size() == 1 ? outs[0] : concatenateRows(cx, outs, dv);
  }

  const Oracle &oracle(const ir::Value *v) {
    if (auto it = oracles.find(v); it != oracles.end())
      return it->second;
    const ir::Operation &op = *v->definingOp;
    if (std::optional<double> r = loadedRows(v))
      return oracles.emplace(v, readoutOracle(v, *r)).first->second;
    passes::SourceEncoding e = passes::chooseEncoding(op);
    Oracle o;
    o.source = ops::qt::sourceName(op);
    const int64_t r = v->type.shape[0], c = v->type.shape[1];
    o.rows = r;
    o.cols = c;
    o.dataQubits = static_cast<int>(ir::qubitsFor(std::max(r, c)));
    const std::string comment = "oracle: " + std::string(ops::lcuKindName(e.kind)) +
                                " block encoding of " + o.source + " at " + op.location.str();
    const std::string gate = gateName("be_", o.source);
    if (auto it = values.find(v); it != values.end()) {
      o.matrix = it->second;
      std::vector<double> entries;
      for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j)
          entries.push_back(o.matrix(i, j));
      o.gate =
          e.kind == ops::LcuKind::Pauli
              ? backend::definePauliEncoding(cx.program, gate, comment, entries, r, c, o.dataQubits)
              : backend::defineDenseEncoding(cx.program, gate, comment, entries, r, c,
                                             o.dataQubits);
    } else { // symbolic: an opaque oracle with the declared norm as alpha
      o.gate = opaqueOracle(gate, comment, r, c, e.alpha, static_cast<int>(e.ancillas));
    }
    // The declared norm bounds the operator norm (random(norm = ...) is
    // scaled to it), and so every row's and column's norm; data without
    // one has its own.
    if (const std::optional<double> norm = ir::sourceNorm(op)) {
      o.norm = o.rowNorm = o.colNorm = *norm;
    } else {
      o.norm = Eigen::JacobiSVD<MatrixXd>(o.matrix).singularValues()(0);
      o.rowNorm = o.matrix.rowwise().norm().maxCoeff();
      o.colNorm = o.matrix.colwise().norm().maxCoeff();
    }
    if (cx.polynomials == Polynomials::Estimate)
      o.matrix.resize(0, 0); // degrees only: amplitudes are not followed
    // Seed 000's names: alpha_s the input, alpha_w attention weights, alpha_m
    // the feed-forward weights (first used after a norm).
    const std::string alphaKey = ops::is<ops::qt::Input>(op) ? "alpha_s"
                                 : norms > 0                 ? "alpha_m"
                                                             : "alpha_w";
    cx.facts[alphaKey] = std::max(cx.facts[alphaKey], o.gate.alpha);
    return oracles.emplace(v, std::move(o)).first->second;
  }

  backend::Encoded opaqueOracle(const std::string &gate, const std::string &comment, int64_t r,
                                int64_t c, double alpha, int ancillas) {
    const int dataQubits = static_cast<int>(ir::qubitsFor(std::max(r, c)));
    backend::GateDef def{gate,
                         dataQubits + ancillas,
                         comment + "\n// opaque oracle: " + std::to_string(r) + " x " +
                             std::to_string(c) + ", alpha = " + ir::formatFloat(alpha),
                         {}};
    def.opaque = true;
    return backend::defineBlock(cx.program, std::move(def), alpha, ancillas);
  }

  /// Loaded data's shape and rows' norm bound (no gate yet).
  Oracle loadedShape(const ir::Value *v, double rowNorm) const {
    Oracle o;
    o.source = loadedName(v);
    o.rows = v->type.shape[0];
    o.cols = v->type.shape[1];
    o.dataQubits = static_cast<int>(ir::qubitsFor(std::max(o.rows, o.cols)));
    o.rowNorm = rowNorm;
    return o;
  }

  /// An earlier layer's output, its rows measured (tomography) and loaded
  /// again: rows of norm <= rowNorm, so alpha = ||H||_F <= sqrt(R) rowNorm
  /// for the dense (row-state) encoding of R rows.
  Oracle readoutOracle(const ir::Value *v, double rowNorm) {
    Oracle o = loadedShape(v, rowNorm);
    o.norm = o.colNorm = std::sqrt(static_cast<double>(o.rows)) * rowNorm;
    o.gate = opaqueOracle(gateName("be_", o.source),
                          "oracle: the loaded rows of " + o.source + " at " +
                              v->definingOp->location.str(),
                          o.rows, o.cols, o.norm, o.dataQubits);
    return o;
  }

  /// The row loader of loaded data (opaque: measured or declared rows).
  const Oracle &loader(const ir::Value *v) {
    if (auto it = loaders.find(v); it != loaders.end())
      return it->second;
    Oracle o = loadedShape(v, *loadedRows(v));
    o.source = "rows of " + o.source;
    o.norm = o.colNorm = o.rowNorm; // it maps e_k to h_k only
    const std::string gate = gateName("load_", o.source);
    const ir::Operation &op = *v->definingOp;
    backend::GateDef def{gate,
                         2 * o.dataQubits + 1,
                         "oracle: row loader of " + o.source + " at " + op.location.str() +
                             "\n// opaque: |k>|0> -> |k> (h_k / " + ir::formatFloat(o.rowNorm) +
                             ") on its flag |0>",
                         {}};
    def.opaque = true;
    o.gate = backend::defineBlock(cx.program, std::move(def), o.rowNorm, 1);
    return loaders.emplace(v, std::move(o)).first->second;
  }

  /// Layer norm (centering, then normalisation) or RMS norm, then + beta
  /// (seed 000 App. F: an LCU of the normalised row and the constant row
  /// beta 1, alpha |gamma| ||y|| + |beta| sqrt(d)).
  StageP normalize(const ir::Operation &op) {
    const double beta = ops::qt::normParams(op).beta;
    StageP y = normalizeRow(op);
    if (beta == 0)
      return y;
    return addValues(cx, {y, constantRow(cx, y->length, beta)}, "layer norm's beta");
  }

  /// gamma (x - mean) / sqrt(var + eps) (layer norm) or gamma x /
  /// sqrt(mean(x^2) + eps) (RMS norm): amplified to the row's norm, known
  /// from the data's norms, or by the declared spread's bound.
  StageP normalizeRow(const ir::Operation &op) {
    requireLastAxis(op);
    const ops::qt::NormParams params = ops::qt::normParams(op);
    const double gamma = params.gamma, eps = params.epsilon;
    const bool meanFree = ops::is<ops::qt::LayerNorm>(op);
    StageP x = row(op.operands[0]);
    if (!x->known() || cx.boundsOnly) {
      // ||x - mean|| >= sqrt(L) min_std: seed 000's varsigma, when declared.
      const double spread =
          params.minStd ? *params.minStd * std::sqrt(static_cast<double>(x->length)) : 0.0;
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
  for (const auto &op : qt.operations)
    if (ops::is<ops::qt::Output>(*op))
      return *op;
  throw InternalError("singleOutput: no output (whyNotRowWise checks first)");
}

int widestQubits(const ir::Module &qt) {
  int64_t widest = 1;
  for (const auto &op : qt.operations)
    if (op->hasResult())
      for (int64_t d : op->getResult()->type.shape)
        widest = std::max(widest, d);
  return static_cast<int>(ir::qubitsFor(widest));
}

/// Row `token` of `y`, normalised unless the bounds leave it at amplitude
/// >= 1/2 (or `normaliseOutput` is false: a row read out by tomography
/// needs no normalisation): the stage to emit.
StageP buildToken(const ir::Module &qt, const ir::Value *y, int64_t token, StateContext &cx,
                  const std::map<const ir::Value *, MatrixXd> &values, const Readouts &readouts,
                  bool normaliseOutput) {
  Builder builder(qt, cx, token, values, readouts);
  StageP top = builder.row(y);
  if (top->info.kind == "amplify" || !normaliseOutput)
    return top;
  if (top->known() && !cx.boundsOnly)
    return amplify(cx, top);
  // From bounds only: a row read out with amplitude >= 1/2 (a layer norm's)
  // stays as it is (success probability >= 1/4, in the report); a smaller
  // positive bound is amplified to one. Without a bound the row stays a
  // state encoding y_j / alpha on flags |0> (seed 000's output form), its
  // success probability unbounded, and the report says so.
  if (top->amplitudeLow >= 0.5 || !(top->amplitudeLow > 0))
    return top;
  return amplifyFixedPoint(cx, top);
}

/// Each polynomial's error eta_i within a budget E in amplitude units.
/// A polynomial within eta_i has degree ~ log(1/eta_i) and every degree
/// multiplies the cost, so the cost's log, sum_i log log(1/eta_i), is
/// least under sum_i g_i eta_i = E (g_i the gains) where g_i eta_i
/// log(1/eta_i) is the same for every i (Lagrange): a polynomial whose
/// error is amplified downstream gets less, the last norm gets most.
/// Returned relative to the smallest (eta fixes the scale).
std::vector<double> splitBudget(const Stage &top, int polynomials, double budget) {
  constexpr double Largest = StateContext::LargestPolynomialError;
  std::vector<double> gain(static_cast<std::size_t>(polynomials), 0.0);
  double sum = 0;
  for (const auto &[i, g] : top.gains)
    if (i >= 0 && i < polynomials && g > 0) {
      gain[static_cast<std::size_t>(i)] = g;
      sum += g;
    }
  std::vector<double> eta(gain.size(), 1.0);
  if (!(sum > 0) || !(budget > 0))
    return eta;
  std::vector<double> logInv(gain.size(), std::max(1.0, std::log(sum / budget)));
  for (int round = 0; round < 4; ++round) {
    double harmonic = 0; // sum_i 1 / log(1/eta_i) over the polynomials that count
    for (std::size_t i = 0; i < gain.size(); ++i)
      if (gain[i] > 0)
        harmonic += 1 / logInv[i];
    const double lambda = budget / harmonic;
    for (std::size_t i = 0; i < gain.size(); ++i) {
      eta[i] = gain[i] > 0 ? std::min(Largest, lambda / (gain[i] * logInv[i])) : Largest;
      logInv[i] = std::max(1.0, std::log(1 / eta[i]));
    }
  }
  const double smallest = *std::min_element(eta.begin(), eta.end());
  for (double &v : eta)
    v /= smallest;
  return eta;
}

/// The error per eta that `shares` would give, from a build with every
/// share 1 (its gains; linear in the shares).
double errorPerEta(const Stage &top, const std::vector<double> &shares) {
  double e = top.errorPerEta;
  for (const auto &[i, g] : top.gains)
    if (i >= 0 && static_cast<std::size_t>(i) < shares.size())
      e += g * (shares[static_cast<std::size_t>(i)] - 1);
  return e;
}

/// The token's circuit within `epsilon`: pass 1 measures each
/// polynomial's gain, the budget is split (splitBudget), and pass 2 builds
/// with the eta that fits it (halved until the bound holds).
std::pair<StateContext, StageP>
buildWithinBudget(const ir::Module &qt, const ir::Value *y, const ir::Location &at, double epsilon,
                  int64_t token, bool boundsOnly, Polynomials polynomials, bool withGates,
                  const std::map<const ir::Value *, MatrixXd> &values, const Readouts &readouts,
                  bool normaliseOutput) {
  // The first pass only measures gains: polynomials without phases, at an
  // eta near the budget's.
  double eta = std::min(1e-2 * epsilon, StateContext::LargestPolynomialError);
  std::vector<double> shares;
  bool measuring = true;
  StateContext cx;
  StageP top;
  auto build = [&](bool gates) {
    cx = StateContext{};
    cx.dataQubits = widestQubits(qt);
    cx.eta = eta;
    cx.shares = shares;
    cx.boundsOnly = boundsOnly;
    cx.measuring = measuring;
    cx.polynomials =
        measuring && polynomials == Polynomials::Solve ? Polynomials::Approximate : polynomials;
    cx.buildGates = gates;
    top = buildToken(qt, y, token, cx, values, readouts, normaliseOutput);
  };
  // The error in y's units: alpha times the amplitudes' (||y|| <= the value
  // bound when a fixed-point amplification leaves alpha unknown).
  auto scale = [&] { return std::isfinite(top->alpha) ? std::fabs(top->alpha) : top->valueHigh; };
  for (int attempt = 0; attempt < 8; ++attempt) {
    build(/*gates=*/false);
    const double bound = scale() * top->errorPerEta * eta;
    if (bound <= epsilon / 2 && attempt > 0) {
      if (withGates)
        build(/*gates=*/true); // the same numbers, now with the circuit
      break;
    }
    if (attempt == 7)
      throw Error(at.str() + ": no polynomial error meets epsilon " + ir::formatFloat(epsilon) +
                  " in state mode");
    if (attempt == 0) {
      shares = splitBudget(*top, cx.polynomialsBuilt, epsilon / (2 * scale()));
      measuring = false;
    }
    // The first pass measures the gains (built with every share 1); later
    // ones, built with the shares, halve eta while degrees chosen from it
    // move the rule (it is linear only per degree).
    const double perEta = attempt == 0 ? errorPerEta(*top, shares) : top->errorPerEta;
    // No polynomial (products and sums only): nothing to fit, any eta holds.
    const double fit = perEta > 0 ? epsilon / (2 * scale() * perEta) : eta;
    eta = attempt == 0 ? fit : std::min(eta * 0.5, fit);
    if (!(eta > 1e-14))
      throw Error(at.str() + ": epsilon " + ir::formatFloat(epsilon) +
                  " needs polynomials below 1e-14 in state mode (alpha " +
                  std::to_string(top->alpha) + ")");
  }
  return {std::move(cx), top};
}

/// Kerenidis-Prakash l2 tomography (arXiv 1808.09266, Thm 4.1): 36 d ln d /
/// delta^2 copies give ||x~ - x|| <= delta for a unit d-vector, with
/// probability >= 1 - 1/d^0.83. A row y = alpha (<0|U|0>) read from the
/// unnormalised circuit to absolute error delta needs (alpha / delta)^2 in
/// place of 1 / delta^2 (runs that fail the flags count too).
double tomographySamples(int64_t d, double alpha, double delta) {
  const double dd = static_cast<double>(std::max<int64_t>(d, 2));
  return std::ceil(36 * dd * std::log(dd) * (alpha / delta) * (alpha / delta));
}

} // namespace

std::optional<NotRowWise> whyNotRowWise(const ir::Module &qt) {
  const ir::Operation *out = nullptr;
  for (const auto &op : qt.operations)
    if (ops::is<ops::qt::Output>(*op)) {
      if (out)
        return NotRowWise{op->location, "state mode compiles one output; this model has several"};
      out = op.get();
    }
  if (!out) {
    NotRowWise none;
    none.reason = "the model has no output";
    return none;
  }
  const ir::Value *y = out->operands[0];
  if (y->type.rank() != 2)
    return NotRowWise{out->location,
                      "state mode prepares rows of a matrix output; this output is a " +
                          y->type.str()};
  return std::nullopt;
}

StateCircuit compileState(const ir::Module &qt, const StateOptions &options) {
  if (const std::optional<NotRowWise> why = whyNotRowWise(qt))
    throw ir::locatedError(why->location, why->reason + " (use --mode=matrix)");
  const ir::Operation &output = singleOutput(qt);
  const ir::Value *y = output.operands[0];
  const int64_t tokens = y->type.shape[0];
  if (options.token < 0 || options.token >= tokens)
    throw ir::locatedError(output.location, "token " + std::to_string(options.token) +
                                                " is out of range: the output has " +
                                                std::to_string(tokens) + " rows (0.." +
                                                std::to_string(tokens - 1) + ")");
  bool symbolic = false;
  std::vector<const ir::Operation *> boundaries; // layers read out before the last
  for (const auto &op : qt.operations) {
    if (ops::qt::isSource(*op) && !ir::explicitValues(*op))
      symbolic = true;
    if (ops::is<ops::qt::BlockOutput>(*op) && op->getResult() != y)
      boundaries.push_back(op.get());
  }
  // Symbolic data: no values, no reference; everything from the declared
  // norms. Several layers: the same, as the later ones read measured rows.
  const bool boundsOnly = symbolic || !boundaries.empty() || options.boundsOnly;
  auto progress = [&](const std::string &line) {
    if (options.progress)
      options.progress("state mode: " + line);
  };
  std::vector<MatrixXd> exact;
  std::map<const ir::Value *, MatrixXd> values;
  if (!symbolic) {
    progress("evaluating the model on its data");
    values = interp::evaluateValues(qt, &exact);
  }
  const double epsilon = ops::epsilonOf(output);

  // Between layers (seed 000 §6): every row of a layer's output is measured
  // by tomography to delta = epsilon / (2 B) (B boundaries; absolute l2, in
  // the rows' units) and loaded as the next layer's data; each row's circuit
  // is built to delta / 2 and the tomography given the other delta / 2.
  // How a readout's error grows through the later layers is not bounded
  // here (docs/state-mode.md).
  StateCircuit c;
  Readouts readouts;
  const double delta = boundaries.empty() ? 0 : epsilon / (2.0 * boundaries.size());
  for (const ir::Operation *b : boundaries) {
    const ir::Value *h = b->getResult();
    progress("bounding layer " + std::to_string(c.layers.size() + 1) + " of " +
             std::to_string(boundaries.size() + 1));
    auto [lcx, ltop] =
        buildWithinBudget(qt, h, b->location, delta / 2, options.token,
                          /*boundsOnly=*/true, Polynomials::Estimate,
                          /*withGates=*/false, values, readouts, /*normaliseOutput=*/false);
    LayerCost layer;
    layer.name = blockOrValueName(h);
    layer.rows = h->type.shape[0];
    layer.queriesPerRow = ltop->info.calls; // record() summed them
    layer.samplesPerRow = tomographySamples(h->type.shape[1], std::fabs(ltop->alpha), delta / 2);
    layer.queries = layer.queriesPerRow * layer.samplesPerRow * static_cast<double>(layer.rows);
    layer.qubits = lcx.dataQubits + ltop->gate.ancillas;
    layer.epsilon = delta / 2;
    c.layers.push_back(layer);
    readouts[h] = ltop->valueHigh;
  }
  // Symbolic data gives resources only: certified polynomials, no phases.
  // Several layers: degrees estimated, as for the layers before.
  const bool countOnly = symbolic || !boundaries.empty();
  const Polynomials polynomials = !boundaries.empty() ? Polynomials::Estimate
                                  : symbolic          ? Polynomials::Approximate
                                                      : Polynomials::Solve;
  progress("building token " + std::to_string(options.token) + "'s " +
           (countOnly ? "stages" : "circuit"));
  auto [cx, top] = buildWithinBudget(qt, y, output.location,
                                     boundaries.empty() ? epsilon : epsilon / 2, options.token,
                                     boundsOnly, polynomials, /*withGates=*/true, values, readouts,
                                     /*normaliseOutput=*/true);

  c.tokens = tokens;
  if (!symbolic)
    c.reference = exact[0].row(options.token).transpose();
  c.symbolic = countOnly;
  c.successAmplitudeLow = top->known() ? top->lowered.norm() : top->amplitudeLow;
  c.circuit.program = std::move(cx.program);
  c.circuit.stateClaims = std::move(cx.claims);
  backend::Program &p = c.circuit.program;
  p.registers.push_back({"q", cx.dataQubits});
  if (top->gate.ancillas > 0)
    p.registers.push_back({"anc", top->gate.ancillas});
  backend::GateBuilder body(p.body);
  body.call(top->gate.gate, {}, backend::qubitRange(0, cx.dataQubits + top->gate.ancillas));
  // A negative alpha (a negative gamma or scale last) is y = |alpha| (-U|0>):
  // the manifest's alpha is |alpha|, so the circuit carries the -1, as
  // Z X Z X = -I on any qubit.
  if (top->alpha < 0)
    for (int k = 0; k < 2; ++k) {
      body.x(0);
      body.z(0);
    }
  c.circuit.outputName = ops::outputName(output).value_or("output");
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
