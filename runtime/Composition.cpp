//===- Composition.cpp - A block from its parts' verified blocks ----------===//
#include "qsvtc/runtime/Composition.h"

#include "qsvtc/runtime/Simulator.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace qsvtc::runtime {

Eigen::MatrixXcd canonicalDilation(const Eigen::MatrixXcd &block) {
  const Eigen::Index m = block.rows();
  const Eigen::JacobiSVD<Eigen::MatrixXcd> svd(block);
  if (m > 0 && svd.singularValues()(0) > 1 + 1e-9)
    throw CompositionRefused("a block of norm " + std::to_string(svd.singularValues()(0)) +
                             " > 1 is no unitary's block");
  // (I - X)^(1/2) for the positive semidefinite X = B B^+ or B^+ B, its
  // eigenvalues clamped to [0, 1] against rounding.
  auto complementRoot = [](const Eigen::MatrixXcd &x) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(x);
    const Eigen::VectorXd roots = eig.eigenvalues().unaryExpr(
        [](double l) { return std::sqrt(std::clamp(1 - l, 0.0, 1.0)); });
    return Eigen::MatrixXcd(eig.eigenvectors() * roots.asDiagonal() * eig.eigenvectors().adjoint());
  };
  Eigen::MatrixXcd w(2 * m, 2 * m);
  w.topLeftCorner(m, m) = block;
  w.topRightCorner(m, m) = complementRoot(block * block.adjoint());
  w.bottomLeftCorner(m, m) = complementRoot(block.adjoint() * block);
  w.bottomRightCorner(m, m) = -block.adjoint();
  return w;
}

namespace {

constexpr std::size_t kNever = SIZE_MAX;

/// Flags are reused at a cost of eta each (Composition.h); above this the
/// bound is useless and the composition is refused instead.
constexpr double kMaxReuseEta = 1e-6;

bool isPlainX(const Operation &op) {
  return !op.call && op.controls.empty() && op.targets.size() == 1 && op.matrix.rows() == 2 &&
         op.matrix(0, 0) == 0.0 && op.matrix(1, 1) == 0.0 && op.matrix(0, 1) == 1.0 &&
         op.matrix(1, 0) == 1.0;
}

/// g conjugated by X on q (a control of g, or a target of a gate).
bool conjugateByX(Operation &g, int q) {
  for (Control &c : g.controls)
    if (c.qubit == q) {
      c.positive = !c.positive;
      return true;
    }
  const auto t = std::find(g.targets.begin(), g.targets.end(), q) - g.targets.begin();
  if (g.call || t == Eigen::Index(g.targets.size()))
    return false;
  const Eigen::Index flip = Eigen::Index(1) << t;
  Eigen::MatrixXcd m(g.matrix.rows(), g.matrix.cols());
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c)
      m(r, c) = g.matrix(r ^ flip, c ^ flip);
  g.matrix = std::move(m);
  return true;
}

/// Calls of unitary helpers replaced by their gates (under the call's
/// controls, reversed and inverted for inv @).
Circuit withHelpersInlined(const Circuit &body,
                           const std::function<const VerifiedPart *(const std::string &)> &part) {
  Circuit out = body;
  out.ops.clear();
  for (const Operation &op : body.ops) {
    const VerifiedPart *p = op.call ? part(op.name) : nullptr;
    if (!p || !p->unitary || p->body.ops.empty() || p->arity != int(op.targets.size())) {
      out.ops.push_back(op);
      continue;
    }
    const std::size_t start = out.ops.size();
    for (const Operation &g : p->body.ops) {
      Operation mapped = op.inverted ? g.inverse() : g;
      for (int &q : mapped.targets)
        q = op.targets[q];
      for (Control &c : mapped.controls)
        c.qubit = op.targets[c.qubit];
      mapped.controls.insert(mapped.controls.begin(), op.controls.begin(), op.controls.end());
      out.ops.push_back(std::move(mapped));
    }
    if (op.inverted)
      std::reverse(out.ops.begin() + std::ptrdiff_t(start), out.ops.end());
  }
  return out;
}

/// "x q; g; x q" read as one gate (how a phase on |0> is written).
Circuit withoutXConjugations(const Circuit &body) {
  Circuit out = body;
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<Operation> ops;
    for (std::size_t i = 0; i < out.ops.size(); ++i) {
      if (i + 2 < out.ops.size() && isPlainX(out.ops[i]) && isPlainX(out.ops[i + 2]) &&
          out.ops[i].targets == out.ops[i + 2].targets) {
        Operation g = out.ops[i + 1];
        if (conjugateByX(g, out.ops[i].targets[0])) {
          ops.push_back(std::move(g));
          i += 2;
          changed = true;
          continue;
        }
      }
      ops.push_back(out.ops[i]);
    }
    out.ops = std::move(ops);
  }
  return out;
}

/// Whether `op` acts only while every qubit of `qs` is |0>: each is a
/// negative control, or a target on which op is diagonal and the identity
/// whenever that target is |1>.
bool actsOnlyOnZero(const Operation &op, const std::vector<int> &qs) {
  for (int q : qs) {
    if (std::any_of(op.controls.begin(), op.controls.end(),
                    [&](const Control &c) { return c.qubit == q && !c.positive; }))
      continue;
    const auto t = std::find(op.targets.begin(), op.targets.end(), q) - op.targets.begin();
    if (op.call || t == Eigen::Index(op.targets.size()) ||
        std::any_of(op.controls.begin(), op.controls.end(),
                    [&](const Control &c) { return c.qubit == q; }))
      return false;
    const Eigen::MatrixXcd &m = op.matrix;
    if (!m.isDiagonal(0.0))
      return false;
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      if ((r >> t & 1) && m(r, r) != 1.0)
        return false;
  }
  return true;
}

/// The part of `m` (on `targets`, targets[0] least significant) where the
/// targets in `dropped` are |0>, on the remaining targets.
Eigen::MatrixXcd restrictToZero(const Eigen::MatrixXcd &m, const std::vector<int> &targets,
                                const std::set<int> &dropped, std::vector<int> &kept) {
  std::vector<int> bits;
  kept.clear();
  for (std::size_t t = 0; t < targets.size(); ++t)
    if (!dropped.count(targets[t])) {
      bits.push_back(int(t));
      kept.push_back(targets[t]);
    }
  auto expand = [&](Eigen::Index r) {
    Eigen::Index full = 0;
    for (std::size_t k = 0; k < bits.size(); ++k)
      if (r >> k & 1)
        full |= Eigen::Index(1) << bits[k];
    return full;
  };
  const Eigen::Index d = Eigen::Index(1) << bits.size();
  Eigen::MatrixXcd out(d, d);
  for (Eigen::Index r = 0; r < d; ++r)
    for (Eigen::Index c = 0; c < d; ++c)
      out(r, c) = m(expand(r), expand(c));
  return out;
}

/// The calls of one definition on one list of qubits.
struct Instance {
  std::string callee;
  std::vector<int> data, ancillas;
  const VerifiedPart *part = nullptr;
  std::vector<std::size_t> calls; ///< op indices, in order
  bool shared = false;            ///< its ancillas are also another instance's (exclusively)
  /// A state whose flags a later call reuses: from that call on (its op
  /// index), the flags are the reuser's.
  std::size_t retiresAt = kNever;
  /// A retiring state's markers (markersOf): none, and its garbage is
  /// charged instead, dilated from the clean v / |v|.
  std::vector<int> markers;
  int dilation = -1; ///< its qubit in the reduced circuit

  bool state() const { return part->state; }
  bool alive(std::size_t op) const { return op < retiresAt; }
  std::vector<int> qubits() const {
    std::vector<int> all = data;
    all.insert(all.end(), ancillas.begin(), ancillas.end());
    return all;
  }
};

class Composer {
public:
  Composer(const Circuit &body, const QubitPartition &partition,
           const std::function<const VerifiedPart *(const std::string &)> &part, bool stateBody)
      : body(body), partition(partition), part(part), stateBody(stateBody), n(body.numQubits),
        isData(body.numQubits, false), ancillaState(body.numQubits, -1), owners(body.numQubits),
        opInstance(body.ops.size(), -1), opPart(body.ops.size(), nullptr), piOf(body.ops.size()) {
    for (int q : partition.data)
      isData[q] = true;
    for (const ProjectedQubit &a : partition.ancillas)
      ancillaState[a.qubit] = a.state;
  }

  ComposedBlock run(const CompositionLimits &limits) {
    resolveCalls();
    checkOwnership();
    checkTouches();
    checkStatesStartAtZero();
    checkRepeatedCalls();
    return simulate(limits);
  }

private:
  const Circuit &body;
  const QubitPartition &partition;
  const std::function<const VerifiedPart *(const std::string &)> &part;
  const bool stateBody; ///< the body's data start in |0> too; only that column
  const int n;
  std::vector<bool> isData;
  std::vector<int> ancillaState;            ///< -1: not an ancilla of the body
  std::vector<std::vector<int>> owners;     ///< instances whose ancillas include q
  std::vector<int> opInstance;              ///< op -> instance, -1: not a block call
  std::vector<const VerifiedPart *> opPart; ///< op -> applied whole (unitary)
  std::vector<std::vector<int>> piOf;       ///< op -> instances it is a Pi-function of
  std::vector<Instance> instances;
  std::set<std::pair<int, int>> exclusive; ///< instance pairs (lower first) that share()
                                           ///< found exclusive

  [[noreturn]] void refuse(std::size_t op, const std::string &why) const {
    throw CompositionRefused(describe(op) + ": " + why);
  }

  /// At most kNamed qubits by name: a message about a 500-qubit call must
  /// stay readable.
  std::string qubits(const std::vector<int> &qs) const {
    constexpr std::size_t kNamed = 8;
    std::string s;
    for (std::size_t k = 0; k < qs.size() && k < kNamed; ++k)
      s += (s.empty() ? "" : ", ") + body.qubitName(qs[k]);
    if (qs.size() > kNamed)
      s += ", ... (" + std::to_string(qs.size()) + " qubits)";
    return s;
  }

  std::string describe(std::size_t i) const {
    const Operation &op = body.ops[i];
    std::vector<int> all;
    for (const Control &c : op.controls)
      all.push_back(c.qubit);
    all.insert(all.end(), op.targets.begin(), op.targets.end());
    return "statement " + std::to_string(i + 1) + " (" + (op.inverted ? "inv @ " : "") +
           (op.controls.empty() ? "" : "controlled ") + op.name + " " + qubits(all) + ")";
  }

  static bool touches(const Operation &op, int q) {
    if (std::find(op.targets.begin(), op.targets.end(), q) != op.targets.end())
      return true;
    return std::any_of(op.controls.begin(), op.controls.end(),
                       [&](const Control &c) { return c.qubit == q; });
  }
  /// Whether op leaves qubit q's basis state as it is: q is only its
  /// control, or a target of a diagonal gate.
  static bool keepsBasisState(const Operation &op, int q) {
    return !targets(op, q) || (!op.call && op.matrix.isDiagonal(0.0));
  }
  static bool targets(const Operation &op, int q) {
    return std::find(op.targets.begin(), op.targets.end(), q) != op.targets.end();
  }

  void resolveCalls() {
    std::map<std::pair<std::string, std::vector<int>>, int> byKey;
    for (std::size_t i = 0; i < body.ops.size(); ++i) {
      const Operation &op = body.ops[i];
      if (!op.call)
        continue;
      const VerifiedPart *p = part(op.name);
      if (!p)
        throw CompositionRefused(describe(i) + ": '" + op.name + "' is not verified",
                                 CompositionRefused::Reason::Limit);
      if (p->arity != static_cast<int>(op.targets.size()))
        refuse(i, "'" + op.name + "' takes " + std::to_string(p->arity) + " qubits");
      if (p->unitary || (p->data == p->arity && !p->state)) {
        opPart[i] = p; // no ancillas: applied as a whole unitary
        continue;
      }
      auto [it, fresh] = byKey.try_emplace({op.name, op.targets}, int(instances.size()));
      if (fresh) {
        Instance inst;
        inst.callee = op.name;
        inst.part = p;
        inst.data.assign(op.targets.begin(), op.targets.begin() + p->data);
        inst.ancillas.assign(op.targets.begin() + p->data, op.targets.end());
        instances.push_back(std::move(inst));
      }
      opInstance[i] = it->second;
      instances[it->second].calls.push_back(i);
    }
  }

  /// Rule (1), and (2) for ancillas two instances share.
  void checkOwnership() {
    for (std::size_t k = 0; k < instances.size(); ++k)
      for (int q : instances[k].ancillas) {
        if (isData[q] || ancillaState[q] != 0)
          refuse(instances[k].calls[0],
                 "the ancilla " + body.qubitName(q) + " of '" + instances[k].callee + "' is " +
                     (isData[q] ? "a data qubit" : "not an ancilla in |0>") + " of this body");
        owners[q].push_back(int(k));
      }
    std::set<std::pair<int, int>> checked;
    for (int q = 0; q < n; ++q)
      for (std::size_t a = 0; a < owners[q].size(); ++a)
        for (std::size_t b = a + 1; b < owners[q].size(); ++b)
          if (checked.insert({owners[q][a], owners[q][b]}).second)
            share(owners[q][a], owners[q][b]);
  }

  /// Whether op `first` and the later op `last` have a control qubit of
  /// opposite polarity whose basis state nothing changes between them
  /// (diagonal gates on it, such as an LCU's signs, keep it).
  bool excludes(std::size_t first, std::size_t last) const {
    for (const Control &c : body.ops[first].controls)
      for (const Control &d : body.ops[last].controls) {
        if (c.qubit != d.qubit || c.positive == d.positive)
          continue;
        bool unchanged = true;
        for (std::size_t k = first + 1; k < last && unchanged; ++k)
          unchanged = keepsBasisState(body.ops[k], c.qubit);
        if (unchanged)
          return true;
      }
    return false;
  }

  /// Two instances on shared ancillas: one call each whose controls
  /// exclude each other (an LCU), or a state prepared once whose flags
  /// later calls take over (reuse, bounded by eta).
  void share(int a, int b) {
    Instance &x = instances[a], &y = instances[b];
    const std::size_t first = std::min(x.calls[0], y.calls[0]),
                      last = std::max(x.calls[0], y.calls[0]);
    if (x.calls.size() == 1 && y.calls.size() == 1 && excludes(first, last)) {
      x.shared = y.shared = true;
      exclusive.insert({std::min(a, b), std::max(a, b)});
      return;
    }
    for (auto [early, late] : {std::pair{&x, &y}, std::pair{&y, &x}}) {
      const bool reusable = early->state() && early->calls.size() == 1 &&
                            !body.ops[early->calls[0]].inverted &&
                            early->calls[0] < late->calls.front();
      if (reusable) {
        early->retiresAt = std::min(early->retiresAt, late->calls.front());
        return;
      }
    }
    refuse(last, "shares ancillas with " + describe(first) +
                     ": their controls do not exclude each other, and neither is a state "
                     "prepared once whose flags the other takes over after it");
  }

  /// Whether instance k's ancilla q is, at op i before k's first call,
  /// still the flag of a state that k takes over (checked as that one's).
  bool heldByRetiring(int k, int q, std::size_t i) const {
    return std::any_of(owners[q].begin(), owners[q].end(), [&](int o) {
      return o != k && instances[o].alive(i) && instances[o].retiresAt <= instances[k].calls[0];
    });
  }

  /// Rule (2): who else touches an instance's ancillas.
  void checkTouches() {
    std::vector<std::size_t> stamp(instances.size(), 0); // op index + 1 that saw it
    std::vector<int> near;
    for (std::size_t i = 0; i < body.ops.size(); ++i) {
      const Operation &op = body.ops[i];
      near.clear();
      auto note = [&](int q) {
        for (int k : owners[q])
          if (stamp[k] != i + 1 && instances[k].alive(i)) {
            stamp[k] = i + 1;
            near.push_back(k);
          }
      };
      for (int q : op.targets)
        note(q);
      for (const Control &c : op.controls)
        note(c.qubit);
      // A retired state's flag that no call has taken over has no qubit in
      // the reduced circuit: nothing may touch it.
      auto orphan = [&](int q) {
        if (!owners[q].empty() && std::none_of(owners[q].begin(), owners[q].end(),
                                               [&](int k) { return instances[k].alive(i); }))
          refuse(i, "acts on " + body.qubitName(q) + ", a flag of '" +
                        instances[owners[q][0]].callee + "' after its reuse began");
      };
      for (int q : op.targets)
        orphan(q);
      for (const Control &c : op.controls)
        orphan(c.qubit);
      std::sort(near.begin(), near.end());
      for (int k : near) {
        const Instance &inst = instances[k];
        if (opInstance[i] == k)
          continue;
        if (i < inst.calls[0] &&
            std::all_of(inst.ancillas.begin(), inst.ancillas.end(),
                        [&](int q) { return !touches(op, q) || heldByRetiring(k, q, i); }))
          continue;
        if (opInstance[i] >= 0) { // another instance's call: only on shared ancillas
          const Instance &other = instances[opInstance[i]];
          for (int q : inst.ancillas)
            if (touches(op, q) &&
                std::find(other.ancillas.begin(), other.ancillas.end(), q) == other.ancillas.end())
              refuse(i, "acts on " + body.qubitName(q) + ", an ancilla of '" + inst.callee + "'");
          continue;
        }
        if (!actsOnlyOnZero(op, inst.ancillas))
          refuse(i, "touches the ancillas of '" + inst.callee +
                        "' other than by a gate that acts only while all of them are |0>");
        if (inst.shared)
          refuse(i, "is controlled on ancillas that several calls share");
        piOf[i].push_back(k);
      }
    }
  }

  /// Rule (4)'s start: a state instance's qubits are |0> at its first call.
  void checkStatesStartAtZero() const {
    for (std::size_t k = 0; k < instances.size(); ++k) {
      const Instance &inst = instances[k];
      if (!inst.state())
        continue;
      const std::size_t first = inst.calls[0];
      if (body.ops[first].inverted)
        refuse(first, "a state preparation's first call is its inverse");
      for (int q : inst.qubits()) {
        if (isData[q] ? !stateBody : ancillaState[q] != 0)
          refuse(first, "prepares the state '" + inst.callee + "' on " + body.qubitName(q) +
                            ", which is not |0> at the start of this body");
        // A flag of a state that retires here: |0> up to its garbage,
        // which the reuse accounts for (simulate).
        if (std::any_of(owners[q].begin(), owners[q].end(),
                        [&](int o) { return o != int(k) && instances[o].retiresAt <= first; }))
          continue;
        for (std::size_t i = 0; i < first; ++i)
          if (touches(body.ops[i], q) && !keepsBasisState(body.ops[i], q) && !excludes(i, first))
            refuse(first, "prepares the state '" + inst.callee + "' on " + body.qubitName(q) +
                              ", which " + describe(i) + " has changed");
      }
    }
  }

  /// Rules (3) and (4) between two consecutive calls of `inst`, ops
  /// (from, to): gates on its data are Pi-functions or act on its data
  /// alone and cancel (V^+ R V); after an inverse call of a state, gates on
  /// its qubits act only on their all-|0> state.
  void checkWindow(const Instance &inst, std::size_t from, std::size_t to,
                   bool afterInverse) const {
    const std::vector<int> all = inst.qubits();
    Circuit alone; // the data-only gates, on the instance's data
    alone.numQubits = int(inst.data.size());
    alone.registers.push_back({"d", 0, alone.numQubits});
    auto local = [&](int q) {
      return int(std::find(inst.data.begin(), inst.data.end(), q) - inst.data.begin());
    };
    for (std::size_t i = from + 1; i < to; ++i) {
      const Operation &op = body.ops[i];
      if (std::none_of(all.begin(), all.end(), [&](int q) { return touches(op, q); }))
        continue;
      if (afterInverse) {
        if (!actsOnlyOnZero(op, all))
          refuse(i, "acts on the qubits of the state '" + inst.callee +
                        "' between its inverse and its next call other than on their |0>");
        continue;
      }
      if (actsOnlyOnZero(op, inst.ancillas))
        continue;
      Operation mapped = op;
      bool onDataAlone = !op.call || opPart[i];
      for (int &q : mapped.targets)
        onDataAlone = onDataAlone && (q = local(q)) < alone.numQubits;
      for (Control &c : mapped.controls)
        onDataAlone = onDataAlone && (c.qubit = local(c.qubit)) < alone.numQubits;
      if (!onDataAlone)
        refuse(i, "acts on the qubits of '" + inst.callee +
                      "' between two of its calls, other than while its ancillas are |0> or on "
                      "its data alone");
      if (opPart[i]) {
        mapped.call = false;
        mapped.matrix =
            op.inverted ? Eigen::MatrixXcd(opPart[i]->matrix.adjoint()) : opPart[i]->matrix;
      }
      alone.ops.push_back(std::move(mapped));
    }
    if (alone.ops.empty())
      return;
    QubitPartition p;
    for (int q = 0; q < alone.numQubits; ++q)
      p.data.push_back(q);
    const Eigen::MatrixXcd u = extractBlock(alone, p);
    if (!u.isApprox(Eigen::MatrixXcd::Identity(u.rows(), u.cols()), 1e-10))
      refuse(to, "the gates on the data of '" + inst.callee +
                     "' since its previous call do not cancel (not controlled on its ancillas "
                     "being |0>, they must multiply to the identity)");
  }

  /// Rules (3) and (4): an instance called several times.
  void checkRepeatedCalls() const {
    for (const Instance &inst : instances) {
      if (inst.calls.size() < 2)
        continue;
      if (inst.state()) {
        for (std::size_t c = 0; c < inst.calls.size(); ++c) {
          const Operation &op = body.ops[inst.calls[c]];
          if (!op.controls.empty())
            refuse(inst.calls[c], "a state preparation called more than once is not controlled");
          if (op.inverted != (c % 2 == 1))
            refuse(inst.calls[c], "calls of the state '" + inst.callee +
                                      "' must alternate U, U^+, ..., U (amplification)");
        }
        if (inst.calls.size() % 2 == 0)
          refuse(inst.calls.back(), "the state '" + inst.callee + "' ends on its inverse");
        for (std::size_t c = 0; c + 1 < inst.calls.size(); ++c)
          checkWindow(inst, inst.calls[c], inst.calls[c + 1], c % 2 == 1);
        continue;
      }
      std::vector<int> controlQubits;
      for (std::size_t i : inst.calls)
        for (const Control &c : body.ops[i].controls)
          if (std::find(controlQubits.begin(), controlQubits.end(), c.qubit) == controlQubits.end())
            controlQubits.push_back(c.qubit);
      for (std::size_t i = inst.calls.front() + 1; i < inst.calls.back(); ++i)
        for (int q : controlQubits)
          if (targets(body.ops[i], q))
            refuse(i, "changes " + body.qubitName(q) + ", which controls calls of '" + inst.callee +
                          "', between them");
      for (std::size_t c = 0; c + 1 < inst.calls.size(); ++c)
        checkWindow(inst, inst.calls[c], inst.calls[c + 1], false);
      if (controlQubits.size() > 12)
        throw CompositionRefused(describe(inst.calls[0]) + ": calls of '" + inst.callee +
                                     "' under more than 12 control qubits",
                                 CompositionRefused::Reason::Limit);
      for (unsigned s = 0; s < (1u << controlQubits.size()); ++s) {
        int previous = -1;
        for (std::size_t i : inst.calls) {
          const Operation &op = body.ops[i];
          const bool fires =
              std::all_of(op.controls.begin(), op.controls.end(), [&](const Control &c) {
                const auto bit = std::find(controlQubits.begin(), controlQubits.end(), c.qubit) -
                                 controlQubits.begin();
                return (((s >> bit) & 1u) != 0) == c.positive;
              });
          if (!fires)
            continue;
          if (previous == int(op.inverted))
            refuse(i, "follows a call of '" + inst.callee + "' on the same qubits without " +
                          (op.inverted ? "the gate" : "its inverse") +
                          " between them (repeated calls must alternate U, U^+)");
          previous = int(op.inverted);
        }
      }
    }
  }

  /// Ancillas of the body that mark a reused state's garbage before its
  /// flags are taken over (state mode writes m ^= [flags != 0]): touched
  /// only between its call and the reuse, by its Pi-functions or by gates
  /// on m alone, and never again. A garbage branch with any marker off its
  /// projected state is projected away at the end, in the circuit and the
  /// reduced circuit alike.
  std::vector<int> markersOf(int k) const {
    const Instance &inst = instances[std::size_t(k)];
    std::vector<int> markers;
    for (int m = 0; m < n; ++m) {
      if (isData[m] || ancillaState[m] < 0 || !owners[m].empty())
        continue;
      bool marker = false, valid = true;
      for (std::size_t i = 0; i < body.ops.size() && valid; ++i) {
        const Operation &op = body.ops[i];
        if (!touches(op, m))
          continue;
        const bool alone = op.controls.empty() && op.targets.size() == 1;
        const bool pi = std::count(piOf[i].begin(), piOf[i].end(), k) > 0;
        valid = i > inst.calls[0] && i < inst.retiresAt && (alone || pi);
        marker = marker || pi;
      }
      if (marker && valid)
        markers.push_back(m);
    }
    return markers;
  }

  /// The norm of the garbage of reused state `inst` that no marker removes,
  /// just before the reuse, in the reduced circuit `red` (its first
  /// retiresAt ops); over the data columns, the root of the sum of squares.
  double unmarkedGarbage(const Instance &inst, const std::vector<int> &reduced, const Circuit &red,
                         const QubitPartition &rp) const {
    using u64 = std::uint64_t;
    u64 mask = u64(1) << inst.dilation, pattern = mask;
    for (int m : inst.markers) {
      mask |= u64(1) << reduced[m];
      if (ancillaState[m])
        pattern |= u64(1) << reduced[m];
    }
    const u64 ancillaBits = ancillaPattern(rp);
    const u64 columns = stateBody ? 1 : u64(1) << rp.data.size();
    double total = 0;
    StateVector sv(red.numQubits);
    for (u64 j = 0; j < columns; ++j) {
      sv.setBasisState(globalIndex(j, rp, ancillaBits));
      for (std::size_t i = 0; i < inst.retiresAt; ++i)
        sv.apply(red.ops[i]);
      const Eigen::VectorXcd &amps = sv.amplitudes();
      for (Eigen::Index x = 0; x < amps.size(); ++x)
        if ((u64(x) & mask) == pattern)
          total += std::norm(amps(x));
    }
    return std::sqrt(total);
  }

  /// One reduced qubit per instance for its dilation, except that
  /// instances exclusive with each other pairwise (an LCU's branches, each
  /// called once under its own select value) share one: for any select
  /// value at most one of them acts, so each finds the qubit in |0>, as
  /// it finds their shared ancillas.
  void assignDilations(int &width) {
    std::vector<std::vector<int>> groups;
    for (int k = 0; k < int(instances.size()); ++k) {
      auto fits = [&](const std::vector<int> &g) {
        return instances[k].shared && std::all_of(g.begin(), g.end(), [&](int j) {
                 return exclusive.count({j, k}) > 0;
               });
      };
      auto g = std::find_if(groups.begin(), groups.end(), fits);
      if (g == groups.end()) {
        groups.push_back({k});
        instances[k].dilation = width++;
      } else {
        instances[k].dilation = instances[g->front()].dilation;
        g->push_back(k);
      }
    }
  }

  ComposedBlock simulate(const CompositionLimits &limits) {
    std::vector<int> reduced(n, -1);
    int width = 0;
    for (int q = 0; q < n; ++q)
      if (owners[q].empty())
        reduced[q] = width++;
    assignDilations(width);
    if (width > limits.maxReducedQubits)
      throw CompositionRefused("the composed circuit needs " + std::to_string(width) +
                                   " qubits (at most " + std::to_string(limits.maxReducedQubits) +
                                   ")",
                               CompositionRefused::Reason::Limit);
    const double work =
        double(body.ops.size()) * std::ldexp(1.0, width + int(partition.data.size()));
    if (work > limits.maxWork)
      throw CompositionRefused("the composed circuit (" + std::to_string(width) + " qubits, " +
                                   std::to_string(body.ops.size()) + " gates, " +
                                   std::to_string(partition.data.size()) +
                                   " data qubits) is too costly to simulate",
                               CompositionRefused::Reason::Limit);
    for (const Instance &inst : instances)
      if (int(inst.data.size()) > limits.maxDilatedDataQubits)
        throw CompositionRefused("'" + inst.callee + "' has " + std::to_string(inst.data.size()) +
                                     " data qubits (a dilation takes at most " +
                                     std::to_string(limits.maxDilatedDataQubits) + ")",
                                 CompositionRefused::Reason::Limit);
    ComposedBlock result;
    // A reused state's garbage is marked (its dilation is of v, and what
    // the markers miss is measured below) or charged eta (its dilation is
    // of the clean v / |v|; Composition.h).
    for (std::size_t k = 0; k < instances.size(); ++k)
      if (instances[k].retiresAt != kNever)
        instances[k].markers = markersOf(int(k));
    std::map<std::pair<const VerifiedPart *, bool>, Eigen::MatrixXcd> dilations;
    auto dilationOf = [&](const Instance &inst) -> const Eigen::MatrixXcd & {
      const bool clean = inst.retiresAt != kNever && inst.markers.empty();
      auto [it, fresh] = dilations.try_emplace({inst.part, clean});
      if (!fresh)
        return it->second;
      if (!inst.state()) {
        it->second = canonicalDilation(inst.part->matrix);
        return it->second;
      }
      Eigen::VectorXcd v = inst.part->matrix.col(0);
      if (clean && v.norm() > 0)
        v /= v.norm();
      Eigen::MatrixXcd b = Eigen::MatrixXcd::Zero(v.size(), v.size());
      b.col(0) = v;
      it->second = canonicalDilation(b);
      return it->second;
    };
    for (const Instance &inst : instances)
      if (inst.retiresAt != kNever && inst.markers.empty()) {
        // 1 - |v| = g^2 / (1 + |v|) with |v|^2 = 1 - g^2: no cancellation.
        const double g = inst.part->garbage, v = std::sqrt(std::max(0.0, 1 - g * g));
        const double eta = std::hypot(g, g * g / (1 + v));
        if (eta > kMaxReuseEta)
          throw CompositionRefused(
              describe(inst.retiresAt) + ": reuses the flags of '" + inst.callee +
                  "' while they hold garbage of norm " + std::to_string(g) +
                  " that no ancilla marks: charging it would make the bound useless",
              CompositionRefused::Reason::Limit);
        result.reuseError += eta;
      }
    Circuit red;
    red.numQubits = width;
    red.registers.push_back({"r", 0, width});
    auto map = [&](int q) {
      if (reduced[q] < 0)
        throw CompositionRefused("internal: " + body.qubitName(q) + " has no reduced qubit");
      return reduced[q];
    };
    for (std::size_t i = 0; i < body.ops.size(); ++i) {
      const Operation &op = body.ops[i];
      Operation r;
      r.name = op.name;
      std::set<int> piAncillas;
      for (int k : piOf[i]) {
        piAncillas.insert(instances[k].ancillas.begin(), instances[k].ancillas.end());
        r.controls.push_back({instances[k].dilation, false});
      }
      for (const Control &c : op.controls)
        if (!piAncillas.count(c.qubit))
          r.controls.push_back({map(c.qubit), c.positive});
      if (opInstance[i] >= 0) {
        const Instance &inst = instances[opInstance[i]];
        for (int q : inst.data)
          r.targets.push_back(map(q));
        r.targets.push_back(inst.dilation);
        const Eigen::MatrixXcd &w = dilationOf(inst);
        r.matrix = op.inverted ? Eigen::MatrixXcd(w.adjoint()) : w;
      } else if (opPart[i]) {
        for (int q : op.targets)
          r.targets.push_back(map(q));
        r.matrix = op.inverted ? Eigen::MatrixXcd(opPart[i]->matrix.adjoint()) : opPart[i]->matrix;
      } else {
        // Targets among the ancillas it is a Pi-function of: its part where
        // they are |0> (a phase there), on the other targets.
        std::vector<int> kept;
        r.matrix = restrictToZero(op.matrix, op.targets, piAncillas, kept);
        for (int q : kept)
          r.targets.push_back(map(q));
        if (r.targets.empty() && !op.targets.empty()) { // a phase on |0>: on a dilation's |0>
          const Control c = r.controls.front();
          r.controls.erase(r.controls.begin());
          r.targets.push_back(c.qubit);
          const Complex phase = r.matrix(0, 0);
          r.matrix = Eigen::MatrixXcd::Identity(2, 2);
          r.matrix(c.positive ? 1 : 0, c.positive ? 1 : 0) = phase;
        }
      }
      red.ops.push_back(std::move(r));
    }
    QubitPartition rp;
    for (int q : partition.data)
      rp.data.push_back(map(q));
    for (const ProjectedQubit &a : partition.ancillas)
      if (owners[a.qubit].empty())
        rp.ancillas.push_back({map(a.qubit), a.state});
    std::set<int> dilationQubits; // shared by exclusive instances (assignDilations)
    for (const Instance &inst : instances)
      if (dilationQubits.insert(inst.dilation).second)
        rp.ancillas.push_back({inst.dilation, 0});
    for (const Instance &inst : instances)
      if (!inst.markers.empty())
        result.reuseError += unmarkedGarbage(inst, reduced, red, rp);
    if (stateBody) {
      OutputState out = extractState(red, rp);
      result.block = std::move(out.data);
      result.garbage = out.garbageNorm;
    } else {
      result.block = extractBlock(red, rp);
    }
    result.reducedQubits = width;
    result.instances = int(instances.size());
    return result;
  }
};

} // namespace

ComposedBlock composeBlock(const Circuit &body, const QubitPartition &partition,
                           const std::function<const VerifiedPart *(const std::string &)> &part,
                           const CompositionLimits &limits, bool stateBody) {
  const Circuit canonical = withoutXConjugations(withHelpersInlined(body, part));
  return Composer(canonical, partition, part, stateBody).run(limits);
}

} // namespace qsvtc::runtime
