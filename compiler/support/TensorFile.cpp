//===- TensorFile.cpp - Reading tensors from CSV and .npy files -----------===//
#include "qsvtc/support/TensorFile.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/Numbers.h"

#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>

namespace qsvtc {

namespace {

std::string trim(const std::string &s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos)
    return "";
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

} // namespace

TensorData readCsv(const std::string &path) { return parseCsv(readFile(path), path); }

TensorData parseCsv(const std::string &text, const std::string &path) {
  std::istringstream lines(text);
  std::string line;
  TensorData data;
  int64_t rows = 0, cols = -1, lineNo = 0;
  while (std::getline(lines, line)) {
    ++lineNo;
    line = trim(line.substr(0, line.find('#')));
    if (line.empty())
      continue;
    int64_t count = 0;
    std::size_t start = 0;
    while (true) {
      std::size_t comma = line.find(',', start);
      std::string field =
          trim(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      std::optional<double> value = parseNumber(field);
      if (!value || !std::isfinite(*value))
        throw Error(path + ":" + std::to_string(lineNo) + ": '" + field +
                    "' is not a finite number");
      data.values.push_back(*value);
      ++count;
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
    if (cols >= 0 && count != cols)
      throw Error(path + ":" + std::to_string(lineNo) + ": row has " + std::to_string(count) +
                  " values, the rows above have " + std::to_string(cols));
    cols = count;
    ++rows;
  }
  if (rows == 0)
    throw Error(path + ": no values");
  data.shape = {rows, cols};
  return data;
}

namespace {

/// The header of a .npy file is a Python dict literal such as
/// {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }. This reads
/// the three keys NumPy writes with a scanner (not std::regex, whose
/// recursive matcher can exhaust the stack on a long hostile header).
class NpyHeaderScanner {
public:
  explicit NpyHeaderScanner(const std::string &text) : text_(text) {}

  /// The value after `'key'`, as written: a quoted string's contents, a
  /// tuple's contents without the parentheses, or a bare word. Empty
  /// optional if the key is absent or its value is not one of those.
  std::optional<std::string> valueOf(const std::string &key) const {
    const std::size_t at = text_.find("'" + key + "'");
    if (at == std::string::npos)
      return std::nullopt;
    std::size_t i = skipSpace(at + key.size() + 2);
    if (i >= text_.size() || text_[i] != ':')
      return std::nullopt;
    i = skipSpace(i + 1);
    if (i >= text_.size())
      return std::nullopt;
    const char open = text_[i];
    if (open == '\'' || open == '(') {
      const std::size_t close = text_.find(open == '(' ? ')' : '\'', i + 1);
      if (close == std::string::npos)
        return std::nullopt;
      return text_.substr(i + 1, close - i - 1);
    }
    std::size_t e = i;
    while (e < text_.size() && std::isalpha(static_cast<unsigned char>(text_[e])))
      ++e;
    return text_.substr(i, e - i);
  }

private:
  std::size_t skipSpace(std::size_t i) const {
    while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i])))
      ++i;
    return i;
  }
  const std::string &text_;
};

} // namespace

TensorData readNpy(const std::string &path) { return parseNpy(readFile(path), path); }

TensorData parseNpy(const std::string &bytes, const std::string &name) {
  auto bad = [&](const std::string &why) {
    return Error(name + ": not a valid .npy file: " + why);
  };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    throw bad("missing the \\x93NUMPY magic");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  std::size_t headerLength, headerStart;
  if (major == 1) {
    headerLength = static_cast<unsigned char>(bytes[8]) |
                   static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8;
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      throw bad("truncated header");
    headerLength = 0;
    for (int i = 3; i >= 0; --i)
      headerLength = headerLength << 8 | static_cast<unsigned char>(bytes[8 + i]);
    headerStart = 12;
  } else {
    throw bad("unsupported version " + std::to_string(major));
  }
  if (headerLength > bytes.size() - headerStart)
    throw bad("truncated header");
  const std::string header = bytes.substr(headerStart, headerLength);
  const NpyHeaderScanner scan(header);
  // descr: optional byte order, kind f or i, width 4 or 8 ('<f8', 'i4').
  const std::optional<std::string> descr = scan.valueOf("descr");
  if (!descr)
    throw bad("no 'descr' in the header");
  std::string type = *descr;
  const bool bigEndian = !type.empty() && type[0] == '>';
  if (!type.empty() && std::strchr("<>|=", type[0]))
    type.erase(0, 1);
  if (bigEndian || !(type == "f4" || type == "f8" || type == "i4" || type == "i8"))
    throw bad("dtype '" + *descr + "' is not little-endian float32/float64/int32/int64");
  const char kind = type[0];
  const int width = type[1] - '0';
  const std::optional<std::string> fortranOrder = scan.valueOf("fortran_order");
  if (fortranOrder && *fortranOrder != "True" && *fortranOrder != "False")
    throw bad("'fortran_order' must be True or False");
  const bool fortran = fortranOrder && *fortranOrder == "True";
  const std::optional<std::string> dims = scan.valueOf("shape");
  if (!dims)
    throw bad("no 'shape' in the header");
  // "(a, b)", "(a,)" or "()": extents of at most 18 digits, their product
  // (and its bytes) below 2^62, so nothing here can overflow.
  TensorData data;
  auto badShape = [&] {
    return bad("the shape (" + *dims + ") is not a tuple of non-negative integers below 1e18");
  };
  std::size_t count = 1;
  constexpr std::size_t Limit = std::size_t(1) << 62;
  std::vector<std::string> fields(1);
  for (char c : *dims) {
    if (c == ',')
      fields.emplace_back();
    else
      fields.back().push_back(c);
  }
  // "(a,)" ends in an empty field; "()" is one empty field, a scalar.
  if (fields.size() == 1 && trim(fields[0]).empty())
    fields.clear();
  else if (fields.size() > 1 && trim(fields.back()).empty())
    fields.pop_back();
  for (std::string &field : fields) {
    field = trim(field);
    if (field.empty() || field.size() > 18 ||
        field.find_first_not_of("0123456789") != std::string::npos)
      throw badShape();
    const int64_t extent = std::stoll(field); // <= 18 digits: fits
    data.shape.push_back(extent);
    if (extent != 0 && count > Limit / 8 / static_cast<std::size_t>(extent))
      throw bad("the shape (" + *dims + ") has more entries than any file can hold");
    count *= static_cast<std::size_t>(extent);
  }
  if (data.shape.empty())
    data.shape.push_back(1), count = 1;
  std::size_t offset = headerStart + headerLength;
  if (bytes.size() - offset < count * static_cast<std::size_t>(width))
    throw bad("data is shorter than the shape says");
  std::vector<double> raw(count);
  for (std::size_t i = 0; i < count; ++i) {
    const char *p = bytes.data() + offset + i * width;
    if (kind == 'f' && width == 8) {
      double v;
      std::memcpy(&v, p, 8);
      raw[i] = v;
    } else if (kind == 'f') {
      float v;
      std::memcpy(&v, p, 4);
      raw[i] = v;
    } else if (width == 8) {
      int64_t v;
      std::memcpy(&v, p, 8);
      raw[i] = static_cast<double>(v);
    } else {
      int32_t v;
      std::memcpy(&v, p, 4);
      raw[i] = v;
    }
    if (!std::isfinite(raw[i]))
      throw Error(name + ": entry " + std::to_string(i) + " is not finite");
  }
  if (!fortran || data.shape.size() < 2) {
    data.values = std::move(raw);
    return data;
  }
  // Fortran order: the first index varies fastest; reorder to row-major.
  data.values.resize(count);
  std::vector<int64_t> index(data.shape.size(), 0);
  for (std::size_t f = 0; f < count; ++f) {
    std::size_t c = 0;
    for (std::size_t d = 0; d < index.size(); ++d)
      c = c * static_cast<std::size_t>(data.shape[d]) + static_cast<std::size_t>(index[d]);
    data.values[c] = raw[f];
    for (std::size_t d = 0; d < index.size() && ++index[d] == data.shape[d]; ++d)
      index[d] = 0;
  }
  return data;
}

std::string resolveRelativeTo(const std::string &baseFile, const std::string &path) {
  std::filesystem::path p(path);
  if (p.is_absolute())
    return path;
  std::filesystem::path base = std::filesystem::path(baseFile).parent_path();
  return base.empty() ? path : (base / p).string();
}

} // namespace qsvtc
