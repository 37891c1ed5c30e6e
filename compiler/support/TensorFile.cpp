//===- TensorFile.cpp - Reading tensors from CSV and .npy files -----------===//
#include "qsvtc/support/TensorFile.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/Numbers.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <regex>
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

TensorData readCsv(const std::string &path) {
  std::string text = readFile(path);
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

TensorData readNpy(const std::string &path) {
  std::string bytes = readFile(path);
  auto bad = [&](const std::string &why) {
    return Error(path + ": not a valid .npy file: " + why);
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
  if (headerStart + headerLength > bytes.size())
    throw bad("truncated header");
  std::string header = bytes.substr(headerStart, headerLength);
  std::smatch m;
  if (!std::regex_search(header, m, std::regex(R"('descr'\s*:\s*'([<>|=]?)([fi])(\d))")))
    throw bad("no 'descr' in the header");
  std::string order = m[1], kind = m[2];
  int width = std::stoi(m[3]);
  if (order == ">" || !(width == 4 || width == 8))
    throw bad("dtype must be little-endian float32/float64/int32/int64");
  bool fortran = std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)"));
  if (!std::regex_search(header, m, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")))
    throw bad("no 'shape' in the header");
  TensorData data;
  // "(a, b)", "(a,)" or "()": extents of at most 18 digits, their product
  // (and its bytes) below 2^62, so nothing here can overflow.
  const std::string dims = m[1];
  static const std::regex extentList(R"(\s*(\d{1,18}\s*(,\s*\d{1,18}\s*)*,?\s*)?)");
  if (!std::regex_match(dims, extentList))
    throw bad("the shape (" + dims + ") is not a tuple of non-negative integers below 1e18");
  static const std::regex number(R"(\d+)");
  std::sregex_iterator it(dims.begin(), dims.end(), number), end;
  std::size_t count = 1;
  constexpr std::size_t Limit = std::size_t(1) << 62;
  for (; it != end; ++it) {
    const int64_t extent = std::stoll(it->str()); // <= 18 digits: fits
    data.shape.push_back(extent);
    if (extent != 0 && count > Limit / 8 / static_cast<std::size_t>(extent))
      throw bad("the shape (" + dims + ") has more entries than any file can hold");
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
    if (kind == "f" && width == 8) {
      double v;
      std::memcpy(&v, p, 8);
      raw[i] = v;
    } else if (kind == "f") {
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
      throw Error(path + ": entry " + std::to_string(i) + " is not finite");
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
