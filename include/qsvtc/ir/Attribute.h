//===- Attribute.h - Constant data attached to IR operations ---*- C++ -*-===//
//
// An attribute is an integer, a float, a bool, a string or a list of
// attributes. Floats and integers stay distinct through print and parse: a
// float always prints with a '.' or an exponent, in the shortest form that
// reads back to the same double, so print(parse(print(m))) == print(m).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_IR_ATTRIBUTE_H
#define QSVTC_IR_ATTRIBUTE_H

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace qsvtc::ir {

class Attribute {
public:
  using List = std::vector<Attribute>;

  Attribute() : value(int64_t{0}) {}
  Attribute(int64_t v) : value(v) {}
  Attribute(int v) : value(int64_t{v}) {}
  Attribute(double v) : value(v) {}
  Attribute(bool v) : value(v) {}
  Attribute(std::string v) : value(std::move(v)) {}
  Attribute(const char *v) : value(std::string(v)) {}
  Attribute(List v) : value(std::move(v)) {}

  bool isInt() const { return std::holds_alternative<int64_t>(value); }
  bool isFloat() const { return std::holds_alternative<double>(value); }
  bool isBool() const { return std::holds_alternative<bool>(value); }
  bool isString() const { return std::holds_alternative<std::string>(value); }
  bool isList() const { return std::holds_alternative<List>(value); }
  /// An int or a float.
  bool isNumber() const { return isInt() || isFloat(); }

  int64_t getInt() const { return std::get<int64_t>(value); }
  bool getBool() const { return std::get<bool>(value); }
  const std::string &getString() const { return std::get<std::string>(value); }
  const List &getList() const { return std::get<List>(value); }
  /// The value of an int or float attribute as a double.
  double getNumber() const;

  bool operator==(const Attribute &other) const { return value == other.value; }

  /// The attribute in IR text form.
  std::string str() const;

private:
  std::variant<int64_t, double, bool, std::string, List> value;
};

/// Attributes of one operation, printed in key order.
using AttrDict = std::map<std::string, Attribute>;

/// Shortest decimal form of `v` that parses back to `v`, always marked as a
/// float ("1.0", "2.5e-07", "inf").
std::string formatFloat(double v);

/// A list attribute of doubles / from a list attribute of numbers.
Attribute floatList(const std::vector<double> &values);
std::vector<double> toDoubles(const Attribute &list);

} // namespace qsvtc::ir

#endif // QSVTC_IR_ATTRIBUTE_H
