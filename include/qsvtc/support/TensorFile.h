//===- TensorFile.h - Reading tensors from CSV and .npy files --*- C++ -*-===//
//
// Weights and inputs of a model spec may come from files: CSV (one matrix
// row per line, comma-separated) or NumPy .npy (little-endian float64,
// float32, int64 or int32, C or Fortran order). Values are returned
// row-major with their shape; malformed files throw qsvtc::Error naming
// the file (and line, for CSV).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_TENSORFILE_H
#define QSVTC_SUPPORT_TENSORFILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace qsvtc {

struct TensorData {
  std::vector<int64_t> shape;
  std::vector<double> values; // row-major
};

TensorData readCsv(const std::string &path);
TensorData readNpy(const std::string &path);
/// The same from a file's contents; `name` is the file named in errors.
TensorData parseCsv(const std::string &text, const std::string &name);
TensorData parseNpy(const std::string &bytes, const std::string &name);

/// `path` relative to the directory of `baseFile` unless absolute.
std::string resolveRelativeTo(const std::string &baseFile, const std::string &path);

} // namespace qsvtc

#endif // QSVTC_SUPPORT_TENSORFILE_H
