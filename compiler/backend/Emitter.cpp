//===- Emitter.cpp - Lowered IR to an OpenQASM 3 program ------------------===//
#include "qsvtc/backend/Emitter.h"

#include "qsvtc/backend/BlockEncodings.h"
#include "qsvtc/backend/Constructions.h"
#include "qsvtc/backend/Permutation.h"
#include "qsvtc/backend/QsvtSequence.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ir/Type.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/support/Error.h"

#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace qsvtc::backend {

namespace {

/// A QASM identifier from an IR value name ("block.0.x" -> "block_0_x").
std::string identifier(const std::string &hint, std::size_t index) {
  std::string id;
  for (char c : hint)
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])))
    id = "v" + std::to_string(index) + (id.empty() ? "" : "_" + id);
  return "be_" + id;
}

class Emitter {
public:
  explicit Emitter(bool allowOpaque) : allowOpaque(allowOpaque) {}

  std::vector<EmittedCircuit> run(const ir::Module &module) {
    std::vector<const ir::Operation *> outputs;
    for (const auto &op : module.operations) {
      if (op->getName() == "qsvt.output")
        outputs.push_back(op.get());
      else if (op->hasResult())
        emit(*op);
    }
    if (outputs.empty())
      throw Error("error: the module has no qsvt.output: lower it first (--emit=qasm runs "
                  "the whole pipeline on a model spec)");
    std::vector<EmittedCircuit> circuits;
    for (std::size_t k = 0; k < outputs.size(); ++k)
      circuits.push_back(circuitFor(*outputs[k], k));
    return circuits;
  }

private:
  /// Output k's circuit: the definitions its gate needs (in order), its
  /// registers and one call. Unnamed outputs are "output", "output2", ...
  EmittedCircuit circuitFor(const ir::Operation &output, std::size_t k) const {
    const ir::Value *v = output.operands[0];
    const Encoded &e = gates.at(v);
    EmittedCircuit c;
    c.shape = v->type.shape;
    c.dataQubits = dataQubits(v->type);
    c.ancillas = e.ancillas;
    c.alpha = e.alpha;
    c.epsilon = output.getAttr("epsilon").getNumber();
    c.outputName = output.hasAttr("name") ? output.getAttr("name").getString() : v->name;
    if (c.outputName.empty())
      c.outputName = k == 0 ? "output" : "output" + std::to_string(k + 1);
    std::set<std::string> needed;
    for (std::vector<std::string> todo{e.gate}; !todo.empty();) {
      std::string name = todo.back();
      todo.pop_back();
      if (const GateDef *def = program.find(name); def && needed.insert(name).second)
        for (const GateCall &call : def->body)
          todo.push_back(call.gate);
    }
    for (const GateDef &def : program.definitions)
      if (needed.count(def.name))
        c.program.define(def);
    if (c.dataQubits > 0) // a 1 x 1 output has none (manifest: "data": [])
      c.program.registers.push_back({"q", c.dataQubits});
    if (c.ancillas > 0)
      c.program.registers.push_back({"anc", c.ancillas});
    GateBuilder(c.program.body).call(e.gate, {}, qubitRange(0, c.dataQubits + c.ancillas));
    auto keepNeeded = [&](const std::map<std::string, std::string> &all) {
      std::map<std::string, std::string> kept;
      for (const auto &[key, gate] : all)
        if (needed.count(gate))
          kept[key] = gate;
      return kept;
    };
    c.oracleGates = keepNeeded(oracleGates);
    c.polynomialGates = keepNeeded(polynomialGates);
    c.opaqueGates = keepNeeded(opaqueGates);
    return c;
  }

  bool allowOpaque;
  Program program;
  std::map<const ir::Value *, Encoded> gates;
  std::map<std::string, std::string> oracleGates, polynomialGates, opaqueGates;

  static int dataQubits(const ir::Type &t) {
    return static_cast<int>(ir::qubitsFor(std::max(t.shape[0], t.shape[1])));
  }

  const Encoded &operand(const ir::Operation &op, std::size_t i) {
    auto it = gates.find(op.operands[i]);
    if (it == gates.end())
      throw InternalError("operand " + std::to_string(i) + " of " + op.getName() + " has no gate");
    return it->second;
  }

  std::string comment(const ir::Operation &op) const {
    std::string c = op.getName();
    if (op.hasAttr("kind"))
      c += " {kind = " + op.getAttr("kind").getString() + "}";
    if (op.hasAttr("fn"))
      c += " {fn = " + op.getAttr("fn").getString() + "}";
    if (op.hasAttr("source") && !op.getAttr("source").getString().empty())
      c += " of " + op.getAttr("source").getString();
    return c + " at " + op.location.str();
  }

  [[noreturn]] void unsupported(const ir::Operation &op, const std::string &what) {
    throw NotSupportedError(op.location.str() + ": " + op.getName() + ": " + what +
                            " has no circuit in the OpenQASM backend yet");
  }

  void emit(const ir::Operation &op) {
    const ir::Type &type = op.getResult()->type;
    if (!type.isBlock())
      unsupported(op, "a " + type.str() + " result");
    int n = dataQubits(type);
    // Products handle factors on other register widths (product());
    // elsewhere the registers must agree.
    if (op.getName() != "qsvt.mul" && op.getName() != "qsvt.vec" && op.getName() != "qsvt.unvec" &&
        op.getName() != "qsvt.tensor")
      for (const ir::Value *v : op.operands)
        if (v->type.isBlock() && dataQubits(v->type) != n)
          unsupported(op, "operands on different data registers");
    std::string name = identifier(op.getResult()->name, gates.size());
    const std::string &opName = op.getName();
    Encoded e;
    if (opName == "qsvt.lcu")
      e = encodeData(op, name, n);
    else if (opName == "qsvt.add")
      e = linearCombination(op, name, n);
    else if (opName == "qsvt.mul")
      e = product(op, name, n);
    else if (opName == "qsvt.adjoint")
      e = adjoint(op, name, n);
    else if (opName == "qsvt.tensor")
      e = tensor(op, name, n);
    else if (opName == "qsvt.phases")
      e = qsvt(op, name, n);
    else if (opName == "qsvt.poly")
      e = entrywisePolynomial(op, name, n);
    else if (opName == "qsvt.hadamard")
      e = defineHadamard(program, name, comment(op), operand(op, 0), operand(op, 1), n);
    else if (opName == "qsvt.vec")
      e = defineVec(program, name, comment(op), operand(op, 0), op.operands[0]->type.shape[0],
                    op.operands[0]->type.shape[1], dataQubits(op.operands[0]->type));
    else if (opName == "qsvt.unvec")
      e = defineUnvec(program, name, comment(op), operand(op, 0), type.shape[0], type.shape[1], n);
    else if (opName == "qsvt.diag_from_state")
      e = defineDiagonal(program, name, comment(op), operand(op, 0), n);
    else
      unsupported(op, "this op");
    // The IR's accounting is the circuit's (resources report = file).
    if (std::fabs(e.alpha - type.alpha) > 1e-9 * type.alpha || e.ancillas != type.ancillas)
      throw InternalError(op.location.str() + ": " + opName + " emitted alpha " +
                          std::to_string(e.alpha) + " with " + std::to_string(e.ancillas) +
                          " ancillas, the IR says " + type.str());
    gates[op.getResult()] = e;
    if (opName == "qsvt.lcu" && op.hasAttr("init"))
      oracleGates[op.getAttr("source").getString()] = e.gate;
    if (opName == "qsvt.poly" || opName == "qsvt.phases")
      polynomialGates[op.location.str() + " " + op.getAttr("fn").getString()] = e.gate;
  }

  Encoded encodeData(const ir::Operation &op, const std::string &name, int n) {
    const std::string kind = op.getAttr("kind").getString();
    const ir::Type &type = op.getResult()->type;
    if (kind == "uniform")
      return defineUniform(program, name, comment(op), type.shape[0], n);
    if (kind == "centering")
      return defineCentering(program, name, comment(op), type.shape[0], n);
    if (kind == "columns")
      return defineColumns(program, name, comment(op), type.shape[0], type.shape[1],
                           op.getAttr("offset").getInt(), n);
    if (kind != "pauli" && kind != "dense" && kind != "amplitude" && kind != "opaque")
      unsupported(op, "kind = \"" + kind + "\"");
    std::optional<std::vector<double>> values;
    if (op.hasAttr("init"))
      values = ir::explicitValues(op);
    if (!values && allowOpaque)
      return opaqueOracle(op, name, n);
    if (!values)
      throw symbolicDataError(op.location.str(), op.getAttr("source").getString());
    int64_t rows = type.shape[0], cols = type.shape[1];
    if (rows * cols == 1) // c = sign(c) |c|, on the one ancilla Encodings.cpp gives it
      return defineScalar(program, name, comment(op), (*values)[0]);
    if (kind == "pauli")
      return definePauliEncoding(program, name, comment(op), *values, rows, cols, n);
    if (cols == 1)
      return defineColumnState(program, name, comment(op), *values, n);
    return defineDenseEncoding(program, name, comment(op), *values, rows, cols, n);
  }

  /// Symbolic data under --allow-opaque: a gate without a body (printed as
  /// a defcal, OpenQASM 3's opaque gate) with the IR's alpha and ancillas.
  Encoded opaqueOracle(const ir::Operation &op, const std::string &name, int n) {
    const ir::Type &type = op.getResult()->type;
    const std::string source = op.getAttr("source").getString();
    const int ancillas = static_cast<int>(type.ancillas);
    GateDef def{name,
                n + ancillas,
                comment(op) + "\n// opaque oracle: a block encoding of '" + source + "' (" +
                    std::to_string(type.shape[0]) + " x " + std::to_string(type.shape[1]) +
                    ", alpha = " + roundTrip(type.alpha) + ") on " + std::to_string(n) +
                    " data qubits (first) and " + std::to_string(ancillas) + " ancillas in |0>",
                {}};
    def.opaque = true;
    Encoded e{program.define(std::move(def)), type.alpha, ancillas};
    opaqueGates[source] = e.gate;
    return e;
  }

  /// sum_i c_i A_i: PREPARE sqrt(|c_i| alpha_i / alpha) on a selection
  /// register after the operands' shared ancillas; SELECT runs operand i
  /// when it spells i (with -1 for c_i < 0).
  Encoded linearCombination(const ir::Operation &op, const std::string &name, int n) {
    std::vector<double> coeffs = ir::toDoubles(op.getAttr("coeffs"));
    int shared = 0;
    double alpha = 0;
    for (std::size_t i = 0; i < coeffs.size(); ++i) {
      shared = std::max(shared, operand(op, i).ancillas);
      alpha += std::fabs(coeffs[i]) * operand(op, i).alpha;
    }
    int m = static_cast<int>(ir::qubitsFor(static_cast<int64_t>(coeffs.size())));
    std::vector<double> weights;
    std::vector<int> prep;
    for (std::size_t i = 0; i < coeffs.size(); ++i)
      weights.push_back(coeffs[i] * operand(op, i).alpha);
    for (int q = 0; q < m; ++q)
      prep.push_back(n + shared + q);
    GateDef def{name, n + shared + m, comment(op), {}};
    GateBuilder b(def.body);
    appendLcu(program, b, name, weights, prep,
              [&](std::size_t i, const std::vector<Control> &when) {
                const Encoded &a = operand(op, i);
                b.call(a.gate, {}, qubitRange(0, n + a.ancillas), when);
              });
    return {program.define(std::move(def)), alpha, shared + m};
  }

  /// A B: B on the data and the last ancillas, then A on the data and the
  /// first ones (GSLW Lemma 53). The index register is as wide as the
  /// widest factor: a factor on fewer qubits acts on the low ones (the
  /// other's zero padding keeps the R x C part exact), and qubits beyond
  /// the result's data are ancillas after A's and B's (an inner dimension
  /// wider than the result: projecting them on |0> selects it).
  ///
  /// An inner dimension K below 2^max(nA, nB) is projected: a flag ancilla
  /// marks indices >= K between B and A, so the padding of either factor
  /// (a column state's other columns, a polynomial's p(0)) never enters.
  Encoded product(const ir::Operation &op, const std::string &name, int n) {
    const Encoded &a = operand(op, 0), &bEnc = operand(op, 1);
    int nA = dataQubits(op.operands[0]->type), nB = dataQubits(op.operands[1]->type);
    int extra = std::max({nA, nB, n}) - n;
    const int own = n + a.ancillas + bEnc.ancillas;
    const int64_t inner = op.operands[0]->type.shape[1];
    const int projected = ir::projectsInnerIndex(op.operands[0]->type, op.operands[1]->type);
    std::vector<int> index = qubitRange(0, n); // the index register, low bit first
    for (int q = 0; q < extra; ++q)
      index.push_back(own + q);
    GateDef def{name, own + extra + projected, comment(op), {}};
    GateBuilder b(def.body);
    std::vector<int> onB(index.begin(), index.begin() + nB);
    for (int q = 0; q < bEnc.ancillas; ++q)
      onB.push_back(n + a.ancillas + q);
    b.call(bEnc.gate, {}, onB);
    if (projected)
      flagIndexAtLeast(b, std::vector<int>(index.begin(), index.begin() + std::max(nA, nB)),
                       static_cast<uint64_t>(inner), own + extra);
    std::vector<int> onA(index.begin(), index.begin() + nA);
    for (int q = 0; q < a.ancillas; ++q)
      onA.push_back(n + q);
    b.call(a.gate, {}, onA);
    return {program.define(std::move(def)), a.alpha * bEnc.alpha,
            a.ancillas + bEnc.ancillas + extra + projected};
  }

  /// A (x) B: U_B on the low nB qubits of an (nA + nB)-qubit register and
  /// the last ancillas, U_A on its high nA qubits and the first ancillas.
  /// Their block has entry (i 2^nB + j, k 2^nB + l) = A_ik B_jl; A (x) B
  /// has it at (i rB + j, k cB + l), the same when B is 2^k x 2^k. Else
  /// the columns are mapped before and the rows after (Permutation.h); the
  /// register's qubits above the product's own become ancillas (zero on
  /// every entry of A (x) B).
  Encoded tensor(const ir::Operation &op, const std::string &name, int n) {
    const ir::Type &ta = op.operands[0]->type, &tb = op.operands[1]->type;
    const int nB = dataQubits(tb), nA = dataQubits(ta), width = nA + nB;
    // i 2^nB + j = i r + j for every i exactly when r = 2^nB or i is 0.
    const int64_t full = int64_t{1} << nB;
    const bool mapped =
        (tb.shape[0] != full && ta.shape[0] > 1) || (tb.shape[1] != full && ta.shape[1] > 1);
    if (mapped && width > 20)
      unsupported(op, "a tensor product on " + std::to_string(width) +
                          " data qubits with a right factor that is not 2^k x 2^k (index maps "
                          "are built for at most 20)");
    if (width < n)
      throw InternalError(op.location.str() + ": tensor data registers " + std::to_string(nA) +
                          " + " + std::to_string(nB) + " < " + std::to_string(n));
    const Encoded &a = operand(op, 0), &b = operand(op, 1);
    const std::string rows = indexMap(name + "_rows", ta.shape[0], tb.shape[0], nB, width);
    const std::string cols = ta.shape[1] == ta.shape[0] && tb.shape[1] == tb.shape[0]
                                 ? rows
                                 : indexMap(name + "_cols", ta.shape[1], tb.shape[1], nB, width);
    GateDef def{name, width + a.ancillas + b.ancillas, comment(op), {}};
    GateBuilder g(def.body);
    std::vector<int> onB = qubitRange(0, nB), onA = qubitRange(nB, nA);
    for (int q = 0; q < b.ancillas; ++q)
      onB.push_back(width + a.ancillas + q);
    for (int q = 0; q < a.ancillas; ++q)
      onA.push_back(width + q);
    if (!cols.empty())
      g.call(cols, {}, qubitRange(0, width), {}, /*inverse=*/true);
    g.call(b.gate, {}, onB);
    g.call(a.gate, {}, onA);
    if (!rows.empty())
      g.call(rows, {}, qubitRange(0, width));
    return {program.define(std::move(def)), a.alpha * b.alpha,
            a.ancillas + b.ancillas + (width - n)};
  }

  /// The gate sending |i 2^nB + j> to |i inner + j> (i < outer, j < inner)
  /// on `width` qubits, or "" when that is the identity.
  std::string indexMap(const std::string &name, int64_t outer, int64_t inner, int nB, int width) {
    std::vector<uint64_t> from, to;
    bool identity = true;
    for (int64_t i = 0; i < outer; ++i)
      for (int64_t j = 0; j < inner; ++j) {
        from.push_back(static_cast<uint64_t>(i) << nB | static_cast<uint64_t>(j));
        to.push_back(static_cast<uint64_t>(i * inner + j));
        identity = identity && from.back() == to.back();
      }
    if (identity)
      return "";
    GateDef def{name,
                width,
                "index map |i 2^" + std::to_string(nB) + " + j> -> |i " + std::to_string(inner) +
                    " + j> (i < " + std::to_string(outer) + ", j < " + std::to_string(inner) +
                    ") of a tensor product",
                {}};
    GateBuilder g(def.body);
    appendBasisPermutation(g, completePermutation(from, to, uint64_t{1} << width),
                           qubitRange(0, width));
    return program.define(std::move(def));
  }

  Encoded adjoint(const ir::Operation &op, const std::string &name, int n) {
    const Encoded &a = operand(op, 0);
    GateDef def{name, n + a.ancillas, comment(op), {}};
    GateBuilder(def.body).call(a.gate, {}, qubitRange(0, n + a.ancillas), {}, /*inverse=*/true);
    return {program.define(std::move(def)), a.alpha, a.ancillas};
  }

  Encoded qsvt(const ir::Operation &op, const std::string &name, int n) {
    if (op.getAttr("convention").getString() != "wx-symmetric")
      unsupported(op, "phases in convention '" + op.getAttr("convention").getString() + "'");
    if (op.getFlag("elementwise"))
      unsupported(op, "an element-wise polynomial (Hadamard powers)");
    std::vector<double> odd;
    if (op.hasAttr("phases_odd"))
      odd = ir::toDoubles(op.getAttr("phases_odd"));
    Encoded e = defineQsvt(program, name, comment(op), operand(op, 0), n,
                           ir::toDoubles(op.getAttr("phases")), odd);
    // M = (factor / scale) p(B / alpha_in), and the mixed-parity LCU halves p.
    e.alpha =
        op.getAttr("factor").getNumber() / op.getAttr("scale").getNumber() * (odd.empty() ? 1 : 2);
    return e;
  }

  /// Element-wise polynomials: M = (factor / scale) sum_j m_j (B / alpha)^{o j}.
  Encoded entrywisePolynomial(const ir::Operation &op, const std::string &name, int n) {
    if (!op.getFlag("elementwise"))
      throw ir::locatedError(
          op.location, "'" + op.getAttr("fn").getString() +
                           "' has no phase factors: run find-phases (qsvtc --emit=qasm does)");
    if (!op.hasAttr("coef"))
      throw ir::locatedError(op.location, "'" + op.getAttr("fn").getString() +
                                              "' has no polynomial: run approximate first");
    double gain = op.getAttr("factor").getNumber() / op.getAttr("scale").getNumber();
    std::vector<double> m = numeric::monomialCoefficients(ir::toDoubles(op.getAttr("coef")));
    for (double &v : m)
      v *= gain;
    const ir::Type &t = op.getResult()->type;
    return defineHadamardPolynomial(program, name, comment(op), operand(op, 0), m, t.shape[0],
                                    t.shape[1], n);
  }
};

} // namespace

Error symbolicDataError(const std::string &where, const std::string &name) {
  return Error(where + ": error: '" + name +
               "' is symbolic: a circuit needs its entries (give its values, ask for "
               "--emit=resources, which works on symbolic models, or pass --allow-opaque "
               "for a circuit with opaque oracles)");
}

std::vector<EmittedCircuit> emitQasm(const ir::Module &module, bool allowOpaque) {
  return Emitter(allowOpaque).run(module);
}

} // namespace qsvtc::backend
