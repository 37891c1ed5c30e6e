//===- Numbers.h - Reading numbers from user text --------------*- C++ -*-===//
//
// One strict reader for every number a user types or a file holds: the
// whole text must be a number (no trailing garbage); values too small for a
// double underflow to 0 or a subnormal as strtod gives them (a legitimate
// tiny coefficient), values too large become +-inf for the caller to reject.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_NUMBERS_H
#define QSVTC_SUPPORT_NUMBERS_H

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qsvtc {

/// The number `text` spells, or nothing if it is not exactly a number.
std::optional<double> parseNumber(const std::string &text);

/// v with `digits` significant digits, for messages ("1e-06", "0.999").
std::string formatNumber(double v, int digits = 3);

/// "name=value" items (a CLI's repeated --param) as a map; throws
/// qsvtc::Error naming `flag` for a malformed item or a non-finite value.
std::map<std::string, double> parseAssignments(const std::vector<std::string> &items,
                                               const std::string &flag);

} // namespace qsvtc

#endif // QSVTC_SUPPORT_NUMBERS_H
