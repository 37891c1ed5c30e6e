//===- StateMode.h - Compile one token of a model as a state ----*- C++ -*-===//
//
// State mode (seed 000 §3.5-3.10, docs/state-mode.md): instead of a block
// encoding of the whole output matrix, the circuit prepares the normalised
// output row of one token j, |y_j> = y_j / ||y_j||, from the model's data
// oracles. Normalisations (softmax's 1/Z_j, layer norm's 1/sigma) are the
// normalisation of a state, paid for by exact amplitude amplification;
// the softmax's exponential acts on amplitudes (QSVT on the diagonal
// encoding of a state); ancillas that an amplified stage returned to |0>
// are reused by the next stage.
//
// The circuit computes from the oracles only. Classical numbers chosen from
// the data's norms enter as amplification angles, round counts and the
// exponential's scale, never as the answer.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_STATE_STATEMODE_H
#define QSVTC_STATE_STATEMODE_H

#include "qsvtc/backend/Emitter.h"
#include "qsvtc/ir/Module.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace qsvtc::state {

struct StateOptions {
  int64_t token = 0; ///< the row j of the output to prepare
  /// --amplitudes=bounded: amplify and normalise from the data's declared
  /// norms only, as for symbolic data (fixed-point amplification, norms by
  /// amplitude transforms), even when the entries are known.
  bool boundsOnly = false;
  /// Called with a line at each step that can take seconds (the tools
  /// print it on stderr once the run has taken more than 2 s).
  std::function<void(const std::string &)> progress;
};

/// One stage of the compiled token, for the plan printout and resources.
struct StageInfo {
  std::string kind; ///< row, apply, exp-amplitudes, amplify, square, lcu, norm, project, activation
  std::string detail;    ///< what it applies (oracle, polynomial, ...)
  int ancillas = 0;      ///< live ancillas of the stage's gate
  double calls = 0;      ///< oracle queries of the stage's gate (all oracles)
  int degree = 0;        ///< polynomial degree (exp-amplitudes)
  int rounds = 0;        ///< amplification iterates (amplify)
  double amplitude = 0;  ///< success amplitude of its input (amplify)
  double errorBound = 0; ///< bound on the l2 error of its amplitudes
};

/// One layer before the last (seed 000 §6): its rows are measured by
/// tomography and loaded as the next layer's data.
struct LayerCost {
  std::string name;         ///< the block (decoder.3)
  int64_t rows = 0;         ///< tokens read out
  double queriesPerRow = 0; ///< oracle queries of one row's circuit
  double samplesPerRow = 0; ///< tomography copies per row
  double queries = 0;       ///< rows * samples * queries per row
  int qubits = 0;           ///< one row's circuit
  double epsilon = 0;       ///< one row's circuit error (tomography: the same)
};

struct StateCircuit {
  backend::EmittedCircuit circuit;             ///< shape {N, 1}: a state; alpha = ||y_j||
  Eigen::VectorXd reference;                   ///< the exact row y_j; empty for symbolic data
  bool symbolic = false;                       ///< opaque oracles: resources only
  std::vector<LayerCost> layers;               ///< layers read out before this one
  double successAmplitudeLow = 1;              ///< ||<0_flags|U|0>|| (or its bound)
  std::vector<StageInfo> stages;               ///< innermost first
  std::map<std::string, double> oracleQueries; ///< per data source
  int64_t tokens = 0;                          ///< rows of the output
  int64_t token = 0;
  /// Numbers seed 000's cost formulas take (Resources.cpp): "N", "d",
  /// "alpha_s", "alpha_w", "alpha_m", "Z_j", "sigma", "sigma2", "ell".
  std::map<std::string, double> facts;
};

/// Why state mode cannot compile the module's output at all: several
/// outputs, or one that is not rows of a matrix (nullopt: it is row-wise;
/// whether every op has a construction is known only by compiling).
struct NotRowWise {
  ir::Location location;
  std::string reason;
};
std::optional<NotRowWise> whyNotRowWise(const ir::Module &qt);

/// Compiles row `options.token` of the module's single output. Symbolic
/// data becomes opaque oracles with the declared norms as alphas, and
/// every amplification and norm is chosen from bounds. Throws Error
/// (located) for a token out of range, an output that is not row-wise, an
/// output whose norm has no lower bound; NotSupportedError for an op state
/// mode has no construction for yet.
StateCircuit compileState(const ir::Module &qt, const StateOptions &options);

/// Resources of the compiled token (qsvtc --mode=state --emit=resources):
/// qubits, oracle queries, degrees, amplification rounds, gate and T
/// counts of the emitted circuit, each stage, and seed 000's cost formula
/// with the same numbers.
nlohmann::ordered_json resourcesJson(const StateCircuit &c);
/// The same as a table for people.
std::string resourcesTable(const StateCircuit &c);

} // namespace qsvtc::state

#endif // QSVTC_STATE_STATEMODE_H
