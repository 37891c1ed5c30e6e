//===- Attribute.cpp - Constant data attached to IR operations ------------===//
#include "qsvtc/ir/Attribute.h"

#include <charconv>
#include <cmath>

namespace qsvtc::ir {

double Attribute::getNumber() const {
  return isInt() ? static_cast<double>(getInt()) : std::get<double>(value);
}

std::string formatFloat(double v) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  char buffer[64];
  // Shortest representation that round-trips (C++17 to_chars, no precision).
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  std::string text(buffer, end);
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text;
}

static std::string quote(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string Attribute::str() const {
  if (isInt())
    return std::to_string(getInt());
  if (isFloat())
    return formatFloat(std::get<double>(value));
  if (isBool())
    return getBool() ? "true" : "false";
  if (isString())
    return quote(getString());
  std::string out = "[";
  const List &items = getList();
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + items[i].str();
  return out + "]";
}

Attribute floatList(const std::vector<double> &values) {
  Attribute::List list;
  list.reserve(values.size());
  for (double v : values)
    list.emplace_back(v);
  return Attribute(std::move(list));
}

std::vector<double> toDoubles(const Attribute &list) {
  std::vector<double> out;
  for (const Attribute &item : list.getList())
    out.push_back(item.getNumber());
  return out;
}

} // namespace qsvtc::ir
