//===- Composition.cpp - A block from its parts' verified blocks ----------===//
#include "qsvtc/runtime/Composition.h"

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

/// The calls of one definition on one list of qubits.
struct Instance {
  std::string callee;
  std::vector<int> data, ancillas;
  const VerifiedPart *part = nullptr;
  std::vector<std::size_t> calls; ///< op indices, in order
  bool shared = false;            ///< its ancillas are also another instance's
  int dilation = -1;              ///< its qubit in the reduced circuit
};

class Composer {
public:
  Composer(const Circuit &body, const QubitPartition &partition,
           const std::function<const VerifiedPart *(const std::string &)> &part)
      : body(body), partition(partition), part(part), n(body.numQubits),
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
    checkRepeatedCalls();
    return simulate(limits);
  }

private:
  const Circuit &body;
  const QubitPartition &partition;
  const std::function<const VerifiedPart *(const std::string &)> &part;
  const int n;
  std::vector<bool> isData;
  std::vector<int> ancillaState;            ///< -1: not an ancilla of the body
  std::vector<std::vector<int>> owners;     ///< instances whose ancillas include q
  std::vector<int> opInstance;              ///< op -> instance, -1: not a block call
  std::vector<const VerifiedPart *> opPart; ///< op -> applied whole (unitary)
  std::vector<std::vector<int>> piOf;       ///< op -> instances it is a Pi-function of
  std::vector<Instance> instances;

  [[noreturn]] void refuse(std::size_t op, const std::string &why) const {
    throw CompositionRefused(describe(op) + ": " + why);
  }

  std::string qubits(const std::vector<int> &qs) const {
    std::string s;
    for (int q : qs)
      s += (s.empty() ? "" : ", ") + body.qubitName(q);
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
      if (p->unitary || p->data == p->arity) {
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
        for (std::size_t b = a + 1; b < owners[q].size(); ++b) {
          const int k1 = owners[q][a], k2 = owners[q][b];
          instances[k1].shared = instances[k2].shared = true;
          if (checked.insert({k1, k2}).second)
            checkExclusive(instances[k1], instances[k2]);
        }
  }

  /// Two instances on shared ancillas: one call each, whose controls
  /// contradict on a qubit nothing changes between them.
  void checkExclusive(const Instance &x, const Instance &y) const {
    for (const Instance *i : {&x, &y})
      if (i->calls.size() != 1)
        refuse(i->calls[1],
               "'" + i->callee + "' is called again on ancillas it shares with another call");
    std::size_t first = std::min(x.calls[0], y.calls[0]), last = std::max(x.calls[0], y.calls[0]);
    for (const Control &c : body.ops[first].controls)
      for (const Control &d : body.ops[last].controls) {
        if (c.qubit != d.qubit || c.positive == d.positive)
          continue;
        bool unchanged = true;
        for (std::size_t k = first + 1; k < last && unchanged; ++k)
          unchanged = !targets(body.ops[k], c.qubit);
        if (unchanged)
          return;
      }
    refuse(last, "shares ancillas with " + describe(first) +
                     " and their controls do not exclude each other");
  }

  /// Rule (2): who else touches an instance's ancillas.
  void checkTouches() {
    std::vector<std::size_t> stamp(instances.size(), 0); // op index + 1 that saw it
    std::vector<int> near;
    std::vector<char> negative(n, 0), target(n, 0);
    for (std::size_t i = 0; i < body.ops.size(); ++i) {
      const Operation &op = body.ops[i];
      near.clear();
      auto note = [&](int q) {
        for (int k : owners[q])
          if (stamp[k] != i + 1) {
            stamp[k] = i + 1;
            near.push_back(k);
          }
      };
      for (int q : op.targets)
        note(q);
      for (const Control &c : op.controls)
        note(c.qubit);
      std::sort(near.begin(), near.end());
      for (int k : near) {
        const Instance &inst = instances[k];
        if (opInstance[i] == k)
          continue;
        if (opInstance[i] >= 0) { // another instance's call: only on shared ancillas
          const Instance &other = instances[opInstance[i]];
          for (int q : inst.ancillas)
            if (touches(op, q) &&
                std::find(other.ancillas.begin(), other.ancillas.end(), q) == other.ancillas.end())
              refuse(i, "acts on " + body.qubitName(q) + ", an ancilla of '" + inst.callee + "'");
          continue;
        }
        for (const Control &c : op.controls)
          negative[c.qubit] = !c.positive;
        for (int q : op.targets)
          target[q] = 1;
        const bool pi = isPiFunction(op, inst, negative, target);
        for (const Control &c : op.controls)
          negative[c.qubit] = 0;
        for (int q : op.targets)
          target[q] = 0;
        if (!pi)
          refuse(i, "touches the ancillas of '" + inst.callee +
                        "' other than by a gate controlled on all of them being |0>");
        if (inst.shared)
          refuse(i, "is controlled on ancillas that several calls share");
        piOf[i].push_back(k);
      }
    }
  }

  /// A gate controlled on every ancilla of `inst` being |0> that acts on
  /// neither its ancillas nor its data: Pi (x) X + (1 - Pi) (x) I.
  /// `negative[q]`, `target[q]`: op's negative controls and targets.
  static bool isPiFunction(const Operation &op, const Instance &inst,
                           const std::vector<char> &negative, const std::vector<char> &target) {
    for (int q : inst.ancillas)
      if (!negative[q] || target[q])
        return false;
    for (int q : inst.data)
      if (touches(op, q))
        return false;
    return true;
  }

  /// Rule (3): an instance called several times.
  void checkRepeatedCalls() const {
    for (const Instance &inst : instances) {
      if (inst.calls.size() < 2)
        continue;
      std::vector<int> controlQubits;
      for (std::size_t i : inst.calls)
        for (const Control &c : body.ops[i].controls)
          if (std::find(controlQubits.begin(), controlQubits.end(), c.qubit) == controlQubits.end())
            controlQubits.push_back(c.qubit);
      for (std::size_t i = inst.calls.front() + 1; i < inst.calls.back(); ++i) {
        if (opInstance[i] >= 0 && &instances[opInstance[i]] == &inst)
          continue;
        for (int q : inst.data)
          if (touches(body.ops[i], q))
            refuse(i, "acts on " + body.qubitName(q) + ", a data qubit of '" + inst.callee +
                          "', between two of its calls");
        for (int q : controlQubits)
          if (targets(body.ops[i], q))
            refuse(i, "changes " + body.qubitName(q) + ", which controls calls of '" + inst.callee +
                          "', between them");
      }
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

  ComposedBlock simulate(const CompositionLimits &limits) {
    std::vector<int> reduced(n, -1);
    int width = 0;
    for (int q = 0; q < n; ++q)
      if (owners[q].empty())
        reduced[q] = width++;
    for (Instance &inst : instances)
      inst.dilation = width++;
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
    std::map<const VerifiedPart *, Eigen::MatrixXcd> dilations;
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
        auto [it, fresh] = dilations.try_emplace(inst.part);
        if (fresh)
          it->second = canonicalDilation(inst.part->matrix);
        r.matrix = op.inverted ? Eigen::MatrixXcd(it->second.adjoint()) : it->second;
      } else {
        for (int q : op.targets)
          r.targets.push_back(map(q));
        if (opPart[i])
          r.matrix =
              op.inverted ? Eigen::MatrixXcd(opPart[i]->matrix.adjoint()) : opPart[i]->matrix;
        else
          r.matrix = op.matrix;
      }
      red.ops.push_back(std::move(r));
    }
    QubitPartition rp;
    for (int q : partition.data)
      rp.data.push_back(map(q));
    for (const ProjectedQubit &a : partition.ancillas)
      if (owners[a.qubit].empty())
        rp.ancillas.push_back({map(a.qubit), a.state});
    for (const Instance &inst : instances)
      rp.ancillas.push_back({inst.dilation, 0});
    return {extractBlock(red, rp), width, int(instances.size())};
  }
};

} // namespace

ComposedBlock composeBlock(const Circuit &body, const QubitPartition &partition,
                           const std::function<const VerifiedPart *(const std::string &)> &part,
                           const CompositionLimits &limits) {
  return Composer(body, partition, part).run(limits);
}

} // namespace qsvtc::runtime
