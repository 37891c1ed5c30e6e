//===- Resources.cpp - Qubits, queries, rotations and T gates -------------===//
#include "qsvtc/passes/Resources.h"

#include "qsvtc/ir/Attribute.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Synthesis.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace qsvtc::passes {

namespace {

/// l-infinity tomography of the state a readout's block prepares, to
/// entry error delta = epsilon / (sqrt(R C) alpha) of the normalised state
/// (so the matrix error is <= epsilon in spectral norm): a Hoeffding bound
/// on every amplitude with failure probability 1% overall,
/// (4 / delta^2) ln(2 R C / 0.01) samples (constant 4 assumed for the
/// sign-resolving interference; an estimate, like seed 000's Thm 12).
double readoutSamples(const ir::Operation &op) {
  const ir::Type &t = op.operands[0]->type;
  double entries = t.elementCount();
  double delta = ops::epsilonOf(op) / (std::sqrt(entries) * t.alpha);
  return std::ceil(4 / (delta * delta) * std::log(2 * entries / 0.01));
}

/// The rotations backend/ emits for one run of `op`: an element-wise LCU
/// prepares and unprepares its d + 1 weights with a rotation tree on
/// ceil(log2(d + 1)) qubits (2^m - 1 R_y each way); QSVT has one rz per
/// phase, and a crz more for the odd part of a mixed-parity polynomial.
double rotationsOf(const ir::Operation &op) {
  const ops::PolyAttrs p(op);
  int64_t d = p.degree().value();
  if (p.elementwise())
    return 2.0 * static_cast<double>((int64_t{1} << ir::qubitsFor(d + 1)) - 1);
  return static_cast<double>(p.parity() ? d + 1 : 2 * (d + 1));
}

} // namespace

ResourceReport estimateResources(const ir::Module &module) {
  ResourceReport report;
  report.model = module.name;
  for (const auto &op : module.operations) {
    if (!ops::construction(*op))
      throw ir::locatedError(op->location,
                             "'" + op->getName() + "' is not lowered: resources need the qsvt IR");
    if (ops::isPolynomial(*op) && !ops::PolyAttrs(*op).degree())
      throw ir::locatedError(op->location,
                             "'" + ops::PolyAttrs(*op).fn() +
                                 "' has no degree yet: resources need approximate to have run");
  }
  for (const auto &outPtr : module.operations) {
    const ir::Operation &out = *outPtr;
    if (!ops::is<ops::Output>(out))
      continue;
    OutputResources r;
    r.name = ops::outputName(out).value_or("");
    r.epsilon = ops::epsilonOf(out);
    const ir::Type &type = out.operands[0]->type;
    r.dataQubits = std::max(ir::qubitsFor(type.shape[0]), ir::qubitsFor(type.shape[1]));
    r.alpha = type.alpha;
    // Segments: the output's circuit, and behind every readout the circuit
    // of the layer it reads, run `samples` times (tomography).
    std::vector<std::pair<const ir::Value *, double>> roots{{out.operands[0], 1.0}};
    std::set<const ir::Operation *> readouts;
    while (!roots.empty()) {
      auto [root, runs] = roots.back();
      roots.pop_back();
      const ir::Type &segment = root->type;
      r.ancillaQubits = std::max(r.ancillaQubits, segment.ancillas);
      std::unordered_map<const ir::Value *, double> mult{{root, runs}};
      for (auto it = module.operations.rbegin(); it != module.operations.rend(); ++it) {
        const ir::Operation &op = **it;
        if (!op.hasResult() || !mult.count(op.getResult()))
          continue;
        double m = mult[op.getResult()];
        if (ops::is<ops::Readout>(op)) {
          if (readouts.insert(&op).second) {
            double samples = readoutSamples(op);
            if (!std::isfinite(samples))
              throw ir::locatedError(
                  op.location,
                  "the readout of '" + ops::readoutBlock(op) +
                      "' needs more than 1e308 tomography runs: its error share " +
                      ir::formatFloat(ops::epsilonOf(op)) +
                      " is what the worst-case propagation through the layers after it "
                      "leaves");
            r.readouts.push_back({ops::readoutBlock(op), samples});
            roots.push_back({op.operands[0], samples});
          }
          continue; // its operand belongs to another segment
        }
        if (ops::is<ops::Lcu>(op) && !ops::lcuSource(op).empty())
          r.queries[ops::lcuSource(op)] += m;
        if (ops::isPolynomial(op)) {
          const ops::PolyAttrs p(op);
          PolyCost c{p.fn(), op.location.str(),  p.elementwise(), p.degree().value(), p.estimated(),
                     m,      m * rotationsOf(op)};
          r.rotations += c.rotations;
          r.polys.push_back(c);
        }
        std::vector<double> uses = ops::constructionOf(op).operandRuns(op);
        for (std::size_t i = 0; i < op.operands.size(); ++i)
          mult[op.operands[i]] += m * uses[i];
      }
    }
    std::reverse(r.polys.begin(), r.polys.end());
    if (!std::isfinite(r.rotations))
      throw ir::locatedError(out.location, "the rotation count overflows 1e308");
    if (r.rotations > 0) {
      r.rotationEpsilon = r.epsilon / (10 * r.rotations);
      r.tPerRotation = tPerRotation(r.rotationEpsilon);
      r.tCount = r.rotations * r.tPerRotation;
    }
    report.outputs.push_back(std::move(r));
  }
  return report;
}

void attachCircuits(ResourceReport &report, std::vector<nlohmann::ordered_json> circuits) {
  if (circuits.size() != report.outputs.size())
    throw InternalError(std::to_string(circuits.size()) + " circuits for " +
                        std::to_string(report.outputs.size()) + " outputs");
  for (std::size_t k = 0; k < circuits.size(); ++k)
    report.outputs[k].circuit = std::move(circuits[k]);
}

std::string resourcesJson(const ResourceReport &report) {
  nlohmann::ordered_json j;
  j["model"] = report.model;
  j["t_count_formula"] = "3*log2(1/eps_r) + 9.2 per rotation (Ross-Selinger), eps_r = "
                         "epsilon / (10 * rotations)";
  j["outputs"] = nlohmann::json::array();
  for (const OutputResources &r : report.outputs) {
    nlohmann::ordered_json o;
    o["name"] = r.name;
    o["epsilon"] = r.epsilon;
    o["logical_qubits"] = r.dataQubits + r.ancillaQubits;
    o["data_qubits"] = r.dataQubits;
    o["ancilla_qubits"] = r.ancillaQubits;
    o["alpha"] = r.alpha;
    o["queries"] = r.queries;
    o["rotations"] = r.rotations;
    o["rotation_epsilon"] = r.rotationEpsilon;
    o["t_count"] = r.tCount;
    o["circuit"] = r.circuit;
    o["readouts"] = nlohmann::json::array();
    for (const auto &[block, samples] : r.readouts)
      o["readouts"].push_back({{"block", block}, {"samples", samples}});
    o["polynomials"] = nlohmann::json::array();
    for (const PolyCost &c : r.polys)
      o["polynomials"].push_back({{"fn", c.fn},
                                  {"location", c.location},
                                  {"elementwise", c.elementwise},
                                  {"degree", c.degree},
                                  {"degree_estimated", c.estimated},
                                  {"multiplicity", c.multiplicity},
                                  {"rotations", c.rotations}});
    j["outputs"].push_back(o);
  }
  return j.dump(2) + "\n";
}

namespace {

/// The circuit's gates and depth (backend::GateCounts::toJson) as table
/// lines: the totals, then the most frequent gates (JSON has them all).
std::string circuitLines(const nlohmann::ordered_json &circuit) {
  if (circuit.is_null())
    return "";
  if (circuit.contains("unavailable"))
    return "  gates and depth: not counted: " + circuit["unavailable"].get<std::string>() + "\n";
  char line[256];
  std::snprintf(
      line, sizeof line, "  circuit%s: %.4g gates, depth %s%.4g (definitions expanded)\n",
      circuit.value("decomposed", false) ? " (decomposed)" : "", circuit["total"].get<double>(),
      circuit["depth_exact"].get<bool>() ? "" : "at most ", circuit["depth"].get<double>());
  std::string out = line;
  if (circuit.contains("t_count")) {
    std::snprintf(line, sizeof line,
                  "  T-count of this circuit, data oracles included: %.4g (%.4g rotations to "
                  "%.3g, 7 per ccx)\n",
                  circuit["t_count"].get<double>(), circuit["rotations"].get<double>(),
                  circuit["rotation_epsilon"].get<double>());
    out += line;
  }
  std::vector<std::pair<double, std::string>> gates;
  for (const auto &[name, n] : circuit["gates"].items())
    gates.push_back({n.get<double>(), name});
  std::stable_sort(gates.begin(), gates.end(),
                   [](const auto &a, const auto &b) { return a.first > b.first; });
  constexpr std::size_t shown = 16, perLine = 4;
  for (std::size_t i = 0; i < std::min(gates.size(), shown); i += perLine) {
    out += "   ";
    for (std::size_t k = i; k < std::min({i + perLine, gates.size(), shown}); ++k) {
      std::snprintf(line, sizeof line, " %-18s %-10.4g", gates[k].second.c_str(), gates[k].first);
      out += line;
    }
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    out += "\n";
  }
  if (gates.size() > shown)
    out += "    ... and " + std::to_string(gates.size() - shown) +
           " more kinds of gate (--format=json lists every one)\n";
  return out;
}

} // namespace

std::string resourcesTable(const ResourceReport &report) {
  std::string out = "resources for model " + report.model + "\n";
  char line[256];
  for (const OutputResources &r : report.outputs) {
    std::snprintf(line, sizeof line,
                  "\noutput %s (epsilon %g): %lld logical qubits (%lld data + %lld ancilla), "
                  "alpha %.4g\n",
                  r.name.empty() ? "<unnamed>" : r.name.c_str(), r.epsilon,
                  static_cast<long long>(r.dataQubits + r.ancillaQubits),
                  static_cast<long long>(r.dataQubits), static_cast<long long>(r.ancillaQubits),
                  r.alpha);
    out += line;
    out += "  oracle queries:\n";
    for (const auto &[source, n] : r.queries) {
      std::snprintf(line, sizeof line, "    %-28s %.4g\n", source.c_str(), n);
      out += line;
    }
    out += "  polynomials:      fn              degree  runs        rotations   location\n";
    bool estimates = false;
    for (const PolyCost &c : r.polys) {
      char degree[24]; // exact up to 6 digits, then 3 significant ones
      std::snprintf(degree, sizeof degree, c.degree < 1000000 ? "%6.0f" : "%6.3g",
                    static_cast<double>(c.degree));
      std::snprintf(line, sizeof line, "    %-12s %-16s %c%s  %-10.4g  %-10.4g  %s\n",
                    c.elementwise ? "element-wise" : "QSVT", c.fn.c_str(), c.estimated ? '~' : ' ',
                    degree, c.multiplicity, c.rotations, c.location.c_str());
      out += line;
      estimates |= c.estimated;
    }
    if (estimates)
      out += "  ~ degree estimated (symbolic model: from the Chebyshev coefficients' decay, "
             "not a certified polynomial)\n";
    for (const auto &[block, samples] : r.readouts) {
      std::snprintf(line, sizeof line, "  readout of %s by tomography: %.4g runs of its circuit\n",
                    block.c_str(), samples);
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "  rotations %.4g, each synthesised to %.3g: %.1f T each, T-count %.4g\n",
                  r.rotations, r.rotationEpsilon, r.tPerRotation, r.tCount);
    out += line;
    out += circuitLines(r.circuit);
  }
  return out;
}

} // namespace qsvtc::passes
