//===- PolyJson.h - The polynomial file format -----------------*- C++ -*-===//
//
// design.md's polynomial JSON:
//   {"basis":"chebyshev","parity":0|1|null,"coef":[c_0,...],"domain":[-1,1]}
// with every coefficient (zeros included), as plain numbers when 17 digits
// hold all that is meaningful, else as decimal strings. Written files add the
// provenance: function, scale, requested and certified error, method, and
// (mixed parity) the certified even and odd parts QSVT implements separately.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_POLYJSON_H
#define QSVTC_APPROX_POLYJSON_H

#include "qsvtc/approx/Approximate.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace qsvtc::approx {

/// The JSON document for an approximation (requested eps and eta included).
nlohmann::ordered_json toJson(const Approximation &a, const ApproxOptions &opts);

/// A polynomial read from a file: coefficients as decimal text, so no
/// digits are lost before the reader picks a precision.
struct PolyFile {
  std::vector<std::string> coef;
  std::optional<int> parity; ///< as declared (checked against coef)
  /// True when every coefficient was a JSON number: its value is then
  /// exactly the double nearest its text, which toMpfr() keeps.
  bool allDoubles = true;

  /// The coefficients as exact values: doubles when allDoubles, else the
  /// decimal text read at `bits` (at least enough for its digits).
  std::vector<numeric::Mpfr> toMpfr(unsigned bits = 256) const;
};

/// Parses polynomial JSON text; `name` prefixes messages ("file:line:col:
/// error" for syntax errors). Throws qsvtc::Error on malformed input: bad
/// syntax, missing or empty "coef", non-numeric or non-finite coefficients,
/// a basis other than chebyshev, or a parity the coefficients contradict.
PolyFile parsePolyJson(const std::string &text, const std::string &name);

/// Decimal text of an Mpfr with all digits its precision holds.
std::string decimalString(const numeric::Mpfr &v, unsigned bits);

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_POLYJSON_H
