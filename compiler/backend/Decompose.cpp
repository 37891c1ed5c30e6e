//===- Decompose.cpp - Modifiers to cx, ccx and one-qubit gates -----------===//
#include "qsvtc/backend/Decompose.h"

#include "qsvtc/support/Error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace qsvtc::backend {

namespace {

/// g^{-1} as a stdgate call: self-inverse gates stay, s/t swap with their
/// daggers, rotations and phases negate their angles.
void invert(std::string &gate, std::vector<double> &params) {
  static const std::map<std::string, std::string> dagger = {
      {"s", "sdg"}, {"sdg", "s"}, {"t", "tdg"}, {"tdg", "t"}};
  static const char *const selfInverse[] = {"x",  "y",  "z",   "h",    "cx",    "cy",
                                            "cz", "ch", "ccx", "swap", "cswap", "id"};
  if (auto it = dagger.find(gate); it != dagger.end()) {
    gate = it->second;
    return;
  }
  static const char *const angled[] = {"rx", "ry", "rz", "p", "crx", "cry", "crz", "cp", "gphase"};
  for (const char *g : angled)
    if (gate == g) {
      for (double &a : params)
        a = -a;
      return;
    }
  for (const char *g : selfInverse)
    if (gate == g)
      return;
  throw InternalError("--decompose cannot invert gate '" + gate + "'");
}

/// Stdgates whose leading qubits are controls: "cx" is x with one.
struct Unfolded {
  std::string gate;
  int builtInControls;
};

Unfolded unfold(const std::string &gate) {
  static const std::map<std::string, Unfolded> table = {
      {"cx", {"x", 1}},   {"cy", {"y", 1}},      {"cz", {"z", 1}},   {"ch", {"h", 1}},
      {"crx", {"rx", 1}}, {"cry", {"ry", 1}},    {"crz", {"rz", 1}}, {"cp", {"p", 1}},
      {"ccx", {"x", 2}},  {"cswap", {"swap", 1}}};
  auto it = table.find(gate);
  return it == table.end() ? Unfolded{gate, 0} : it->second;
}

class Decomposer {
public:
  Decomposer(const Program &in, std::size_t maxCalls) : in(in), MaxCalls(maxCalls) {}

  Program run() {
    int workBase = in.numQubits(), work = 0;
    std::vector<int> identity = qubitRange(0, workBase);
    for (const GateCall &call : in.body)
      work = std::max(work, lowerCall(out.body, call, {}, identity, false, workBase));
    out.registers = in.registers;
    if (work > 0)
      out.registers.push_back({"work", work});
    return std::move(out);
  }

private:
  const Program &in;
  const std::size_t MaxCalls;
  Program out;
  std::size_t calls = 0; ///< in the definitions made so far
  /// (definition, outer controls, inverted) -> (new name, work qubits).
  std::map<std::tuple<std::string, int, bool>, std::pair<std::string, int>> made;

  /// The definition `name` under k positive controls (its first k
  /// qubits), inverted or not, with its work qubits after its own.
  std::pair<std::string, int> instantiate(const std::string &name, int k, bool inverse) {
    auto key = std::make_tuple(name, k, inverse);
    if (auto it = made.find(key); it != made.end())
      return it->second;
    const GateDef &def = *in.find(name);
    std::vector<int> controls = qubitRange(0, k), local = qubitRange(k, def.arity);
    GateDef result{name, 0, def.comment, {}};
    result.opaque = def.opaque; // its controlled or inverse version is opaque too
    if (inverse) {
      result.name += "_inv";
      result.comment += " (inverse)";
    }
    if (k > 0) {
      result.name += "_c" + std::to_string(k);
      result.comment += ", controlled by its first " + std::to_string(k) + " qubits";
    }
    int work = 0;
    auto lower = [&](const GateCall &call) {
      work = std::max(work, lowerCall(result.body, call, controls, local, inverse, k + def.arity));
      if (calls + result.body.size() > MaxCalls)
        throw Error("--decompose: the circuit without modifiers needs more than " +
                    std::to_string(MaxCalls) +
                    " gate calls in its definitions (multi-controlled gates become "
                    "Toffoli ladders inside every QSVT step); it is too large to build here: "
                    "emit it without --decompose");
    };
    if (inverse)
      std::for_each(def.body.rbegin(), def.body.rend(), lower);
    else
      std::for_each(def.body.begin(), def.body.end(), lower);
    if (work > 0)
      result.comment += "; its last " + std::to_string(work) + " qubits are work qubits in |0>";
    result.arity = k + def.arity + work;
    calls += result.body.size();
    std::pair<std::string, int> entry{out.define(std::move(result)), work};
    return made[key] = entry;
  }

  /// Appends `call` (qubits through `map`) under `outer` positive
  /// controls, inverted if `inverse`; returns the work qubits it used
  /// (from `workBase` up).
  int lowerCall(std::vector<GateCall> &body, const GateCall &call, const std::vector<int> &outer,
                const std::vector<int> &map, bool inverse, int workBase) {
    GateBuilder b(body);
    std::vector<int> controls = outer, flipped;
    for (const Control &c : call.controls) {
      controls.push_back(map[c.qubit]);
      if (!c.positive)
        flipped.push_back(map[c.qubit]);
    }
    std::vector<int> targets;
    for (int q : call.qubits)
      targets.push_back(map[q]);
    for (int q : flipped)
      b.x(q);
    int work = 0;
    bool inv = inverse != call.inverse;
    if (in.find(call.gate)) {
      // Two or more controls are ANDed into one work qubit first, so every
      // definition has at most two versions per direction (plain, _c1):
      // a version per control count would copy big bodies again and again
      // (the tiny transformer block nests up to thousands of controls).
      const std::vector<int> ladder = controls.size() >= 2
                                          ? andInto(b, controls, controls.size(), workBase)
                                          : std::vector<int>{};
      std::vector<int> qubits = ladder.empty() ? controls : std::vector<int>{ladder.back()};
      auto [name, defWork] = instantiate(call.gate, static_cast<int>(qubits.size()), inv);
      qubits.insert(qubits.end(), targets.begin(), targets.end());
      const int after = workBase + static_cast<int>(ladder.size());
      for (int j = 0; j < defWork; ++j)
        qubits.push_back(after + j);
      b.call(name, {}, qubits);
      unand(b, controls, ladder);
      work = static_cast<int>(ladder.size()) + defWork;
    } else {
      work = lowerStandard(b, call.gate, call.params, targets, controls, inv, workBase);
    }
    for (int q : flipped)
      b.x(q);
    return work;
  }

  int lowerStandard(GateBuilder &b, std::string gate, std::vector<double> params,
                    std::vector<int> targets, std::vector<int> controls, bool inverse,
                    int workBase) {
    if (inverse)
      invert(gate, params);
    Unfolded u = unfold(gate);
    controls.insert(controls.end(), targets.begin(), targets.begin() + u.builtInControls);
    targets.erase(targets.begin(), targets.begin() + u.builtInControls);
    if (u.gate == "swap" && !controls.empty()) { // Fredkin: cx(b,a) C-x(a->b) cx(b,a)
      b.cx(targets[1], targets[0]);
      controls.push_back(targets[0]);
      int work = controlled(b, "x", {}, targets[1], controls, workBase);
      b.cx(targets[1], targets[0]);
      return work;
    }
    if (u.gate == "gphase") {
      if (controls.empty()) {
        b.gphase(params[0]);
        return 0;
      }
      // e^{i theta} when every control is 1: a phase gate on the last one.
      int target = controls.back();
      controls.pop_back();
      return controlled(b, "p", params, target, controls, workBase);
    }
    if (targets.size() != 1) {
      if (!controls.empty())
        throw InternalError("--decompose has no rule for controlled '" + gate + "'");
      b.call(u.gate, params, targets);
      return 0;
    }
    return controlled(b, u.gate, params, targets[0], controls, workBase);
  }

  /// A one-qubit gate on `target` under positive `controls`.
  int controlled(GateBuilder &b, const std::string &gate, const std::vector<double> &params,
                 int target, const std::vector<int> &controls, int workBase) {
    const std::size_t k = controls.size();
    if (k == 0) {
      b.call(gate, params, {target});
      return 0;
    }
    if (gate == "x" && k <= 2) {
      if (k == 1)
        b.cx(controls[0], target);
      else
        b.call("ccx", {}, {controls[0], controls[1], target});
      return 0;
    }
    if (k == 1) {
      controlledOnce(b, gate, params, controls[0], target);
      return 0;
    }
    // AND all controls but the last into work qubits (x keeps two for its
    // ccx, the others keep one).
    const std::vector<int> ladder = andInto(b, controls, gate == "x" ? k - 1 : k, workBase);
    if (gate == "x")
      b.call("ccx", {}, {ladder.back(), controls[k - 1], target});
    else
      controlledOnce(b, gate, params, ladder.back(), target);
    unand(b, controls, ladder);
    return static_cast<int>(ladder.size());
  }

  /// A Toffoli ladder: work qubits workBase, workBase + 1, ... receive the
  /// AND of controls[0..i+1]; the last holds the AND of the first `count`.
  static std::vector<int> andInto(GateBuilder &b, const std::vector<int> &controls,
                                  std::size_t count, int workBase) {
    std::vector<int> ladder;
    for (std::size_t i = 1; i < count; ++i) {
      int a = i == 1 ? controls[0] : ladder.back();
      ladder.push_back(workBase + static_cast<int>(ladder.size()));
      b.call("ccx", {}, {a, controls[i], ladder.back()});
    }
    return ladder;
  }

  /// The ladder backwards: its work qubits back to |0>.
  static void unand(GateBuilder &b, const std::vector<int> &controls,
                    const std::vector<int> &ladder) {
    for (std::size_t i = ladder.size(); i-- > 0;)
      b.call("ccx", {}, {i == 0 ? controls[0] : ladder[i - 1], controls[i + 1], ladder[i]});
  }

  /// One control, from cx and one-qubit gates (Nielsen & Chuang 4.3).
  static void controlledOnce(GateBuilder &b, const std::string &gate,
                             const std::vector<double> &params, int c, int t) {
    auto conjugatedRotation = [&](const char *axis, double angle) {
      b.call(axis, {angle / 2}, {t});
      b.cx(c, t);
      b.call(axis, {-angle / 2}, {t});
      b.cx(c, t);
    };
    auto phase = [&](double lambda) {
      b.call("p", {lambda / 2}, {c});
      b.cx(c, t);
      b.call("p", {-lambda / 2}, {t});
      b.cx(c, t);
      b.call("p", {lambda / 2}, {t});
    };
    if (gate == "x") {
      b.cx(c, t);
    } else if (gate == "z") { // H X H
      b.h(t);
      b.cx(c, t);
      b.h(t);
    } else if (gate == "y") { // S X S^dagger
      b.call("sdg", {}, {t});
      b.cx(c, t);
      b.call("s", {}, {t});
    } else if (gate == "h") { // Ry(pi/4) Z Ry(-pi/4)
      b.ry(-M_PI / 4, t);
      b.h(t);
      b.cx(c, t);
      b.h(t);
      b.ry(M_PI / 4, t);
    } else if (gate == "rz" || gate == "ry") { // X R(a) X = R(-a)
      conjugatedRotation(gate.c_str(), params[0]);
    } else if (gate == "rx") {
      b.h(t);
      conjugatedRotation("rz", params[0]);
      b.h(t);
    } else if (gate == "p") {
      phase(params[0]);
    } else if (gate == "s" || gate == "sdg") {
      phase(gate == "s" ? M_PI / 2 : -M_PI / 2);
    } else if (gate == "t" || gate == "tdg") {
      phase(gate == "t" ? M_PI / 4 : -M_PI / 4);
    } else {
      throw InternalError("--decompose has no rule for controlled '" + gate + "'");
    }
  }
};

} // namespace

Program decomposeModifiers(const Program &program, std::size_t maxCalls) {
  return Decomposer(program, maxCalls).run();
}

} // namespace qsvtc::backend
