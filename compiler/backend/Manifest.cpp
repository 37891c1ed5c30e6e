//===- Manifest.cpp - What an emitted circuit must compute ----------------===//
#include "qsvtc/backend/Manifest.h"

#include "qsvtc/backend/Claims.h"
#include "qsvtc/backend/GateCounts.h"
#include "qsvtc/support/Error.h"

#include <nlohmann/json.hpp>

namespace qsvtc::backend {

namespace {

/// The reference padded to the data register, 17 digits per number.
std::string referenceRows(const Eigen::MatrixXd &reference, Eigen::Index dim, bool state) {
  if (reference.rows() > dim || reference.cols() > dim)
    throw InternalError("the reference is larger than the data register");
  Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(dim, state ? 1 : dim);
  padded.topLeftCorner(reference.rows(), reference.cols()) = reference;
  std::string rows;
  for (Eigen::Index i = 0; i < dim; ++i) {
    if (state) {
      rows += (i ? ", " : "") + roundTrip(padded(i, 0));
      continue;
    }
    rows += i ? ",\n    [" : "\n    [";
    for (Eigen::Index j = 0; j < dim; ++j)
      rows += (j ? ", " : "") + roundTrip(padded(i, j));
    rows += "]";
  }
  return "[" + rows + (state ? "]" : "\n  ]");
}

} // namespace

std::string manifestJson(const EmittedCircuit &circuit,
                         const std::optional<Eigen::MatrixXd> &reference,
                         const std::string &qasmName, const std::string &sourceName,
                         const interp::BlockValues *values) {
  const Eigen::Index dim = Eigen::Index{1} << circuit.dataQubits;
  // A column is what the circuit prepares from |0>: a state, compared
  // with its phase (the block's column 0).
  const bool state = circuit.shape[1] == 1;
  nlohmann::json provenance = {
      {"compiler", "qsvtc"}, {"source", sourceName}, {"output", circuit.outputName}};
  std::string ancillas;
  for (const Register &r : circuit.program.registers)
    if (r.name != "q")
      ancillas += (ancillas.empty() ? "" : ", ") +
                  ("{\"register\": " + nlohmann::json(r.name).dump() + ", \"state\": 0}");
  // Numbers are written by hand so that every one has 17 digits.
  std::string out = "{\n  \"format\": \"qsvtc-manifest\",\n  \"version\": 1,\n";
  out += std::string("  \"kind\": ") + (state ? "\"state\"" : "\"block\"") + ",\n";
  out += "  \"qasm\": " + nlohmann::json(qasmName).dump() + ",\n";
  out += circuit.dataQubits > 0 ? "  \"data\": [{\"register\": \"q\"}],\n" : "  \"data\": [],\n";
  out += "  \"ancillas\": [" + ancillas + "],\n";
  const int64_t rows = circuit.shape[0], cols = circuit.shape[1];
  if (rows != dim || (cols != dim && cols != 1)) // the model's part of the padded block
    out += "  \"shape\": [" + std::to_string(rows) + ", " + std::to_string(cols) + "],\n";
  out += "  \"alpha\": " + roundTrip(circuit.alpha) + ",\n";
  out += "  \"error_bound\": " + roundTrip(circuit.epsilon) + ",\n";
  out += "  \"error_norm\": \"spectral\",\n";
  out += "  \"phase\": \"exact\",\n";
  out += "  \"provenance\": " + provenance.dump() + ",\n";
  out += "  \"circuit\": " + countGates(circuit.program).toJson().dump();
  if (const std::string claims = definitionClaimsJson(circuit, values); !claims.empty())
    out += ",\n  \"definitions\": " + claims;
  if (reference) {
    out += ",\n  \"reference\": " + referenceRows(*reference, dim, state) + "\n}\n";
    return out;
  }
  nlohmann::json opaque = nlohmann::json::array();
  for (const auto &[source, gate] : circuit.opaqueGates)
    opaque.push_back({{"source", source}, {"gate", gate}});
  return out + ",\n  \"opaque\": " + opaque.dump() + "\n}\n";
}

} // namespace qsvtc::backend
