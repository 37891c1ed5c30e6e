//===- Circuit.h - The flat operation list the simulator runs --*- C++ -*-===//
//
// What the QASM reader produces after expanding everything: qubit registers
// laid out one after the other (the first declared register owns qubits
// 0..n-1), and a list of Operations. An Operation is a dense unitary on k
// target qubits (k = 0 for a global phase, whose matrix is 1x1), applied
// when every control qubit holds its polarity. Row/column index bit j of
// the matrix is the state of targets[j] (targets[0] least significant).
// Global phases are part of the matrices: gphase(g) is the 1x1 matrix
// e^{ig}, and a controlled gphase is a phase on the controls' subspace.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_CIRCUIT_H
#define QSVTC_RUNTIME_CIRCUIT_H

#include <Eigen/Dense>

#include <complex>
#include <string>
#include <vector>

namespace qsvtc::runtime {

using Complex = std::complex<double>;

struct Control {
  int qubit = 0;
  bool positive = true; ///< false: negctrl (acts when the qubit is |0>)
};

struct Operation {
  std::string name; ///< the gate it came from (for messages)
  std::vector<int> targets;
  Eigen::MatrixXcd matrix; ///< 2^targets x 2^targets
  std::vector<Control> controls;
  /// A call of gate definition `name` left unexpanded (elaborateDefinition
  /// with calls kept; the compositional verifier substitutes its verified
  /// block). Its matrix is empty, so the simulator refuses it.
  bool call = false;
  bool inverted = false; ///< a kept call under inv @

  /// The inverse: same qubits, adjoint matrix (a kept call: `inverted` flipped).
  Operation inverse() const;
};

struct QubitRegister {
  std::string name;
  int offset = 0; ///< global index of name[0]
  int size = 0;
};

struct Circuit {
  std::vector<QubitRegister> registers;
  int numQubits = 0;
  std::vector<Operation> ops;

  /// The register called `name`, or null.
  const QubitRegister *findRegister(const std::string &name) const;
  /// "q[3]" for global qubit index 3 (for messages).
  std::string qubitName(int qubit) const;
};

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_CIRCUIT_H
