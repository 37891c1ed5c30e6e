//===- GqspJson.cpp - GQSP polynomial and phases files --------------------===//
#include "qsvtc/qsp/GqspJson.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/JsonFile.h"

#include <cmath>

namespace qsvtc::qsp {
using Json = nlohmann::ordered_json;

namespace {

/// A finite number, or fail("<what> is not a finite number").
double finiteNumber(const Json &v, const std::string &what, const std::string &name) {
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    throw Error(name + ": error: " + what + " is not a finite number");
  return v.get<double>();
}

std::vector<double> numberArray(const Json &j, const char *key, const std::string &name) {
  if (!j.contains(key) || !j[key].is_array() || j[key].empty())
    throw Error(name + ": error: expected a non-empty \"" + std::string(key) + "\" array");
  std::vector<double> out;
  for (std::size_t k = 0; k < j[key].size(); ++k)
    out.push_back(finiteNumber(j[key][k], std::string(key) + "[" + std::to_string(k) + "]", name));
  return out;
}

} // namespace

Json complexJson(const std::vector<GqspComplex> &v) {
  Json a = Json::array();
  for (const GqspComplex &c : v)
    a.push_back({c.real(), c.imag()});
  return a;
}

std::vector<GqspComplex> parseGqspPolyJson(const std::string &text, const std::string &name) {
  const Json j = parseJsonDocument(text, name);
  auto fail = [&](const std::string &why) { throw Error(name + ": error: " + why); };
  if (!j.is_object() || !j.contains("coef") || !j["coef"].is_array() || j["coef"].empty())
    fail("expected an object with a non-empty \"coef\" array (GQSP: monomial coefficients)");
  if (!j.contains("basis") || j["basis"] != "monomial")
    fail("GQSP takes \"basis\": \"monomial\" (P(z) = sum_k coef[k] z^k on the unit circle)");
  std::vector<GqspComplex> p;
  for (std::size_t k = 0; k < j["coef"].size(); ++k) {
    const Json &c = j["coef"][k];
    const std::string at = "coef[" + std::to_string(k) + "]";
    if (c.is_array()) {
      if (c.size() != 2)
        fail(at + " is not a number or a pair [re, im]");
      p.emplace_back(finiteNumber(c[0], at + "[0]", name), finiteNumber(c[1], at + "[1]", name));
    } else {
      p.emplace_back(finiteNumber(c, at, name), 0.0);
    }
  }
  if (j.contains("degree") && j["degree"] != p.size() - 1)
    fail("\"degree\" is " + j["degree"].dump() + " but \"coef\" has " + std::to_string(p.size()) +
         " coefficients");
  return p;
}

Json toJson(const GqspResult &r) {
  Json j;
  j["convention"] = "gqsp";
  j["degree"] = r.phases.degree();
  j["theta"] = r.phases.theta;
  j["phi"] = r.phases.phi;
  j["lambda"] = r.phases.lambda;
  j["complement"] = complexJson(r.complement);
  if (r.certified) {
    j["max_error"] = r.certificate.bound;
    j["certificate"] = {{"coefficient_error", r.certificate.coefficientError},
                        {"rounding_bound", r.certificate.roundingBound},
                        {"complement_error", r.certificate.complementError},
                        {"precision_bits", r.certificate.precisionBits}};
  } else {
    j["max_error"] = nullptr;
  }
  j["completion"] = {{"grid", r.grid},
                     {"max_abs", r.maxAbs},
                     {"tail_energy", r.tailEnergy},
                     {"unitarity_defect", r.unitarityDefect}};
  return j;
}

GqspPhases parseGqspPhasesJson(const std::string &text, const std::string &name) {
  const Json j = parseJsonDocument(text, name);
  if (!j.is_object() || !j.contains("convention") || j["convention"] != "gqsp")
    throw Error(name + ": error: not a GQSP phases file (\"convention\": \"gqsp\")");
  GqspPhases ph;
  ph.theta = numberArray(j, "theta", name);
  ph.phi = numberArray(j, "phi", name);
  if (ph.phi.size() != ph.theta.size())
    throw Error(name + ": error: \"theta\" and \"phi\" differ in length");
  if (!j.contains("lambda"))
    throw Error(name + ": error: missing \"lambda\"");
  ph.lambda = finiteNumber(j["lambda"], "lambda", name);
  return ph;
}

} // namespace qsvtc::qsp
