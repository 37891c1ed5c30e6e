//===- PhasesJson.h - The phases file format -------------------*- C++ -*-===//
//
// design.md's phases file:
//   {"convention":"wx-symmetric","degree":d,"parity":p,"phases":[...],
//    "max_error":e,"error_grid":n,"solver":"newton",...}
// phases phi_0..phi_d as plain numbers from double solvers, as decimal
// strings with all their digits from MPFR ones. max_error is the
// certificate's, never the solver's residual.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_PHASESJSON_H
#define QSVTC_QSP_PHASESJSON_H

#include "qsvtc/qsp/Solve.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace qsvtc::qsp {

nlohmann::ordered_json toJson(const PhaseResult &r, const PhaseOptions &opts);

struct PhasesFile {
  std::vector<numeric::Mpfr> phases;
  unsigned precisionBits = 53; ///< 53 when every phase was a JSON number
  int degree = 0;
  int parity = 0;
};

/// Parses and checks a phases file (convention, count = degree + 1,
/// symmetry, finite values); `name` prefixes messages. Throws qsvtc::Error.
PhasesFile parsePhasesJson(const std::string &text, const std::string &name);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_PHASESJSON_H
