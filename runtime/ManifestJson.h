//===- ManifestJson.h - Strict JSON readers for manifests -------*- C++ -*-===//
//
// Private to the runtime: the checks every manifest key goes through, each
// failure a DiagnosticError naming the file and the key.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_MANIFESTJSON_H
#define QSVTC_RUNTIME_MANIFESTJSON_H

#include "qsvtc/runtime/Circuit.h"
#include "qsvtc/runtime/Diagnostic.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace qsvtc::runtime::manifest_json {

using Json = nlohmann::ordered_json;

[[noreturn]] inline void fail(const std::string &name, const std::string &msg) {
  throw DiagnosticError(name + ": error: " + msg);
}

inline const Json &required(const Json &j, const char *key, const std::string &name) {
  if (!j.contains(key))
    fail(name, std::string("missing required key \"") + key + "\"");
  return j.at(key);
}

inline double finiteNumber(const Json &j, const std::string &what, const std::string &name) {
  if (!j.is_number())
    fail(name, what + " must be a number");
  const double v = j.get<double>();
  if (!std::isfinite(v))
    fail(name, what + " is not finite");
  return v;
}

inline std::string stringValue(const Json &j, const std::string &what, const std::string &name) {
  if (!j.is_string())
    fail(name, what + " must be a string");
  return j.get<std::string>();
}

/// entry ::= number | [re, im]
inline Complex entry(const Json &j, const std::string &what, const std::string &name) {
  if (j.is_number())
    return {finiteNumber(j, what, name), 0};
  if (j.is_array() && j.size() == 2 && j[0].is_number() && j[1].is_number())
    return {finiteNumber(j[0], what + "[0]", name), finiteNumber(j[1], what + "[1]", name)};
  fail(name, what + ": expected a number or a [re, im] pair");
}

} // namespace qsvtc::runtime::manifest_json

#endif // QSVTC_RUNTIME_MANIFESTJSON_H
