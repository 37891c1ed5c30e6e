//===- GateCounts.cpp - Gates and depth of a Program, expanded ------------===//
#include "qsvtc/backend/GateCounts.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

namespace qsvtc::backend {

double GateCounts::total() const {
  double n = 0;
  for (const auto &[name, count] : gates)
    if (name != "gphase")
      n += count;
  return n;
}

nlohmann::ordered_json GateCounts::toJson() const {
  // Whole numbers as integers while doubles hold them exactly (2^53).
  auto number = [](double v) -> nlohmann::ordered_json {
    if (v < 9007199254740992.0)
      return static_cast<int64_t>(v);
    return v;
  };
  nlohmann::ordered_json j;
  j["gates"] = nlohmann::ordered_json::object();
  for (const auto &[name, n] : gates)
    j["gates"][name] = number(n);
  j["total"] = number(total());
  j["depth"] = number(depth);
  j["depth_exact"] = depthExact;
  return j;
}

namespace {

constexpr double kNone = -std::numeric_limits<double>::infinity();

/// An uncontrolled definition: L[i * arity + j] (dense), or its depth.
struct Latency {
  bool dense = false;
  std::vector<double> matrix;
  double depth = 0;
};

/// A definition under a control: its gates in one chain.
struct Chain {
  double length = 0;
  std::vector<double> first, last; ///< 1-based positions in the chain; 0: untouched

  /// Qubit a's first and last positions when the chain runs forwards or,
  /// inverted, backwards; {0, 0} when no gate touches it.
  std::pair<double, double> span(std::size_t a, bool inverse) const {
    if (first[a] == 0)
      return {0, 0};
    if (inverse)
      return {length - last[a] + 1, length - first[a] + 1};
    return {first[a], last[a]};
  }
};

/// Arrival times of `sources` independent signals on each wire:
/// at(w, s) is the longest chain from source s to wire w so far.
struct Times {
  int sources = 1;
  std::vector<double> values;
  Times(int wires, int sources, double init)
      : sources(sources), values(static_cast<std::size_t>(wires) * sources, init) {}
  double &at(int wire, int s) { return values[static_cast<std::size_t>(wire) * sources + s]; }
};

class Counter {
public:
  explicit Counter(const Program &program) : program(program) {}

  GateCounts run() {
    GateCounts total;
    Times t(program.numQubits(), 1, 0.0);
    for (const GateCall &call : program.body) {
      addCounts(total, call, 0);
      schedule(call, t);
    }
    for (double v : t.values)
      total.depth = std::max(total.depth, v);
    total.depthExact = exact;
    return total;
  }

private:
  const Program &program;
  std::map<std::pair<std::string, std::size_t>, GateCounts> countMemo;
  std::map<std::string, Latency> latencyMemo;
  std::map<std::string, Chain> chainMemo;
  bool exact = true;

  /// A definition with a body (opaque oracles are leaves, like stdgates).
  const GateDef *expandable(const GateCall &call) const {
    const GateDef *def = program.find(call.gate);
    return def && !def->opaque ? def : nullptr;
  }

  void addCounts(GateCounts &into, const GateCall &call, std::size_t extra) {
    const std::size_t controls = call.controls.size() + extra;
    if (const GateDef *def = expandable(call)) {
      const GateCounts &inner = counts(*def, controls);
      for (const auto &[name, n] : inner.gates)
        into.gates[name] += n;
      for (const auto &[name, n] : inner.runs)
        into.runs[name] += n;
      return;
    }
    into.gates[controls ? "ctrl(" + std::to_string(controls) + ")@" + call.gate : call.gate] += 1;
  }

  /// One run of `def` under `extra` outer controls, its own run included.
  const GateCounts &counts(const GateDef &def, std::size_t extra) {
    auto key = std::make_pair(def.name, extra);
    if (auto it = countMemo.find(key); it != countMemo.end())
      return it->second;
    GateCounts c;
    c.runs[def.name] = 1;
    for (const GateCall &call : def.body)
      addCounts(c, call, extra);
    return countMemo[key] = std::move(c);
  }

  static std::vector<int> wiresOf(const GateCall &call) {
    std::vector<int> w = call.qubits;
    for (const Control &c : call.controls)
      w.push_back(c.qubit);
    return w;
  }

  /// Advances `t` past one call (uncontrolled context).
  void schedule(const GateCall &call, Times &t) {
    const GateDef *def = expandable(call);
    if (!def) {
      const std::vector<int> wires = wiresOf(call);
      for (int s = 0; s < t.sources; ++s) {
        double start = kNone;
        for (int w : wires)
          start = std::max(start, t.at(w, s));
        for (int w : wires)
          t.at(w, s) = start + 1;
      }
      return;
    }
    if (call.controls.empty())
      applyLatency(call, latency(*def), t);
    else
      applyChain(call, chain(*def), t);
  }

  void applyLatency(const GateCall &call, const Latency &lat, Times &t) {
    const std::vector<int> &q = call.qubits;
    const std::size_t m = q.size();
    if (!lat.dense)
      exact = false;
    std::vector<double> out(m);
    for (int s = 0; s < t.sources; ++s) {
      if (lat.dense) {
        for (std::size_t j = 0; j < m; ++j) {
          double best = kNone;
          for (std::size_t i = 0; i < m; ++i) {
            // The inverse runs the gates backwards: chains from j to i.
            const double l = call.inverse ? lat.matrix[j * m + i] : lat.matrix[i * m + j];
            best = std::max(best, t.at(q[i], s) + l);
          }
          out[j] = best;
        }
      } else {
        double start = kNone;
        for (int w : q)
          start = std::max(start, t.at(w, s));
        std::fill(out.begin(), out.end(), start + lat.depth);
      }
      for (std::size_t j = 0; j < m; ++j)
        t.at(q[j], s) = out[j];
    }
  }

  void applyChain(const GateCall &call, const Chain &ch, Times &t) {
    if (ch.length == 0)
      return;
    const std::vector<int> &q = call.qubits;
    const std::size_t m = q.size();
    std::vector<double> first(m), last(m);
    for (std::size_t a = 0; a < m; ++a)
      std::tie(first[a], last[a]) = ch.span(a, call.inverse);
    // Touched targets by their first gate, for "max over i with first_i <=
    // last_j of t_i - first_i" as a prefix maximum.
    std::vector<std::size_t> order;
    for (std::size_t a = 0; a < m; ++a)
      if (first[a] > 0)
        order.push_back(a);
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return first[x] < first[y]; });
    std::vector<double> firsts(order.size()), prefix(order.size());
    for (int s = 0; s < t.sources; ++s) {
      double controls = kNone;
      for (const Control &c : call.controls)
        controls = std::max(controls, t.at(c.qubit, s));
      for (std::size_t k = 0; k < order.size(); ++k) {
        firsts[k] = first[order[k]];
        const double v = t.at(q[order[k]], s) - first[order[k]];
        prefix[k] = k ? std::max(prefix[k - 1], v) : v;
      }
      std::vector<double> out(m);
      for (std::size_t j = 0; j < m; ++j) {
        if (first[j] == 0) {
          out[j] = t.at(q[j], s);
          continue;
        }
        double best = controls + last[j];
        const std::size_t k =
            std::upper_bound(firsts.begin(), firsts.end(), last[j]) - firsts.begin();
        if (k > 0)
          best = std::max(best, prefix[k - 1] + last[j] + 1);
        out[j] = best;
      }
      double end = controls + ch.length;
      if (!order.empty())
        end = std::max(end, prefix.back() + ch.length + 1);
      for (std::size_t j = 0; j < m; ++j)
        t.at(q[j], s) = out[j];
      for (const Control &c : call.controls)
        t.at(c.qubit, s) = end;
    }
  }

  const Latency &latency(const GateDef &def) {
    if (auto it = latencyMemo.find(def.name); it != latencyMemo.end())
      return it->second;
    Latency lat;
    const int n = def.arity;
    lat.dense = n <= kExactArity;
    Times t(n, lat.dense ? n : 1, lat.dense ? kNone : 0.0);
    if (lat.dense)
      for (int i = 0; i < n; ++i)
        t.at(i, i) = 0;
    for (const GateCall &call : def.body)
      schedule(call, t);
    for (double v : t.values)
      lat.depth = std::max(lat.depth, v);
    if (lat.dense) {
      lat.matrix.resize(static_cast<std::size_t>(n) * n);
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
          lat.matrix[static_cast<std::size_t>(i) * n + j] = t.at(j, i);
    }
    return latencyMemo[def.name] = std::move(lat);
  }

  const Chain &chain(const GateDef &def) {
    if (auto it = chainMemo.find(def.name); it != chainMemo.end())
      return it->second;
    Chain ch;
    ch.first.assign(def.arity, 0);
    ch.last.assign(def.arity, 0);
    auto touch = [&](int w, double from, double to) {
      if (ch.first[w] == 0)
        ch.first[w] = from;
      ch.last[w] = to;
    };
    for (const GateCall &call : def.body) {
      const GateDef *inner = expandable(call);
      if (!inner) {
        ch.length += 1;
        for (int w : wiresOf(call))
          touch(w, ch.length, ch.length);
        continue;
      }
      const Chain &sub = chain(*inner);
      if (sub.length == 0)
        continue;
      for (std::size_t a = 0; a < call.qubits.size(); ++a) {
        const auto [f, l] = sub.span(a, call.inverse);
        if (f > 0)
          touch(call.qubits[a], ch.length + f, ch.length + l);
      }
      for (const Control &c : call.controls)
        touch(c.qubit, ch.length + 1, ch.length + sub.length);
      ch.length += sub.length;
    }
    return chainMemo[def.name] = std::move(ch);
  }
};

} // namespace

GateCounts countGates(const Program &program) { return Counter(program).run(); }

} // namespace qsvtc::backend
