//===- Manifest.cpp - What an emitted circuit must compute ----------------===//
#include "qsvtc/backend/Manifest.h"

#include "qsvtc/support/Error.h"

#include <nlohmann/json.hpp>


namespace qsvtc::backend {

std::string manifestJson(const EmittedCircuit &circuit, const Eigen::MatrixXd &reference,
                         const std::string &qasmName, const std::string &sourceName) {
  const Eigen::Index dim = Eigen::Index{1} << circuit.dataQubits;
  if (reference.rows() > dim || reference.cols() > dim)
    throw Error("internal error: the reference is larger than the data register");
  // A column is what the circuit prepares from |0>: a state, compared
  // with its phase (the block's column 0).
  const bool state = reference.cols() == 1;
  Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(dim, state ? 1 : dim);
  padded.topLeftCorner(reference.rows(), reference.cols()) = reference;
  // Numbers are written by hand so that every one has 17 digits.
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
  nlohmann::json provenance = {{"compiler", "qsvtc"},
                               {"source", sourceName},
                               {"output", circuit.outputName}};
  std::string out = "{\n  \"format\": \"qsvtc-manifest\",\n  \"version\": 1,\n";
  out += std::string("  \"kind\": ") + (state ? "\"state\"" : "\"block\"") + ",\n";
  out += "  \"qasm\": " + nlohmann::json(qasmName).dump() + ",\n";
  out += "  \"data\": [{\"register\": \"q\"}],\n";
  out += circuit.ancillas > 0 ? "  \"ancillas\": [{\"register\": \"anc\", \"state\": 0}],\n"
                              : "  \"ancillas\": [],\n";
  out += "  \"alpha\": " + roundTrip(circuit.alpha) + ",\n";
  out += "  \"error_bound\": " + roundTrip(circuit.epsilon) + ",\n";
  out += "  \"error_norm\": \"spectral\",\n";
  out += "  \"phase\": \"exact\",\n";
  out += "  \"provenance\": " + provenance.dump() + ",\n";
  out += "  \"reference\": [" + rows + (state ? "]\n}\n" : "\n  ]\n}\n");
  return out;
}

} // namespace qsvtc::backend
