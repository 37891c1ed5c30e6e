//===- Manifest.cpp - What a .qasm file is supposed to compute ------------===//
#include "qsvtc/runtime/Manifest.h"

#include "ManifestJson.h"
#include "qsvtc/runtime/Diagnostic.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <set>

namespace qsvtc::runtime {

namespace {

using namespace manifest_json;

/// qubit ::= {"register": name [, "index": i] [, "state": 0|1]}
QubitSpec qubitSpec(const Json &j, const std::string &what, bool isAncilla,
                    const std::string &name) {
  if (!j.is_object())
    fail(name, what + ": expected an object {\"register\": ..., \"index\": ...}");
  for (const auto &[key, value] : j.items())
    if (key != "register" && key != "index" && !(isAncilla && key == "state"))
      fail(name, what + ": unknown key \"" + key + "\"");
  QubitSpec q;
  q.reg = stringValue(required(j, "register", name), what + ".register", name);
  if (j.contains("index")) {
    if (!j["index"].is_number_integer())
      fail(name, what + ".index must be an integer");
    q.index = j["index"].get<int>();
  }
  if (isAncilla) {
    const Json &s = required(j, "state", name);
    if (!s.is_number_integer() || (s.get<int>() != 0 && s.get<int>() != 1))
      fail(name, what + ".state must be 0 or 1");
    q.state = s.get<int>();
  }
  return q;
}

std::vector<QubitSpec> qubitList(const Json &j, const char *key, bool isAncilla,
                                 const std::string &name) {
  if (!j.is_array())
    fail(name, std::string("\"") + key + "\" must be an array");
  std::vector<QubitSpec> out;
  for (std::size_t i = 0; i < j.size(); ++i)
    out.push_back(
        qubitSpec(j[i], std::string(key) + "[" + std::to_string(i) + "]", isAncilla, name));
  return out;
}

/// "shape": [rows, cols], the part of the padded reference that the model
/// defines; the rest of the reference must be zero (the circuit's padding
/// is compared with it like every other entry).
std::array<long long, 2> shapeOf(const Json &j, const Manifest &m, const std::string &name) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number_integer() || !j[1].is_number_integer())
    fail(name, "\"shape\" must be [rows, cols] (two integers)");
  const long long rows = j[0].get<long long>(), cols = j[1].get<long long>();
  const auto &r = m.reference;
  if (rows < 1 || cols < 1 || rows > r.rows() ||
      cols > (m.kind == ManifestKind::State ? 1 : r.cols()))
    fail(name, "\"shape\" [" + std::to_string(rows) + ", " + std::to_string(cols) +
                   "] does not fit the reference (" + std::to_string(r.rows()) + " x " +
                   std::to_string(r.cols()) + ")");
  for (Eigen::Index i = 0; i < r.rows(); ++i)
    for (Eigen::Index k = 0; k < r.cols(); ++k)
      if ((i >= rows || k >= cols) && r(i, k) != 0.0)
        fail(name, "the reference is nonzero outside \"shape\" (entry " + std::to_string(i) + ", " +
                       std::to_string(k) + "): padding must be zero");
  return {rows, cols};
}

Eigen::MatrixXcd referenceOf(const Json &j, ManifestKind kind, const std::string &name) {
  if (!j.is_array() || j.empty())
    fail(name, "\"reference\" must be a non-empty array");
  if (kind == ManifestKind::State) {
    Eigen::MatrixXcd v(Eigen::Index(j.size()), 1);
    for (std::size_t i = 0; i < j.size(); ++i)
      v(Eigen::Index(i), 0) = entry(j[i], "reference[" + std::to_string(i) + "]", name);
    return v;
  }
  const std::size_t rows = j.size();
  const auto dim = static_cast<Eigen::Index>(rows);
  Eigen::MatrixXcd m(dim, dim);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::string row = "reference[" + std::to_string(r) + "]";
    if (!j[r].is_array())
      fail(name, row + " must be an array (a row of the block)");
    if (j[r].size() != rows)
      fail(name, row + " has " + std::to_string(j[r].size()) +
                     " entries; a block reference must be square (" + std::to_string(rows) + " x " +
                     std::to_string(rows) + ")");
    for (std::size_t c = 0; c < rows; ++c)
      m(Eigen::Index(r), Eigen::Index(c)) =
          entry(j[r][c], row + "[" + std::to_string(c) + "]", name);
  }
  return m;
}

/// "circuit": {"gates": {"cx": 12, ...}, "depth": 40, "depth_exact": true}.
ManifestCounts countsOf(const Json &j, const std::string &name) {
  if (!j.is_object())
    fail(name, "\"circuit\" must be an object");
  for (const auto &[key, value] : j.items())
    if (key != "gates" && key != "total" && key != "depth" && key != "depth_exact")
      fail(name, "unknown key \"circuit." + key + "\"");
  ManifestCounts c;
  const Json &gates = required(j, "gates", name);
  if (!gates.is_object())
    fail(name, "\"circuit.gates\" must be an object of gate name: count");
  for (const auto &[gate, count] : gates.items()) {
    const double n = finiteNumber(count, "\"circuit.gates." + gate + "\"", name);
    if (n < 0 || n != std::floor(n))
      fail(name, "\"circuit.gates." + gate + "\" must be a whole number >= 0");
    c.gates[gate] = n;
  }
  if (j.contains("total")) {
    const double sum = CircuitStats{c.gates, 0}.total();
    if (finiteNumber(j["total"], "\"circuit.total\"", name) != sum)
      fail(name, "\"circuit.total\" is not the sum of \"circuit.gates\" (gphase excluded)");
  }
  c.depth = finiteNumber(required(j, "depth", name), "\"circuit.depth\"", name);
  if (c.depth < 0)
    fail(name, "\"circuit.depth\" must not be negative");
  if (j.contains("depth_exact")) {
    if (!j["depth_exact"].is_boolean())
      fail(name, "\"circuit.depth_exact\" must be true or false");
    c.depthExact = j["depth_exact"].get<bool>();
  }
  return c;
}

} // namespace

const char *kindName(ManifestKind kind) { return kind == ManifestKind::Block ? "block" : "state"; }
const char *normName(ErrorNorm norm) {
  switch (norm) {
  case ErrorNorm::Spectral:
    return "spectral";
  case ErrorNorm::Frobenius:
    return "frobenius";
  case ErrorNorm::MaxAbs:
    return "max_abs";
  }
  return "?";
}
const char *phaseName(PhasePolicy phase) {
  return phase == PhasePolicy::Exact ? "exact" : "global";
}

Manifest parseManifest(const std::string &text, const std::string &name) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::parse_error &e) {
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    throw DiagnosticError(
        formatDiagnostic(SourceFile{name, text}, locationOf(text, at), "malformed JSON"));
  } catch (const Json::exception &e) { // e.g. a number beyond double range
    fail(name, "unreadable JSON (" + std::string(e.what()) + ")");
  }
  if (!j.is_object())
    fail(name, "a manifest must be a JSON object");
  static const std::set<std::string> known = {"format",      "version",    "kind",  "qasm",
                                              "data",        "ancillas",   "alpha", "reference",
                                              "error_bound", "error_norm", "phase", "provenance",
                                              "opaque",      "circuit",    "shape", "definitions"};
  for (const auto &[key, value] : j.items())
    if (!known.count(key))
      fail(name, "unknown key \"" + key + "\"");

  Manifest m;
  m.name = name;
  if (stringValue(required(j, "format", name), "\"format\"", name) != "qsvtc-manifest")
    fail(name, "\"format\" must be \"qsvtc-manifest\"");
  // qsvtc --allow-opaque: symbolic data, so no exact output to compare with.
  if (j.contains("opaque") && !(j["opaque"].is_array() && j["opaque"].empty())) {
    std::string gates;
    if (j["opaque"].is_array())
      for (const Json &o : j["opaque"])
        if (o.is_object() && o.contains("gate") && o["gate"].is_string())
          gates += (gates.empty() ? "" : ", ") + o["gate"].get<std::string>();
    fail(name, "the circuit was compiled with opaque oracles (" + (gates.empty() ? "?" : gates) +
                   ") for symbolic data: there is no reference to compare with");
  }
  const Json &version = required(j, "version", name);
  if (!version.is_number_integer() || version.get<int>() != 1)
    fail(name, "unsupported manifest \"version\" (this reader knows 1)");
  const std::string kind = stringValue(required(j, "kind", name), "\"kind\"", name);
  if (kind == "block")
    m.kind = ManifestKind::Block;
  else if (kind == "state")
    m.kind = ManifestKind::State;
  else
    fail(name, "\"kind\" must be \"block\" or \"state\", not \"" + kind + "\"");
  m.data = qubitList(required(j, "data", name), "data", false, name);
  if (j.contains("ancillas"))
    m.ancillas = qubitList(j["ancillas"], "ancillas", true, name);
  m.alpha = finiteNumber(required(j, "alpha", name), "\"alpha\"", name);
  if (m.alpha <= 0)
    fail(name, "\"alpha\" must be positive");
  m.errorBound = finiteNumber(required(j, "error_bound", name), "\"error_bound\"", name);
  if (m.errorBound < 0)
    fail(name, "\"error_bound\" must not be negative");
  m.reference = referenceOf(required(j, "reference", name), m.kind, name);
  m.phase = m.kind == ManifestKind::Block ? PhasePolicy::Exact : PhasePolicy::Global;
  if (j.contains("error_norm")) {
    const std::string n = stringValue(j["error_norm"], "\"error_norm\"", name);
    if (n == "spectral")
      m.norm = ErrorNorm::Spectral;
    else if (n == "frobenius")
      m.norm = ErrorNorm::Frobenius;
    else if (n == "max_abs")
      m.norm = ErrorNorm::MaxAbs;
    else
      fail(name, "\"error_norm\" must be \"spectral\", \"frobenius\" or "
                 "\"max_abs\", not \"" +
                     n + "\"");
  }
  if (j.contains("phase")) {
    const std::string p = stringValue(j["phase"], "\"phase\"", name);
    if (p == "exact")
      m.phase = PhasePolicy::Exact;
    else if (p == "global")
      m.phase = PhasePolicy::Global;
    else
      fail(name, "\"phase\" must be \"exact\" or \"global\", not \"" + p + "\"");
  }
  if (j.contains("shape"))
    m.shape = shapeOf(j["shape"], m, name);
  if (j.contains("qasm"))
    m.qasm = stringValue(j["qasm"], "\"qasm\"", name);
  if (j.contains("circuit"))
    m.counts = countsOf(j["circuit"], name);
  if (j.contains("definitions"))
    m.definitions = parseDefinitionClaims(j["definitions"], name);
  if (j.contains("provenance")) {
    if (!j["provenance"].is_object())
      fail(name, "\"provenance\" must be an object");
    m.provenance = j["provenance"];
  }
  return m;
}

namespace {

std::string exactNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

} // namespace

void checkGateCounts(const Manifest &manifest, const std::map<std::string, double> &gates,
                     bool rounded) {
  if (!manifest.counts)
    return;
  const ManifestCounts &promised = *manifest.counts;
  std::set<std::string> names;
  for (const auto &[gate, n] : promised.gates)
    names.insert(gate);
  for (const auto &[gate, n] : gates)
    names.insert(gate);
  for (const std::string &gate : names) {
    const auto p = promised.gates.find(gate);
    const auto f = gates.find(gate);
    const double pn = p == promised.gates.end() ? 0 : p->second;
    const double fn = f == gates.end() ? 0 : f->second;
    // Counts past 2^53 are sums of products in double, whose order may differ.
    const bool equal =
        pn == fn || (rounded && std::max(pn, fn) > 0x1p53 && std::fabs(pn - fn) <= 1e-12 * pn);
    if (!equal)
      fail(manifest.name, "\"circuit.gates\" promises " + exactNumber(pn) + " '" + gate +
                              "' gates, the circuit has " + exactNumber(fn));
  }
}

void checkCounts(const Manifest &manifest, const CircuitStats &file) {
  if (!manifest.counts)
    return;
  checkGateCounts(manifest, file.gates, false);
  const ManifestCounts &promised = *manifest.counts;
  if (promised.depthExact ? file.depth != promised.depth : file.depth > promised.depth)
    fail(manifest.name,
         "\"circuit.depth\" promises depth " + std::string(promised.depthExact ? "" : "at most ") +
             exactNumber(promised.depth) + ", the circuit has " + exactNumber(file.depth));
}

QubitPartition resolvePartition(const Manifest &manifest, const Circuit &circuit) {
  const std::string &name = manifest.name;
  QubitPartition p;
  std::set<int> seen;
  auto expand = [&](const QubitSpec &q, const std::string &what) {
    const QubitRegister *r = circuit.findRegister(q.reg);
    if (!r)
      fail(
          name, what + ": unknown register '" + q.reg + "' (the circuit declares " + [&] {
            std::string all;
            for (const QubitRegister &reg : circuit.registers)
              all += (all.empty() ? "" : ", ") + reg.name + "[" + std::to_string(reg.size) + "]";
            return all.empty() ? std::string("no qubits") : all;
          }() + ")");
    std::vector<int> qubits;
    if (q.index) {
      if (*q.index < 0 || *q.index >= r->size)
        fail(name, what + ": index " + std::to_string(*q.index) + " out of range for '" + q.reg +
                       "' (qubit[" + std::to_string(r->size) + "])");
      qubits.push_back(r->offset + *q.index);
    } else {
      for (int i = 0; i < r->size; ++i)
        qubits.push_back(r->offset + i);
    }
    for (int qb : qubits)
      if (!seen.insert(qb).second)
        fail(name, what + ": " + circuit.qubitName(qb) + " is listed twice");
    return qubits;
  };
  for (std::size_t i = 0; i < manifest.data.size(); ++i)
    for (int q : expand(manifest.data[i], "data[" + std::to_string(i) + "]"))
      p.data.push_back(q);
  for (std::size_t i = 0; i < manifest.ancillas.size(); ++i)
    for (int q : expand(manifest.ancillas[i], "ancillas[" + std::to_string(i) + "]"))
      p.ancillas.push_back({q, manifest.ancillas[i].state});
  for (int q = 0; q < circuit.numQubits; ++q)
    if (!seen.count(q))
      fail(name, circuit.qubitName(q) + " is neither a data qubit nor an ancilla in the manifest");
  if (p.data.size() > 30)
    fail(name, "too many data qubits (" + std::to_string(p.data.size()) + ")");
  const Eigen::Index dim = Eigen::Index(1) << p.data.size();
  if (manifest.reference.rows() != dim) {
    const std::string rows = std::to_string(manifest.reference.rows());
    fail(name,
         (manifest.kind == ManifestKind::Block ? "the reference block is " + rows + " x " + rows
                                               : "the reference vector has " + rows + " entries") +
             ", but " + std::to_string(p.data.size()) + " data qubits need " + std::to_string(dim));
  }
  return p;
}

std::string manifestPathFor(const std::string &qasmPath) {
  const std::string ext = ".qasm";
  if (qasmPath.size() > ext.size() &&
      qasmPath.compare(qasmPath.size() - ext.size(), ext.size(), ext) == 0)
    return qasmPath.substr(0, qasmPath.size() - ext.size()) + ".manifest.json";
  return qasmPath + ".manifest.json";
}

} // namespace qsvtc::runtime
