//===- Program.cpp - An OpenQASM 3 program being built --------------------===//
#include "qsvtc/backend/Program.h"

#include "qsvtc/support/Error.h"

#include <charconv>

namespace qsvtc::backend {

std::string roundTrip(double v) {
  char buf[40];
  // As printf's %.17g (the standard specifies it so), without the locale
  // and format parsing: the .qasm holds millions of angles.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 17);
  return std::string(buf, ec == std::errc() ? end : buf);
}

std::vector<int> qubitRange(int from, int count) {
  std::vector<int> r;
  for (int i = 0; i < count; ++i)
    r.push_back(from + i);
  return r;
}

std::vector<Control> controlsFor(const std::vector<int> &qubits, uint64_t value) {
  std::vector<Control> c;
  for (std::size_t b = 0; b < qubits.size(); ++b)
    c.push_back({qubits[b], b < 64 && ((value >> b) & 1) != 0}); // bits past 64 are 0
  return c;
}

void GateBuilder::call(const std::string &gate, std::vector<double> params, std::vector<int> qubits,
                       std::vector<Control> controls, bool inverse) {
  // A block on no qubits is a 1 x 1 one without ancillas: the uniform
  // column or identity of one entry, whose gates are none. OpenQASM has no
  // gate on zero qubits, so there is nothing to call.
  if (qubits.empty() && gate != "gphase")
    return;
  body.push_back({gate, std::move(params), std::move(qubits), std::move(controls), inverse});
}

namespace {

/// Names a definition cannot take: stdgates.inc, the built-ins, keywords.
bool reserved(const std::string &name) {
  static const char *const names[] = {
      "p",        "x",    "y",    "z",     "h",     "s",       "sdg",    "t",       "tdg",
      "sx",       "rx",   "ry",   "rz",    "cx",    "cy",      "cz",     "cp",      "crx",
      "cry",      "crz",  "ch",   "swap",  "ccx",   "cswap",   "cu",     "CX",      "phase",
      "cphase",   "id",   "u1",   "u2",    "u3",    "U",       "gphase", "gate",    "qubit",
      "bit",      "for",  "in",   "if",    "else",  "while",   "ctrl",   "negctrl", "inv",
      "pow",      "pi",   "tau",  "euler", "const", "measure", "reset",  "barrier", "include",
      "OPENQASM", "qreg", "creg", "def",   "return"};
  for (const char *n : names)
    if (name == n)
      return true;
  return false;
}

} // namespace

std::string Program::define(GateDef def) {
  std::string base = def.name;
  for (int k = 2; byName.count(def.name) || reserved(def.name); ++k)
    def.name = base + "_" + std::to_string(k);
  byName[def.name] = definitions.size();
  definitions.push_back(std::move(def));
  return definitions.back().name;
}

const GateDef *Program::find(const std::string &name) const {
  auto it = byName.find(name);
  return it == byName.end() ? nullptr : &definitions[it->second];
}

GateDef *Program::find(const std::string &name) {
  auto it = byName.find(name);
  return it == byName.end() ? nullptr : &definitions[it->second];
}

int Program::numQubits() const {
  int n = 0;
  for (const Register &r : registers)
    n += r.size;
  return n;
}

int Program::qubit(const std::string &name, int index) const {
  int offset = 0;
  for (const Register &r : registers) {
    if (r.name == name) {
      if (index < 0 || index >= r.size)
        throw InternalError(name + "[" + std::to_string(index) + "] out of range");
      return offset + index;
    }
    offset += r.size;
  }
  throw InternalError("no register '" + name + "'");
}

namespace {

/// Appends one call; `names[q]` is qubit q's operand text (a definition's
/// a0, a1, ...; the top level's reg[i]), built once per program.
void printCall(std::string &out, const GateCall &call, const std::vector<std::string> &names,
               const char *indent) {
  out += indent;
  if (call.inverse)
    out += "inv @ ";
  // Runs of controls of one polarity print as ctrl(k) / negctrl(k).
  for (std::size_t i = 0; i < call.controls.size();) {
    std::size_t j = i;
    while (j < call.controls.size() && call.controls[j].positive == call.controls[i].positive)
      ++j;
    out += call.controls[i].positive ? "ctrl" : "negctrl";
    if (j - i > 1)
      out += "(" + std::to_string(j - i) + ")";
    out += " @ ";
    i = j;
  }
  out += call.gate;
  if (!call.params.empty()) {
    out += '(';
    for (std::size_t i = 0; i < call.params.size(); ++i) {
      if (i)
        out += ", ";
      out += roundTrip(call.params[i]);
    }
    out += ')';
  }
  bool first = true;
  auto operand = [&](int q) {
    if (q < 0 || static_cast<std::size_t>(q) >= names.size())
      throw InternalError("qubit index " + std::to_string(q) + " out of range");
    out += first ? " " : ", ";
    out += names[q];
    first = false;
  };
  for (const Control &c : call.controls)
    operand(c.qubit);
  for (int q : call.qubits)
    operand(q);
  out += ";\n";
}

} // namespace

std::string printQasm(const Program &program, const std::vector<std::string> &header) {
  std::string out = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";
  for (const std::string &line : header)
    out += "// " + line + "\n";
  std::vector<std::string> local;
  for (const GateDef &def : program.definitions) {
    while (local.size() < static_cast<std::size_t>(def.arity))
      local.push_back("a" + std::to_string(local.size()));
    out += "\n";
    if (!def.comment.empty())
      out += "// " + def.comment + "\n";
    out += def.opaque ? "defcal " : "gate ";
    out += def.name;
    for (int q = 0; q < def.arity; ++q) {
      out += q ? ", " : " ";
      out += local[q];
    }
    out += def.opaque ? " {}\n" : " {\n";
    if (def.opaque)
      continue;
    const std::vector<std::string> names(local.begin(), local.begin() + def.arity);
    for (const GateCall &call : def.body)
      printCall(out, call, names, "  ");
    out += "}\n";
  }
  out += "\n";
  std::vector<std::string> global;
  for (const Register &r : program.registers) {
    out += "qubit[" + std::to_string(r.size) + "] " + r.name + ";\n";
    for (int i = 0; i < r.size; ++i)
      global.push_back(r.name + "[" + std::to_string(i) + "]");
  }
  for (const GateCall &call : program.body)
    printCall(out, call, global, "");
  return out;
}

} // namespace qsvtc::backend
