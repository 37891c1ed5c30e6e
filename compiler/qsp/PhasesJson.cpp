//===- PhasesJson.cpp - The phases file format ----------------------------===//
#include "qsvtc/qsp/PhasesJson.h"

#include "qsvtc/approx/PolyJson.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/JsonFile.h"

#include <cmath>

namespace qsvtc::qsp {
using Json = nlohmann::ordered_json;
using numeric::Mpfr;

Json toJson(const PhaseResult &r, const PhaseOptions &opts) {
  Json j;
  j["convention"] = "wx-symmetric";
  j["degree"] = r.degree;
  j["parity"] = r.parity;
  Json phases = Json::array();
  for (const Mpfr &phi : r.phases) {
    if (r.precisionBits <= 53)
      phases.push_back(static_cast<double>(phi));
    else
      phases.push_back(approx::decimalString(phi, r.precisionBits));
  }
  j["phases"] = phases;
  j["max_error"] = r.certificate.maxError;
  if (r.certificate.method == "grid") {
    j["max_error_at"] = r.certificate.maxErrorAt;
    j["error_grid"] = r.certificate.gridPoints;
  }
  j["certificate"] = r.certificate.method;
  j["certified_precision_bits"] = r.certificate.precisionBits;
  j["epsilon"] = opts.epsilon;
  j["solver"] = solverName(r.solver);
  j["precision_bits"] = r.precisionBits;
  j["iterations"] = r.iterations;
  j["solver_residual"] = r.solverResidual;
  j["log"] = r.log;
  return j;
}

PhasesFile parsePhasesJson(const std::string &text, const std::string &name) {
  Json j = parseJsonDocument(text, name);
  auto fail = [&](const std::string &why) { throw Error(name + ": error: " + why); };
  if (!j.is_object() || !j.contains("phases") || !j["phases"].is_array() || j["phases"].empty())
    fail("expected an object with a non-empty \"phases\" array");
  if (j.contains("convention") && j["convention"] != "wx-symmetric")
    fail("unsupported convention " + j["convention"].dump() + " (only \"wx-symmetric\")");
  PhasesFile out;
  unsigned bits = 53;
  for (const Json &p : j["phases"])
    if (p.is_string())
      bits = std::max<unsigned>(bits, p.get<std::string>().size() * 3.33 + 16);
  out.precisionBits = bits;
  numeric::PrecisionGuard guard(std::max(bits, 64u));
  for (std::size_t k = 0; k < j["phases"].size(); ++k) {
    const Json &p = j["phases"][k];
    Mpfr v;
    if (p.is_number()) {
      v = p.get<double>();
    } else if (p.is_string()) {
      try {
        v = Mpfr(p.get<std::string>());
      } catch (const std::exception &) {
        fail("phases[" + std::to_string(k) + "] is not a number");
      }
    } else {
      fail("phases[" + std::to_string(k) + "] is not a number");
    }
    if (!isfinite(v))
      fail("phases[" + std::to_string(k) + "] is not finite");
    out.phases.push_back(v);
  }
  out.degree = static_cast<int>(out.phases.size()) - 1;
  out.parity = out.degree % 2;
  if (j.contains("degree") && j["degree"] != out.degree)
    fail("\"degree\" is " + j["degree"].dump() + " but there are " +
         std::to_string(out.phases.size()) + " phases (expected degree + 1)");
  for (int k = 0; k <= out.degree; ++k)
    if (abs(out.phases[k] - out.phases[out.degree - k]) > 1e-12 * (1 + abs(out.phases[k])))
      fail("phases are not symmetric (phi_" + std::to_string(k) + " != phi_" +
           std::to_string(out.degree - k) + ")");
  return out;
}

} // namespace qsvtc::qsp
