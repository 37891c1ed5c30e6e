//===- Circuit.cpp - The flat operation list the simulator runs -----------===//
#include "qsvtc/runtime/Circuit.h"

namespace qsvtc::runtime {

Operation Operation::inverse() const {
  Operation inv = *this;
  inv.matrix = matrix.adjoint();
  inv.inverted = call && !inverted;
  return inv;
}

const QubitRegister *Circuit::findRegister(const std::string &name) const {
  for (const QubitRegister &r : registers)
    if (r.name == name)
      return &r;
  return nullptr;
}

std::string Circuit::qubitName(int qubit) const {
  for (const QubitRegister &r : registers)
    if (qubit >= r.offset && qubit < r.offset + r.size)
      return r.name + "[" + std::to_string(qubit - r.offset) + "]";
  return "qubit " + std::to_string(qubit);
}

} // namespace qsvtc::runtime
