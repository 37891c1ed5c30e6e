//===- Numbers.cpp - Reading numbers from user text -----------------------===//
#include "qsvtc/support/Numbers.h"

#include "qsvtc/support/Error.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace qsvtc {

std::optional<double> parseNumber(const std::string &text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])))
    ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])))
    --end;
  if (begin == end)
    return std::nullopt;
  const std::string s = text.substr(begin, end - begin);
  char *stop = nullptr;
  const double v = std::strtod(s.c_str(), &stop); // ERANGE is fine: see .h
  if (stop != s.c_str() + s.size())
    return std::nullopt;
  return v;
}

std::string formatNumber(double v, int digits) {
  std::ostringstream out;
  out.precision(digits);
  out << v;
  return out.str();
}

std::map<std::string, double> parseAssignments(const std::vector<std::string> &items,
                                               const std::string &flag) {
  std::map<std::string, double> out;
  for (const std::string &item : items) {
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(flag + " expects name=value, got '" + item + "'");
    const std::optional<double> v = parseNumber(item.substr(eq + 1));
    if (!v || !std::isfinite(*v))
      throw Error(flag + " " + item.substr(0, eq) + ": '" + item.substr(eq + 1) +
                  "' is not a finite number");
    out[item.substr(0, eq)] = *v;
  }
  return out;
}

} // namespace qsvtc
