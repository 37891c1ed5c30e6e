//===- Resources.cpp - What one compiled token costs ----------------------===//
//
// Counts come from the emitted circuit itself (backend/GateCounts.h), so
// the report and the file cannot disagree; the T-count from its
// decomposition into Clifford + T + rotations (backend/Decompose.h).
//
// Seed 000's bounds for one token (arXiv 2402.16714 v2; O-constants 1):
// attention + residual + layer norm (Thm 8 then Thm 9)
//   ell^2 sqrt(N / Z_j) * sqrt(d) (alpha_g + alpha_s) / sigma,
// and a whole layer with its GELU feed-forward network (Thm 11)
//   d alpha_s alpha_w alpha_m^3 ell^2 sqrt(N / Z_j) / (sigma sigma') log(1/eps),
// ell the largest polynomial degree, Z_j = sum_k exp(s_jk), alpha_g =
// alpha_s alpha_w sqrt(N) (Thm 8's normalisation), sigma = ||x - mean||
// of the first norm's input, sigma' of the second's.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/state/StateMode.h"

#include "qsvtc/backend/Backend.h"
#include "qsvtc/backend/Decompose.h"
#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/support/Error.h"

#include <cmath>
#include <functional>
#include <sstream>

namespace qsvtc::state {

namespace {

double fact(const StateCircuit &c, const std::string &key) {
  auto it = c.facts.find(key);
  return it == c.facts.end() ? 0.0 : it->second;
}

struct SeedBound {
  double queries = 0;  ///< with the theorem's own ell
  double ell = 0;      ///< the theorem's ell = log2(N) ln(1/eps_s), its eps_s from its precondition
  double compiled = 0; ///< the same formula with the compiled circuit's ell
  std::string formula;
};

/// Seed 000's bound with our numbers: Thm 11 when the model has a
/// feed-forward network and two norms, Thm 8 + 9 for attention with one
/// norm; queries 0 when neither applies. Its ell is O(n log(1/eps_s)) with
/// eps_s the data precision the theorem requires: for Thm 11 eps^8
/// alpha_m^-26 d^-4 sigma^2 sigma'^8 sqrt(Z_j/N) / N (its statement), for
/// Thm 8 + 9 eps^2 sqrt(Z_j/N) / N (its error term sqrt(N) (N/Z_j)^{1/4}
/// sqrt(eps_s) set to eps; inferred). The compiled ell is the largest
/// degree of the exponential and the activation.
SeedBound seedBound(const StateCircuit &c) {
  const double n = fact(c, "N"), d = fact(c, "d"), as = fact(c, "alpha_s"), aw = fact(c, "alpha_w"),
               am = fact(c, "alpha_m"), z = fact(c, "Z_j"), sigma = fact(c, "sigma"),
               sigma2 = fact(c, "sigma2"), ell = fact(c, "ell"), eps = c.circuit.epsilon;
  SeedBound b;
  if (!(z > 0) || !(sigma > 0) || !(ell > 0))
    return b;
  const double logN = std::ceil(std::log2(std::max(n, 2.0)));
  std::function<double(double)> cost;
  double logEpsS = 0; // ln(1 / eps_s)
  if (am > 0 && sigma2 > 0) {
    cost = [=](double l) {
      return d * as * aw * std::pow(am, 3) * l * l * std::sqrt(n / z) / (sigma * sigma2) *
             std::log(1 / eps);
    };
    logEpsS = -(8 * std::log(eps) - 26 * std::log(am) - 4 * std::log(d) + 2 * std::log(sigma) +
                8 * std::log(sigma2) + 0.5 * std::log(z / n) - std::log(n));
    b.formula = "d alpha_s alpha_w alpha_m^3 ell^2 sqrt(N/Z_j) log(1/eps) / (sigma sigma') "
                "(Thm 11, O-constants 1)";
  } else {
    cost = [=](double l) {
      return l * l * std::sqrt(n / z) * std::sqrt(d) * (as * aw * std::sqrt(n) + as) / sigma;
    };
    logEpsS = -(2 * std::log(eps) + 0.5 * std::log(z / n) - std::log(n));
    b.formula = "ell^2 sqrt(N/Z_j) sqrt(d) (alpha_s alpha_w sqrt(N) + alpha_s) / sigma "
                "(Thm 8 + 9, O-constants 1)";
  }
  b.ell = logN * std::max(logEpsS, 1.0);
  b.queries = cost(b.ell);
  b.compiled = cost(ell);
  return b;
}

} // namespace

nlohmann::ordered_json resourcesJson(const StateCircuit &c) {
  nlohmann::ordered_json j;
  j["mode"] = "state";
  j["token"] = c.token;
  j["tokens"] = c.tokens;
  j["qubits"] = c.circuit.dataQubits + c.circuit.ancillas;
  j["data_qubits"] = c.circuit.dataQubits;
  double total = 0;
  for (const auto &[source, n] : c.oracleQueries)
    total += n;
  j["oracle_queries"] = total;
  j["oracle_queries_by_source"] = c.oracleQueries;
  nlohmann::ordered_json degrees = nlohmann::ordered_json::array(),
                         rounds = nlohmann::ordered_json::array();
  for (const StageInfo &s : c.stages) {
    if (s.degree > 0)
      degrees.push_back(s.degree);
    if (s.kind == "amplify")
      rounds.push_back({{"iterates", s.rounds}, {"success_amplitude", s.amplitude}});
  }
  j["polynomial_degrees"] = degrees;
  j["amplifications"] = rounds;
  j["alpha"] = c.circuit.alpha;
  j["epsilon"] = c.circuit.epsilon;
  // ||<0_flags|U|0>||: 1 (normalised), its lower bound, or 0 (no bound).
  j["success_amplitude_low"] = c.successAmplitudeLow;
  j["symbolic"] = c.symbolic;
  if (!c.layers.empty()) {
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    double all = total;
    for (const LayerCost &l : c.layers) {
      layers.push_back({{"block", l.name},
                        {"rows", l.rows},
                        {"queries_per_row", l.queriesPerRow},
                        {"samples_per_row", l.samplesPerRow},
                        {"queries", l.queries},
                        {"qubits", l.qubits},
                        {"epsilon", l.epsilon}});
      all += l.queries;
    }
    j["layers_read_out"] = layers;
    j["total_oracle_queries"] = all; // every layer's readout and this token
  }
  const backend::GateCounts counts = backend::countGates(c.circuit.program);
  j["circuit"] = counts.toJson();
  try {
    const backend::Program decomposedProgram = backend::decomposeModifiers(c.circuit.program);
    const backend::GateCounts decomposed = backend::countGates(decomposedProgram);
    nlohmann::ordered_json d = decomposed.toJson();
    // Opaque oracles (symbolic data, readouts) have no T-count of their
    // own: count the rest, and say so.
    backend::GateCounts rest = decomposed;
    bool opaque = false;
    for (const backend::GateDef &def : decomposedProgram.definitions)
      if (def.opaque && rest.gates.erase(def.name))
        opaque = true;
    backend::addCliffordTCount(d, rest, c.circuit.epsilon);
    if (opaque && d.contains("t_count")) {
      d["t_count_excluding_oracles"] = d["t_count"];
      d.erase("t_count");
    }
    j["decomposed"] = d;
  } catch (const Error &e) {
    j["decomposed"] = {{"unavailable", e.what()}};
  }
  nlohmann::ordered_json seed;
  for (const char *key :
       {"N", "d", "alpha_s", "alpha_w", "alpha_m", "Z_j", "sigma", "sigma2", "ell"})
    seed[key] = fact(c, key);
  const SeedBound bound = seedBound(c);
  seed["formula"] = bound.formula;
  seed["theorem_ell"] = bound.ell;
  seed["queries"] = bound.queries;
  seed["queries_with_compiled_ell"] = bound.compiled;
  j["seed000"] = seed;
  nlohmann::ordered_json stages = nlohmann::ordered_json::array();
  for (const StageInfo &s : c.stages)
    stages.push_back({{"kind", s.kind},
                      {"detail", s.detail},
                      {"ancillas", s.ancillas},
                      {"queries", s.calls},
                      {"degree", s.degree},
                      {"iterates", s.rounds},
                      {"error_bound", s.errorBound}});
  j["stages"] = stages;
  return j;
}

std::string resourcesTable(const StateCircuit &c) {
  const nlohmann::ordered_json j = resourcesJson(c);
  std::ostringstream out;
  out << "state mode, token " << c.token << " of " << c.tokens << " (output '"
      << c.circuit.outputName << "', y_j = alpha <0|U|0>, alpha = ";
  if (!std::isfinite(c.circuit.alpha))
    out << "||y_j||, unknown from the bounds";
  else
    out << c.circuit.alpha << (c.successAmplitudeLow < 1 - 1e-9 ? "" : " = ||y_j||");
  out << ", epsilon " << c.circuit.epsilon << ")\n";
  out << "  qubits (peak)     " << j["qubits"].get<int>() << " (" << c.circuit.dataQubits
      << " data)\n";
  out << "  oracle queries    " << j["oracle_queries"].get<double>();
  for (const auto &[source, n] : c.oracleQueries)
    out << "  " << source << ": " << n;
  out << "\n  degrees           " << j["polynomial_degrees"].dump() << "\n";
  out << "  amplifications    ";
  for (const auto &a : j["amplifications"])
    out << a["iterates"].get<int>() << " iterates (amplitude "
        << a["success_amplitude"].get<double>() << ")  ";
  out << "\n  gates             " << j["circuit"]["total"].get<double>() << " (depth "
      << j["circuit"]["depth"].get<double>() << ")\n";
  if (j["decomposed"].contains("t_count"))
    out << "  T-count           " << j["decomposed"]["t_count"].get<double>()
        << " (Clifford+T decomposition, rotations to "
        << j["decomposed"]["rotation_epsilon"].get<double>() << ")\n";
  if (j["decomposed"].contains("t_count_excluding_oracles"))
    out << "  T-count           " << j["decomposed"]["t_count_excluding_oracles"].get<double>()
        << " without the opaque oracles (Clifford+T decomposition, rotations to "
        << j["decomposed"]["rotation_epsilon"].get<double>() << ")\n";
  if (c.successAmplitudeLow < 1 - 1e-9)
    out << "  success amplitude "
        << (c.successAmplitudeLow > 0 ? ">= " + std::to_string(c.successAmplitudeLow)
                                      : std::string("not bounded by the declared norms"))
        << " (the row is y_j / alpha on flags |0>, not amplified)\n";
  if (!c.layers.empty()) {
    out << "  layers read out   " << c.layers.size()
        << " (each row by tomography, Kerenidis-Prakash 36 d ln d (alpha/delta)^2 runs):\n";
    for (const LayerCost &l : c.layers)
      out << "    " << l.name << ": " << l.rows << " rows x " << l.samplesPerRow << " runs x "
          << l.queriesPerRow << " queries = " << l.queries << " (circuit " << l.qubits
          << " qubits, error " << l.epsilon << ")\n";
    out << "  total queries     " << j["total_oracle_queries"].get<double>()
        << " (all readouts and this token)\n";
  }
  const nlohmann::ordered_json &seed = j["seed000"];
  if (seed["queries"].get<double>() > 0) {
    const double compiled = j["oracle_queries"].get<double>();
    out << "  seed 000 bound    " << seed["formula"].get<std::string>() << ":\n"
        << "                    " << seed["queries"].get<double>()
        << " queries with its own ell = " << seed["theorem_ell"].get<double>()
        << " (ratio compiled/bound " << compiled / seed["queries"].get<double>() << ")\n"
        << "                    " << seed["queries_with_compiled_ell"].get<double>()
        << " queries with the compiled ell = " << seed["ell"].get<double>() << " (ratio "
        << compiled / seed["queries_with_compiled_ell"].get<double>() << ")\n";
  }
  out << "stages (innermost first):\n";
  for (const StageInfo &s : c.stages) {
    out << "  " << s.kind << ": " << s.detail << " [ancillas " << s.ancillas << ", queries "
        << s.calls;
    if (s.degree)
      out << ", degree " << s.degree;
    if (s.kind == "amplify")
      out << ", " << s.rounds << " iterates";
    out << ", error <= " << s.errorBound << "]\n";
  }
  return out.str();
}

} // namespace qsvtc::state
