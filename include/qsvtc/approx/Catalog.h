//===- Catalog.h - The functions qsvtc knows how to approximate -*- C++ -*-===//
//
// The catalog maps a name and parameters (`gelu`, `exp` with beta=4, ...) to
// a TargetFunction: its formula, domain, parity and evaluators. It covers
// the element-wise functions of a transformer (softmax's exponential,
// GELU, SiLU, sigmoid, ...), the matrix functions of QSVT (1/x, 1/sqrt(x),
// cos/sin for Hamiltonian simulation) and thresholding (erf, sign).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_CATALOG_H
#define QSVTC_APPROX_CATALOG_H

#include "qsvtc/approx/TargetFunction.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc::approx {

/// A catalog entry, for --help listings and validation.
struct CatalogEntry {
  std::string name;
  std::string formula;                  ///< in terms of the parameters
  std::map<std::string, double> params; ///< names with default values
  std::string domain;                   ///< default domain, as text
  Parity parity;
  std::string use; ///< what it is for
};

const std::vector<CatalogEntry> &catalogEntries();

/// Builds a catalog function. `params` may override defaults (unknown names
/// are an error); `domain` overrides the default domain (it must avoid the
/// function's singular points, and is symmetrised for functions of definite
/// parity). Throws qsvtc::Error with a message naming the problem.
TargetFunction makeCatalogFunction(const std::string &name,
                                   const std::map<std::string, double> &params,
                                   const std::optional<Domain> &domain = {});

/// A polynomial given by its Chebyshev coefficients, as decimal strings so
/// that more than 17 digits survive (the polynomial JSON's "coef"). Parity is
/// detected from the zero pattern.
TargetFunction makeChebyshevFunction(const std::vector<std::string> &coef,
                                     const std::optional<Domain> &domain = {});

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_CATALOG_H
