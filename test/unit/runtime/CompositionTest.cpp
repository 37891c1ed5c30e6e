//===- CompositionTest.cpp - Composed blocks against whole simulation -----===//
//
// Random nests of the constructions the backend emits (products, LCUs on
// shared ancillas, QSVT-style alternating sequences with projector
// rotations, Hadamard-style copies), each definition a random circuit:
// the compositional verifier, forced to compose every definition
// (simulateUpTo 0), must reproduce the block that simulating the whole
// flattened circuit gives (and the gate counts the flattened circuit has),
// and must refuse bodies outside its rule.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/runtime/Composition.h"
#include "qsvtc/runtime/CircuitStats.h"
#include "qsvtc/runtime/Compositional.h"
#include "qsvtc/runtime/Diagnostic.h"
#include "qsvtc/runtime/Elaborator.h"
#include "qsvtc/runtime/Parser.h"

#include <gtest/gtest.h>

#include <random>

using namespace qsvtc::runtime;
using Json = nlohmann::ordered_json;

namespace {

/// `gates`, then registers q (one data qubit) and anc, and one call of `top`.
std::string programText(const std::string &gates, const std::string &top, int arity) {
  std::string text = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + gates + "qubit q;\nqubit[" +
                     std::to_string(arity - 1) + "] anc;\n" + top + " q";
  for (int i = 0; i < arity - 1; ++i)
    text += ", anc[" + std::to_string(i) + "]";
  return text + ";\n";
}

/// A manifest on q and anc with the given reference, bound, claims and
/// (optionally) gate counts: a block's, or with `kind` "state" the
/// prepared vector's.
Manifest manifestFor(const Json &reference, double bound, const Json &claims,
                     const Json &circuit = nullptr, const char *kind = "block") {
  Json m = {{"format", "qsvtc-manifest"},
            {"version", 1},
            {"kind", kind},
            {"data", {{{"register", "q"}}}},
            {"ancillas", {{{"register", "anc"}, {"state", 0}}}},
            {"alpha", 1},
            {"reference", reference},
            {"error_bound", bound},
            {"definitions", claims}};
  if (!circuit.is_null())
    m["circuit"] = circuit;
  return parseManifest(m.dump(), "test.json");
}

Manifest stateManifestFor(const Json &reference, double bound, const Json &claims,
                          const Json &circuit = nullptr) {
  return manifestFor(reference, bound, claims, circuit, "state");
}

/// The expanded circuit's gate counts (runtime/CircuitStats.h), with a
/// depth bound the composed check ignores: what a composed top level's
/// counts summed over definitions must equal.
Json countsOf(const Circuit &flat) {
  const CircuitStats stats = circuitStats(flat);
  Json gates = Json::object();
  for (const auto &[name, n] : stats.gates)
    gates[name] = n;
  return {{"gates", gates}, {"depth", stats.depth}, {"depth_exact", false}};
}

struct Def {
  std::string name;
  int data = 1, arity = 0;
  std::vector<std::string> children;
};

/// Builds a program of random definitions and records their claims.
class Builder {
public:
  explicit Builder(unsigned seed) : rng(seed) {}

  /// A random circuit on 1 data qubit + `ancillas`.
  Def leaf(int ancillas) {
    Def d{fresh("leaf"), 1, 1 + ancillas, {}};
    std::string body;
    std::uniform_int_distribution<int> q(0, d.arity - 1);
    for (int k = 0; k < 4 * d.arity; ++k) {
      const int a = q(rng), b = q(rng);
      if (k % 3 == 2 && a != b)
        body += "  cx a" + std::to_string(a) + ", a" + std::to_string(b) + ";\n";
      else
        body += "  " + std::string(k % 2 ? "ry" : "rz") + "(" + std::to_string(angle()) + ") a" +
                std::to_string(a) + ";\n";
    }
    return define(d, body);
  }

  /// U V on the data, their ancillas side by side.
  Def product(const Def &u, const Def &v) {
    Def d{fresh("prod"), 1, 1 + (u.arity - 1) + (v.arity - 1), {u.name, v.name}};
    return define(d, "  " + u.name + " " + args(0, 1, u.arity - 1) + ";\n  " + v.name + " " +
                         args(0, u.arity, v.arity - 1) + ";\n");
  }

  /// ry(t) on an index qubit, U and V on shared ancillas selected by it.
  Def lcu(const Def &u, const Def &v) {
    const int shared = std::max(u.arity, v.arity) - 1;
    Def d{fresh("lcu"), 1, 2 + shared, {u.name, v.name}};
    const std::string t = std::to_string(angle());
    return define(d, "  ry(" + t + ") a1;\n  ctrl @ " + u.name + " a1, " + args(0, 2, u.arity - 1) +
                         ";\n  negctrl @ " + v.name + " a1, " + args(0, 2, v.arity - 1) +
                         ";\n  ry(-" + t + ") a1;\n");
  }

  /// Four branches on shared ancillas selected by two index qubits (an
  /// LCU of Hadamard powers' shape), with a sign on one select value
  /// between two calls, written x-conjugated as the emitter does.
  Def lcu4(const std::vector<Def> &branches) {
    int shared = 0;
    for (const Def &u : branches)
      shared = std::max(shared, u.arity - 1);
    Def d{fresh("lcu4"), 1, 3 + shared, {}};
    const std::string t1 = std::to_string(angle()), t2 = std::to_string(angle());
    std::string body = "  ry(" + t1 + ") a1;\n  ry(" + t2 + ") a2;\n";
    const char *select[4] = {"negctrl(2) @ ", "ctrl @ negctrl @ ", "negctrl @ ctrl @ ",
                             "ctrl(2) @ "};
    for (int k = 0; k < 4; ++k) {
      const Def &u = branches[k];
      d.children.push_back(u.name);
      body +=
          std::string("  ") + select[k] + u.name + " a1, a2, " + args(0, 3, u.arity - 1) + ";\n";
      if (k == 1)
        body +=
            "  x a2;\n  ctrl @ z a1, a2;\n  x a2;\n"; // on a2: (0, 2) and (1, 3) differ there only
    }
    return define(d, body + "  ry(-" + t2 + ") a2;\n  ry(-" + t1 + ") a1;\n");
  }

  /// An alternating U, U^+ sequence with rotations on a signal qubit
  /// controlled on U's ancillas being |0>, and a real-part qubit.
  Def qsvt(const Def &u, int degree) {
    const int a = u.arity - 1, signal = u.arity, real = u.arity + 1;
    Def d{fresh("seq"), 1, u.arity + 2, {u.name}};
    std::string mark = "  negctrl(" + std::to_string(a) + ") @ x " + args(-1, 1, a) + ", a" +
                       std::to_string(signal) + ";\n";
    auto rotation = [&] {
      return mark + "  cx a" + std::to_string(real) + ", a" + std::to_string(signal) + ";\n  rz(" +
             std::to_string(angle()) + ") a" + std::to_string(signal) + ";\n  cx a" +
             std::to_string(real) + ", a" + std::to_string(signal) + ";\n" + mark;
    };
    std::string body = "  h a" + std::to_string(real) + ";\n" + rotation();
    for (int k = 1; k <= degree; ++k)
      body += std::string("  ") + (k % 2 ? "" : "inv @ ") + u.name + " " + args(0, 1, a) + ";\n" +
              rotation();
    return define(d, body + "  h a" + std::to_string(real) + ";\n");
  }

  /// U on the data, V on a second copy (an ancilla of the result), the
  /// copy uncomputed by cx: the diagonal of U (x) V's block (a Hadamard
  /// product).
  Def hadamard(const Def &u, const Def &v) {
    const int copy = 1;
    Def d{fresh("had"), 1, 2 + (u.arity - 1) + (v.arity - 1), {u.name, v.name}};
    return define(d, "  " + u.name + " " + args(0, 2, u.arity - 1) + ";\n  " + v.name + " " +
                         args(copy, 2 + u.arity - 1, v.arity - 1) + ";\n  cx a0, a1;\n");
  }

  /// A random state preparation on 1 data qubit + `flags` (claims its
  /// state only). `clean`: its flags return to |0> exactly.
  Def stateLeaf(int flags, bool clean = false) {
    Def d;
    if (!clean) {
      d = leaf(flags);
    } else { // a data rotation, flags copied and uncopied
      d = {fresh("clean"), 1, 1 + flags, {}};
      std::string body = "  ry(" + std::to_string(angle()) + ") a0;\n";
      for (int f = 1; f <= flags; ++f)
        body += "  cx a0, a" + std::to_string(f) + ";\n  rz(" + std::to_string(angle()) + ") a" +
                std::to_string(f) + ";\n  cx a0, a" + std::to_string(f) + ";\n";
      d = define(d, body + "  rz(" + std::to_string(angle()) + ") a0;\n");
    }
    claims[d.name]["state"] = true;
    return d;
  }

  /// Amplitude amplification's shape with random phases: U, then `rounds`
  /// of (phase on the flags' |0>, and on |0>|0> conjugated by H on the
  /// data, U^+, phase on the all-|0> state, U), phases written x-conjugated.
  Def amplify(const Def &u, int rounds) {
    const int f = u.arity - 1;
    Def d{fresh("amp"), 1, u.arity, {u.name}};
    auto zeroPhase = [&](int from) { // phase on a<from>..a<f> all |0>
      const std::string last = "a" + std::to_string(f);
      const int n = f - from;
      return "  x " + last + ";\n  " + (n ? "negctrl(" + std::to_string(n) + ") @ " : "") + "p(" +
             std::to_string(angle()) + ") " + (n ? args(-1, from, n) + ", " : "") + last +
             ";\n  x " + last + ";\n";
    };
    const std::string call = "  " + u.name + " " + args(0, 1, f) + ";\n";
    std::string body = call;
    for (int r = 0; r < rounds; ++r)
      body += zeroPhase(1) + "  h a0;\n" + zeroPhase(0) + "  h a0;\n  inv @ " + call.substr(2) +
              zeroPhase(0) + call;
    d = define(d, body);
    claims[d.name]["state"] = true;
    return d;
  }

  /// A QSVT projected from the all-|0> state to the flags' |0> (a
  /// fixed-point amplification's shape), random phases, odd `degree`.
  Def projected(const Def &u, int degree) {
    const int f = u.arity - 1, signal = u.arity;
    Def d{fresh("proj"), 1, u.arity + 1, {u.name}};
    const std::string s = "a" + std::to_string(signal);
    const std::string in = "  negctrl(" + std::to_string(f + 1) + ") @ x " + args(0, 1, f) + ", " +
                           s + ";\n",
                      out = "  negctrl(" + std::to_string(f) + ") @ x " + args(-1, 1, f) + ", " +
                            s + ";\n";
    auto rotation = [&](const std::string &mark) {
      return mark + "  rz(" + std::to_string(angle()) + ") " + s + ";\n" + mark;
    };
    std::string body = "  h " + s + ";\n" + rotation(in);
    for (int k = 1; k <= degree; ++k)
      body += std::string("  ") + (k % 2 ? "" : "inv @ ") + u.name + " " + args(0, 1, f) + ";\n" +
              rotation(k % 2 ? out : in);
    d = define(d, body + "  h " + s + ";\n");
    claims[d.name]["state"] = true;
    return d;
  }

  /// State `u`, then block `v` on the data with ancillas that start on
  /// u's flags (state mode's reused flags), u's flags and v's own after.
  Def reuse(const Def &u, const Def &v) {
    const int f = u.arity - 1, g = v.arity - 1;
    Def d{fresh("reuse"), 1, 1 + std::max(f, g), {u.name, v.name}};
    d = define(d, "  " + u.name + " " + args(0, 1, f) + ";\n  " + v.name + " " + args(0, 1, g) +
                      ";\n");
    claims[d.name]["state"] = true;
    return d;
  }

  /// As reuse, with u's garbage first marked on an extra ancilla m
  /// (m ^= [flags != 0]; m is projected at the end and not touched again):
  /// exact whatever the garbage, as state mode writes it after fixed-point
  /// amplification.
  Def reuseMarked(const Def &u, const Def &v) {
    const int f = u.arity - 1, g = v.arity - 1, m = 1 + std::max(f, g);
    Def d{fresh("marked"), 1, m + 1, {u.name, v.name}};
    const std::string mark = "a" + std::to_string(m);
    d = define(d, "  " + u.name + " " + args(0, 1, f) + ";\n  x " + mark + ";\n  negctrl(" +
                      std::to_string(f) + ") @ x " + args(-1, 1, f) + ", " + mark + ";\n  " +
                      v.name + " " + args(0, 1, g) + ";\n");
    claims[d.name]["state"] = true;
    return d;
  }

  /// State `u` on the data, then state `w` prepared on a fresh ancilla as
  /// its data with u's flags as its flags (a diagonal encoding's copy).
  Def reuseInto(const Def &u, const Def &w) {
    const int f = u.arity - 1, g = w.arity - 1, copy = 1 + std::max(f, g);
    Def d{fresh("into"), 1, copy + 1, {u.name, w.name}};
    d = define(d, "  " + u.name + " " + args(0, 1, f) + ";\n  " + w.name + " " + args(copy, 1, g) +
                      ";\n");
    claims[d.name]["state"] = true;
    return d;
  }

  /// The program calling state `top` on q and anc, with a state manifest
  /// whose reference is the whole circuit's simulated state.
  std::pair<Program, Manifest> finishState(const Def &top, double perturb) {
    const std::string text = programText(gates, top.name, top.arity);
    QubitPartition p;
    p.data = {0};
    for (int i = 1; i < top.arity; ++i)
      p.ancillas.push_back({i, 0});
    const Circuit flat = readQasm(text, "random.qasm");
    Eigen::VectorXcd v = extractState(flat, p).data;
    v(0) += perturb;
    Json ref = Json::array();
    for (int r = 0; r < 2; ++r)
      ref.push_back({v(r).real(), v(r).imag()});
    return {parseQasm(SourceFile{"random.qasm", text}),
            stateManifestFor(ref, 1e-10, claims, countsOf(flat))};
  }

  /// The program calling `top` on q (data) and anc, with its manifest: the
  /// reference is the whole circuit's simulated block (an independent
  /// computation), `perturb` added to entry (0, 0).
  std::pair<Program, Manifest> finish(const Def &top, double perturb) {
    const std::string text = programText(gates, top.name, top.arity);
    const Circuit flat = readQasm(text, "random.qasm");
    QubitPartition p;
    p.data = {0};
    for (int i = 1; i < top.arity; ++i)
      p.ancillas.push_back({i, 0});
    Eigen::MatrixXcd block = extractBlock(flat, p);
    const Json counts = countsOf(flat);
    block(0, 0) += perturb;
    Json ref = Json::array();
    for (int r = 0; r < 2; ++r)
      ref.push_back(
          {{block(r, 0).real(), block(r, 0).imag()}, {block(r, 1).real(), block(r, 1).imag()}});
    return {parseQasm(SourceFile{"random.qasm", text}), manifestFor(ref, 1e-10, claims, counts)};
  }

  std::mt19937 rng;

private:
  std::string gates;
  Json claims = Json::object();
  int count = 0;

  std::string fresh(const std::string &prefix) { return prefix + std::to_string(count++); }
  double angle() { return std::uniform_real_distribution<double>(-3, 3)(rng); }

  /// "a<data>, a<first>, ..., a<first + n - 1>" (data < 0: omitted).
  static std::string args(int data, int first, int n) {
    std::string s = data >= 0 ? "a" + std::to_string(data) : "";
    for (int i = 0; i < n; ++i)
      s += (s.empty() ? "a" : ", a") + std::to_string(first + i);
    return s;
  }

  Def define(Def d, const std::string &body) {
    gates += "gate " + d.name + " " + args(0, 1, d.arity - 1) + " {\n" + body + "}\n";
    std::sort(d.children.begin(), d.children.end());
    d.children.erase(std::unique(d.children.begin(), d.children.end()), d.children.end());
    claims[d.name] = {{"construction", "test"}, {"data", d.data}, {"children", d.children}};
    return d;
  }
};

/// A random nest: two levels of constructions over leaves.
Def randomNest(Builder &b) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(b.rng); };
  auto level1 = [&]() {
    const Def u = b.leaf(1 + pick(2)), v = b.leaf(1 + pick(2));
    switch (pick(5)) {
    case 0:
      return b.product(u, v);
    case 1:
      return b.lcu(u, v);
    case 4:
      return b.lcu4({u, v, b.leaf(1 + pick(2)), b.leaf(1)});
    case 2:
      return b.qsvt(u, 1 + pick(5));
    default:
      return b.hadamard(u, v);
    }
  };
  const Def x = level1();
  switch (pick(3)) {
  case 0:
    return b.qsvt(x, 1 + pick(4));
  case 1:
    return b.product(x, b.leaf(1));
  default:
    return b.lcu(x, b.leaf(2));
  }
}

CompositionalOptions composeAll() {
  CompositionalOptions o;
  o.simulateUpTo = 0;
  return o;
}

} // namespace

TEST(Composition, DilationIsUnitaryWithTheBlock) {
  std::mt19937 rng(5);
  std::normal_distribution<double> g;
  for (int m : {1, 2, 4}) {
    Eigen::MatrixXcd b(m, m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j)
        b(i, j) = {g(rng), g(rng)};
    b /= 1.01 * Eigen::JacobiSVD<Eigen::MatrixXcd>(b).singularValues()(0); // ||b|| < 1
    const Eigen::MatrixXcd w = canonicalDilation(b);
    EXPECT_LT((w * w.adjoint() - Eigen::MatrixXcd::Identity(2 * m, 2 * m)).norm(), 1e-12);
    EXPECT_LT((w.topLeftCorner(m, m) - b).norm(), 1e-15);
  }
  EXPECT_THROW(canonicalDilation(Eigen::MatrixXcd::Identity(2, 2) * 1.1), CompositionRefused);
}

TEST(Composition, RandomNestsAgreeWithWholeSimulation) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    Builder b(seed);
    const Def top = randomNest(b);
    const auto [program, manifest] = b.finish(top, 0);
    const CompositionalReport r = verifyCompositional(program, manifest, composeAll());
    EXPECT_TRUE(r.pass) << "seed " << seed << ": " << r.summary();
    EXPECT_EQ(r.topHow, DefinitionVerdict::How::Composed);
    EXPECT_LT(r.top.error, 1e-10) << "seed " << seed;
    // The same reference moved by 1e-6 must fail: the check can fail.
    Builder again(seed);
    const Def same = randomNest(again);
    const auto [p2, wrong] = again.finish(same, 1e-6);
    EXPECT_FALSE(verifyCompositional(p2, wrong, composeAll()).pass) << "seed " << seed;
  }
}

namespace {

/// The DiagnosticError of verifying `gates` + a top-level call of `top`
/// (arity `arity`, one data qubit), all definitions claimed with `claims`.
std::string refusal(const std::string &gates, const std::string &top, int arity, const Json &claims,
                    bool state = false) {
  try {
    verifyCompositional(parseQasm(SourceFile{"bad.qasm", programText(gates, top, arity)}),
                        state ? stateManifestFor({0, 0}, 1, claims)
                              : manifestFor({{0, 0}, {0, 0}}, 1, claims),
                        composeAll());
  } catch (const DiagnosticError &e) {
    return e.what();
  }
  return "(accepted)";
}

const char *kLeaf = "gate u a0, a1 {\n  ry(0.3) a0;\n  cx a0, a1;\n  ry(0.7) a1;\n}\n"
                    "gate v a0, a1 {\n  rz(0.5) a1;\n  cx a1, a0;\n  ry(0.2) a0;\n}\n";

Json claimsWith(const std::string &top, std::vector<std::string> children) {
  return {{"u", {{"construction", "t"}, {"data", 1}, {"children", Json::array()}}},
          {"v", {{"construction", "t"}, {"data", 1}, {"children", Json::array()}}},
          {top, {{"construction", "t"}, {"data", 1}, {"children", children}}}};
}

} // namespace

TEST(Composition, RefusesBodiesOutsideTheRule) {
  const std::string g = kLeaf;
  auto has = [](const std::string &e, const std::string &part) {
    EXPECT_NE(e.find(part), std::string::npos) << e;
  };
  // U twice without U^+ between: <0|U U|0> is not a function of <0|U|0>.
  has(refusal(g + "gate top a0, a1 {\n  u a0, a1;\n  u a0, a1;\n}\n", "top", 2,
              claimsWith("top", {"u"})),
      "repeated calls must alternate");
  // A gate on U's ancilla that is not controlled on it being |0>.
  has(refusal(g + "gate top a0, a1 {\n  u a0, a1;\n  x a1;\n}\n", "top", 2,
              claimsWith("top", {"u"})),
      "touches the ancillas of 'u'");
  // U and V on one ancilla with controls that do not exclude each other.
  has(refusal(g + "gate top a0, a1, a2 {\n  ctrl @ u a1, a0, a2;\n  ctrl @ v a1, a0, a2;\n}\n",
              "top", 3, claimsWith("top", {"u", "v"})),
      "do not exclude each other");
  // ... or whose control changes between them.
  has(refusal(g + "gate top a0, a1, a2 {\n  ctrl @ u a1, a0, a2;\n  x a1;\n  negctrl @ v a1, a0, "
                  "a2;\n}\n",
              "top", 3, claimsWith("top", {"u", "v"})),
      "do not exclude each other");
  // The data of a repeated call touched between its calls.
  has(refusal(g + "gate top a0, a1 {\n  u a0, a1;\n  h a0;\n  inv @ u a0, a1;\n}\n", "top", 2,
              claimsWith("top", {"u"})),
      "do not cancel");
  // A call's ancilla that is the body's data qubit.
  has(refusal(g + "gate top a0, a1 {\n  u a1, a0;\n}\n", "top", 2, claimsWith("top", {"u"})),
      "is a data qubit of this body");
  // Children other than claimed, and a claim for a missing definition.
  has(refusal(g + "gate top a0, a1 {\n  u a0, a1;\n}\n", "top", 2, claimsWith("top", {"v"})),
      "not the claimed children");
  Json extra = claimsWith("top", {"u"});
  extra["w"] = {{"construction", "t"}, {"data", 1}};
  has(refusal(g + "gate top a0, a1 {\n  u a0, a1;\n}\n", "top", 2, extra),
      "definition 'w': claimed in the manifest, but the circuit defines no such gate");
  // The accepted forms of the same bodies, so that the refusals above are
  // the rule's and not the test's.
  EXPECT_EQ(refusal(g + "gate top a0, a1 {\n  u a0, a1;\n  inv @ u a0, a1;\n}\n", "top", 2,
                    claimsWith("top", {"u"})),
            "(accepted)");
  EXPECT_EQ(refusal(g + "gate top a0, a1, a2 {\n  ctrl @ u a1, a0, a2;\n  negctrl @ v a1, a0, "
                        "a2;\n}\n",
                    "top", 3, claimsWith("top", {"u", "v"})),
            "(accepted)");
}

namespace {

/// A random nest of state-mode constructions over random states: the
/// prepared state, an amplification or projected QSVT of it, a block
/// applied after it on its reused flags (clean, marked or, refused, dirty),
/// then an amplification or projected QSVT on top.
Def randomStateNest(Builder &b) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(b.rng); };
  Def x;
  switch (pick(5)) {
  case 4:
    x = b.reuseMarked(b.stateLeaf(1 + pick(2)), b.leaf(2 + pick(2))); // marked garbage
    break;
  case 0:
    x = b.amplify(b.stateLeaf(1 + pick(2)), 1 + pick(3));
    break;
  case 1:
    x = b.projected(b.stateLeaf(1 + pick(2)), 1 + 2 * pick(3));
    break;
  case 2:
    x = b.reuse(b.stateLeaf(2, /*clean=*/true), b.leaf(1 + pick(3)));
    break;
  default:
    x = b.reuse(b.amplify(b.stateLeaf(1), 1), b.leaf(2)); // dirty flags
    break;
  }
  return pick(2) ? b.amplify(x, 1 + pick(2)) : b.projected(x, 1 + 2 * pick(2));
}

} // namespace

TEST(Composition, StateNestsAgreeWithWholeSimulation) {
  int composed = 0, refused = 0;
  for (unsigned seed = 1; seed <= 80; ++seed) {
    Builder b(seed);
    const Def top = randomStateNest(b);
    const auto [program, manifest] = b.finishState(top, 0);
    const CompositionalReport r = verifyCompositional(program, manifest, composeAll());
    // Flags reused while they hold garbage (a random state's) are refused,
    // never passed with a wrong state.
    if (r.topHow == DefinitionVerdict::How::Refused) {
      ++refused;
      EXPECT_FALSE(r.pass);
      continue;
    }
    ++composed;
    EXPECT_TRUE(r.pass) << "seed " << seed << ": " << r.summary();
    EXPECT_LT(r.top.error, 1e-10) << "seed " << seed << ": " << r.summary();
    Builder again(seed);
    const Def same = randomStateNest(again);
    const auto [p2, wrong] = again.finishState(same, 1e-6);
    EXPECT_FALSE(verifyCompositional(p2, wrong, composeAll()).pass) << "seed " << seed;
  }
  // Marked garbage is composed exactly, however large (a random state's).
  for (unsigned seed = 1; seed <= 10; ++seed) {
    Builder b(1000 + seed);
    const Def top = b.amplify(b.reuseMarked(b.stateLeaf(2), b.leaf(3)), 1);
    const auto [program, manifest] = b.finishState(top, 0);
    const CompositionalReport r = verifyCompositional(program, manifest, composeAll());
    EXPECT_EQ(r.topHow, DefinitionVerdict::How::Composed) << "seed " << seed;
    EXPECT_TRUE(r.pass) << "seed " << seed << ": " << r.summary();
  }
  // A state that takes over a clean state's flags as its own.
  for (unsigned seed = 1; seed <= 5; ++seed) {
    Builder b(2000 + seed);
    const Def top = b.reuseInto(b.stateLeaf(2, /*clean=*/true), b.stateLeaf(2));
    const auto [program, manifest] = b.finishState(top, 0);
    const CompositionalReport r = verifyCompositional(program, manifest, composeAll());
    EXPECT_EQ(r.topHow, DefinitionVerdict::How::Composed) << "seed " << seed;
    EXPECT_TRUE(r.pass) << "seed " << seed << ": " << r.summary();
  }
  // Both outcomes occur: the nests exercise the rule, not only refusals.
  EXPECT_GT(composed, 45);
  EXPECT_GT(refused, 0);
}

TEST(Composition, RefusesStatesOutsideTheRule) {
  const std::string g =
      std::string(kLeaf) + "gate prep a0, a1 {\n  ry(0.4) a0;\n  cx a0, a1;\n  ry(0.9) a1;\n}\n";
  auto claims = [](const std::string &top, std::vector<std::string> children) {
    Json c = claimsWith(top, children);
    c["prep"] = {{"construction", "t"}, {"data", 1}, {"children", Json::array()}, {"state", true}};
    c[top]["state"] = true;
    return c;
  };
  auto has = [](const std::string &e, const std::string &part) {
    EXPECT_NE(e.find(part), std::string::npos) << e;
  };
  // A state prepared on a data qubit something changed before.
  has(refusal(g + "gate top a0, a1 {\n  h a0;\n  prep a0, a1;\n}\n", "top", 2,
              claims("top", {"prep"}), true),
      "which statement 1 (h a[0]) has changed");
  // Amplification that ends on U^+, or touches the data between U^+ and U.
  has(refusal(g + "gate top a0, a1 {\n  prep a0, a1;\n  inv @ prep a0, a1;\n}\n", "top", 2,
              claims("top", {"prep"}), true),
      "ends on its inverse");
  has(refusal(g + "gate top a0, a1 {\n  prep a0, a1;\n  inv @ prep a0, a1;\n  h a0;\n  prep a0, "
                  "a1;\n}\n",
              "top", 2, claims("top", {"prep"}), true),
      "between its inverse and its next call");
  // The accepted form: the reflection about s|0> is a phase on |0>|0>.
  EXPECT_EQ(refusal(g + "gate top a0, a1 {\n  prep a0, a1;\n  inv @ prep a0, a1;\n  x a1;\n  "
                        "negctrl @ p(0.3) a0, a1;\n  x a1;\n  prep a0, a1;\n}\n",
                    "top", 2, claims("top", {"prep"}), true),
            "(accepted)");
}
