//===- AllocateError.h - The error budget of polynomial ops -----*- C++ -*-===//
#ifndef QSVTC_COMPILER_PASSES_ALLOCATEERROR_H
#define QSVTC_COMPILER_PASSES_ALLOCATEERROR_H

#include "DataFacts.h"

#include <map>

namespace qsvtc::passes {

/// Sets every polynomial op's `epsilon` to its share of the outputs' error
/// budgets (AllocateError.cpp) and returns the shares. Products and
/// polynomials propagate errors with the data's norms and gaps when
/// `facts` has them.
std::map<ir::Operation *, double> allocateErrors(ir::Module &module, const DataFacts &facts);

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_ALLOCATEERROR_H
