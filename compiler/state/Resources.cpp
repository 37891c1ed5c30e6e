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
#include <sstream>

namespace qsvtc::state {

namespace {

double fact(const StateCircuit &c, const std::string &key) {
  auto it = c.facts.find(key);
  return it == c.facts.end() ? 0.0 : it->second;
}

/// Seed 000's bound with our numbers and the formula's text: Thm 11 when
/// the model has a feed-forward network and two norms, Thm 8 + 9 for
/// attention with one norm; 0 when neither applies.
std::pair<double, std::string> seedBound(const StateCircuit &c) {
  const double n = fact(c, "N"), d = fact(c, "d"), as = fact(c, "alpha_s"), aw = fact(c, "alpha_w"),
               am = fact(c, "alpha_m"), z = fact(c, "Z_j"), sigma = fact(c, "sigma"),
               sigma2 = fact(c, "sigma2"), ell = fact(c, "ell");
  if (!(z > 0) || !(sigma > 0) || !(ell > 0))
    return {0, ""};
  if (am > 0 && sigma2 > 0)
    return {d * as * aw * std::pow(am, 3) * ell * ell * std::sqrt(n / z) / (sigma * sigma2) *
                std::log(1 / c.circuit.epsilon),
            "d alpha_s alpha_w alpha_m^3 ell^2 sqrt(N/Z_j) log(1/eps) / (sigma sigma') "
            "(Thm 11, O-constants 1)"};
  const double alphaG = as * aw * std::sqrt(n);
  return {ell * ell * std::sqrt(n / z) * std::sqrt(d) * (alphaG + as) / sigma,
          "ell^2 sqrt(N/Z_j) sqrt(d) (alpha_s alpha_w sqrt(N) + alpha_s) / sigma "
          "(Thm 8 + 9, O-constants 1)"};
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
  const backend::GateCounts counts = backend::countGates(c.circuit.program);
  j["circuit"] = counts.toJson();
  try {
    const backend::GateCounts decomposed =
        backend::countGates(backend::decomposeModifiers(c.circuit.program));
    nlohmann::ordered_json d = decomposed.toJson();
    backend::addCliffordTCount(d, decomposed, c.circuit.epsilon);
    j["decomposed"] = d;
  } catch (const Error &e) {
    j["decomposed"] = {{"unavailable", e.what()}};
  }
  nlohmann::ordered_json seed;
  for (const char *key :
       {"N", "d", "alpha_s", "alpha_w", "alpha_m", "Z_j", "sigma", "sigma2", "ell"})
    seed[key] = fact(c, key);
  const auto [bound, formula] = seedBound(c);
  seed["formula"] = formula;
  seed["queries"] = bound;
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
      << c.circuit.outputName << "', alpha = ||y_j|| = " << c.circuit.alpha << ", epsilon "
      << c.circuit.epsilon << ")\n";
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
  const double seed = j["seed000"]["queries"].get<double>();
  if (seed > 0)
    out << "  seed 000 bound    " << seed << " queries ("
        << j["seed000"]["formula"].get<std::string>() << "; ratio compiled/bound "
        << j["oracle_queries"].get<double>() / seed << ")\n";
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
