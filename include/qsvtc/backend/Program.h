//===- Program.h - An OpenQASM 3 program being built -----------*- C++ -*-===//
//
// The backend's circuit model: gate definitions (one per block encoding,
// named after the IR value it implements) whose bodies call standard gates
// or earlier definitions, and a top-level body on named registers. Qubits
// in a definition are local indices 0..arity-1; at top level they are
// global indices into the registers laid out in declaration order. Calls
// carry the OpenQASM modifiers the backend uses (inv, ctrl, negctrl), so a
// controlled or inverted block is one line, as a reader would write it.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_BACKEND_PROGRAM_H
#define QSVTC_BACKEND_PROGRAM_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qsvtc::backend {

struct Control {
  int qubit = 0;
  bool positive = true; ///< false: negctrl (acts on |0>)
};

struct GateCall {
  std::string gate;           ///< a stdgates.inc gate, gphase, or a definition
  std::vector<double> params; ///< angles
  std::vector<int> qubits;    ///< targets
  std::vector<Control> controls;
  bool inverse = false; ///< inv @
};

struct GateDef {
  std::string name;
  int arity = 0;
  std::string comment; ///< what it implements (printed above it)
  std::vector<GateCall> body;
  /// An oracle the compiler cannot build (symbolic data): printed as
  /// `defcal name a0, ... { }`, which OpenQASM 3 reads as an opaque gate.
  bool opaque = false;
  /// A block encoding (defineBlock): its first dataQubits qubits are data,
  /// the rest ancillas in |0>. -1: a unitary helper (a state preparation),
  /// which its callers use whole. The manifest's per-definition claims.
  int dataQubits = -1;
  std::string construction{}; ///< the op that emitted it ("qsvt.mul"), if any
  /// A state preparation (a state-mode stage): only its action on |0> on
  /// all its qubits is meant, so callers must start it there.
  bool state = false;
};

struct Register {
  std::string name;
  int size = 0;
};

/// v with 17 significant digits: reads back to the same double (angles in
/// the .qasm, numbers in the manifest).
std::string roundTrip(double v);

/// Qubits from, from + 1, ..., from + count - 1.
std::vector<int> qubitRange(int from, int count);
/// Controls that fire when `qubits` (least significant first) spell `value`.
std::vector<Control> controlsFor(const std::vector<int> &qubits, uint64_t value);

/// Appends calls to a body; the helpers name the standard gates once.
class GateBuilder {
public:
  explicit GateBuilder(std::vector<GateCall> &body) : body(body) {}

  void call(const std::string &gate, std::vector<double> params, std::vector<int> qubits,
            std::vector<Control> controls = {}, bool inverse = false);
  void x(int q, std::vector<Control> controls = {}) { call("x", {}, {q}, std::move(controls)); }
  void z(int q, std::vector<Control> controls = {}) { call("z", {}, {q}, std::move(controls)); }
  void h(int q) { call("h", {}, {q}); }
  void cx(int c, int t) { call("cx", {}, {c, t}); }
  void ry(double angle, int q) { call("ry", {angle}, {q}); }
  void rz(double angle, int q) { call("rz", {angle}, {q}); }
  void swap(int a, int b) { call("swap", {}, {a, b}); }
  void gphase(double angle) { call("gphase", {angle}, {}); }

private:
  std::vector<GateCall> &body;
};

class Program {
public:
  std::vector<Register> registers;
  std::vector<GateDef> definitions; ///< in dependency order
  std::vector<GateCall> body;

  /// Adds a definition; its name is made unique (suffix _2, _3, ...) and
  /// returned.
  std::string define(GateDef def);
  const GateDef *find(const std::string &name) const;
  GateDef *find(const std::string &name);
  int numQubits() const;
  /// Global index of register `name`, entry `index`.
  int qubit(const std::string &name, int index) const;

private:
  std::map<std::string, std::size_t> byName;
};

/// The program as OpenQASM 3 text: `OPENQASM 3.0; include "stdgates.inc";`,
/// definitions with their comments, registers, body. Angles are printed
/// with 17 significant digits so that they read back to the same double.
std::string printQasm(const Program &program, const std::vector<std::string> &header = {});

} // namespace qsvtc::backend

#endif // QSVTC_BACKEND_PROGRAM_H
