//===- DefinitionClaims.cpp - The manifest's per-definition claims --------===//
#include "qsvtc/runtime/DefinitionClaims.h"

#include "ManifestJson.h"

#include <algorithm>
#include <set>

namespace qsvtc::runtime {

using namespace manifest_json;

namespace {

int count(const Json &j, const std::string &what, const std::string &name, int max) {
  if (!j.is_number_integer() || j.get<long long>() < 0 || j.get<long long>() > max)
    fail(name, what + " must be an integer from 0 to " + std::to_string(max));
  return j.get<int>();
}

/// value ::= [[entry, ...], ...] (rows x cols, every row as long).
Eigen::MatrixXcd matrixOf(const Json &j, const std::string &what, const std::string &name) {
  if (!j.is_array() || j.empty() || !j[0].is_array() || j[0].empty())
    fail(name, what + " must be a non-empty array of rows");
  const std::size_t rows = j.size(), cols = j[0].size();
  Eigen::MatrixXcd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows; ++r) {
    const std::string row = what + "[" + std::to_string(r) + "]";
    if (!j[r].is_array() || j[r].size() != cols)
      fail(name, row + " must be a row of " + std::to_string(cols) + " entries");
    for (std::size_t c = 0; c < cols; ++c)
      m(Eigen::Index(r), Eigen::Index(c)) =
          entry(j[r][c], row + "[" + std::to_string(c) + "]", name);
  }
  return m;
}

AncillaRole roleOf(const Json &j, const std::string &what, const std::string &name) {
  if (!j.is_object())
    fail(name, what + " must be an object {\"first\", \"count\", \"role\"}");
  for (const auto &[key, value] : j.items())
    if (key != "first" && key != "count" && key != "role" && key != "definition")
      fail(name, what + ": unknown key \"" + key + "\"");
  AncillaRole r;
  r.first = count(required(j, "first", name), what + ".first", name, 1 << 20);
  r.count = count(required(j, "count", name), what + ".count", name, 1 << 20);
  r.role = stringValue(required(j, "role", name), what + ".role", name);
  if (r.role == "operand")
    r.definition = stringValue(required(j, "definition", name), what + ".definition", name);
  else if (r.role != "own")
    fail(name, what + ".role must be \"operand\" or \"own\", not \"" + r.role + "\"");
  else if (j.contains("definition"))
    fail(name, what + ": an \"own\" ancilla belongs to no definition");
  return r;
}

DefinitionClaim claimOf(const Json &j, const std::string &def, const std::string &name) {
  const std::string at = "definitions." + def;
  if (!j.is_object())
    fail(name, at + " must be an object");
  static const std::set<std::string> known = {"construction", "data",     "ancillas",
                                              "children",     "alpha",    "value",
                                              "error",        "ir_value", "state"};
  for (const auto &[key, value] : j.items())
    if (!known.count(key))
      fail(name, at + ": unknown key \"" + key + "\"");
  DefinitionClaim c;
  c.construction = stringValue(required(j, "construction", name), at + ".construction", name);
  if (j.contains("data"))
    c.data = count(j["data"], at + ".data", name, 30);
  if (j.contains("ancillas")) {
    if (!j["ancillas"].is_array())
      fail(name, at + ".ancillas must be an array");
    for (std::size_t i = 0; i < j["ancillas"].size(); ++i)
      c.ancillas.push_back(
          roleOf(j["ancillas"][i], at + ".ancillas[" + std::to_string(i) + "]", name));
  }
  if (j.contains("children")) {
    if (!j["children"].is_array())
      fail(name, at + ".children must be an array of definition names");
    for (const Json &child : j["children"])
      c.children.push_back(stringValue(child, at + ".children[]", name));
    std::sort(c.children.begin(), c.children.end());
  }
  if (j.contains("alpha")) {
    c.alpha = finiteNumber(j["alpha"], at + ".alpha", name);
    if (*c.alpha <= 0)
      fail(name, at + ".alpha must be positive");
  }
  if (j.contains("value")) {
    if (!c.alpha || !j.contains("error"))
      fail(name, at + ": a \"value\" needs \"alpha\" and \"error\"");
    c.value = matrixOf(j["value"], at + ".value", name);
  }
  if (j.contains("error")) {
    c.error = finiteNumber(j["error"], at + ".error", name);
    if (c.error < 0)
      fail(name, at + ".error must not be negative");
  }
  if ((c.alpha || c.value) && !c.data)
    fail(name, at + ": a unitary helper (no \"data\") claims no block");
  if (c.value && (c.value->rows() > (Eigen::Index(1) << *c.data) ||
                  c.value->cols() > (Eigen::Index(1) << *c.data)))
    fail(name, at + ".value is larger than its " + std::to_string(*c.data) + " data qubits hold");
  if (j.contains("state")) {
    if (!j["state"].is_boolean())
      fail(name, at + ".state must be true or false");
    c.state = j["state"].get<bool>();
    if (c.state && !c.data)
      fail(name, at + ": a state preparation needs \"data\"");
    if (c.state && c.value && c.value->cols() != 1)
      fail(name, at + ".value of a state preparation is one column");
  }
  if (j.contains("ir_value"))
    c.irValue = stringValue(j["ir_value"], at + ".ir_value", name);
  return c;
}

} // namespace

DefinitionClaims parseDefinitionClaims(const Json &j, const std::string &name) {
  if (!j.is_object())
    fail(name, "\"definitions\" must be an object of definition name: claim");
  DefinitionClaims claims;
  for (const auto &[def, claim] : j.items())
    claims[def] = claimOf(claim, def, name);
  return claims;
}

} // namespace qsvtc::runtime
