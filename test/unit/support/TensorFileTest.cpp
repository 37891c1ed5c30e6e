//===- TensorFileTest.cpp - CSV and .npy readers --------------------------===//
//
// The .npy inputs were written by NumPy (test/Frontend/Inputs); the values
// are known in closed form (np.arange), so C and Fortran order, float32 and
// int32 are each checked entry by entry.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/support/TensorFile.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

namespace {

using namespace qsvtc;

const std::string Inputs = std::string(QSVTC_TEST_DATA_DIR) + "/../Frontend/Inputs/";

TEST(TensorFile, NpyCOrderFloat64) {
  TensorData d = readNpy(Inputs + "w3x2.npy");
  EXPECT_EQ(d.shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(d.values, (std::vector<double>{0, 1, 2, 3, 4, 5}));
}

TEST(TensorFile, NpyFortranOrderFloat32IsReorderedToRowMajor) {
  // np.asfortranarray(np.arange(6).reshape(3, 2)): same matrix, column-major bytes.
  TensorData d = readNpy(Inputs + "w3x2f.npy");
  EXPECT_EQ(d.shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(d.values, (std::vector<double>{0, 1, 2, 3, 4, 5}));
}

TEST(TensorFile, NpyInt32Vector) {
  TensorData d = readNpy(Inputs + "v3i.npy");
  EXPECT_EQ(d.shape, (std::vector<int64_t>{3}));
  EXPECT_EQ(d.values, (std::vector<double>{0, 1, 2}));
}

TEST(TensorFile, CsvWithComments) {
  TensorData d = readCsv(Inputs + "w2x3.csv");
  EXPECT_EQ(d.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(d.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

TEST(TensorFile, MalformedFilesNameTheProblem) {
  EXPECT_THROW(readNpy(Inputs + "garbage.npy"), Error);
  EXPECT_THROW(readCsv(Inputs + "ragged.csv"), Error);
  EXPECT_THROW(readCsv(Inputs + "nan.csv"), Error);
  EXPECT_THROW(readCsv(Inputs + "missing.csv"), Error);
  try {
    readCsv(Inputs + "ragged.csv");
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("ragged.csv:2: row has 2 values"), std::string::npos);
  }
}

/// A version-1 .npy file with `header` and `data` (no padding: the reader
/// does not need NumPy's 64-byte alignment).
std::string npy(const std::string &header, const std::string &data) {
  std::string bytes = "\x93NUMPY\x01";
  bytes += '\0';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header + data;
}

std::string int32s(std::initializer_list<int32_t> values) {
  std::string out;
  for (int32_t v : values)
    out.append(reinterpret_cast<const char *>(&v), sizeof v);
  return out;
}

std::string npyError(const std::string &header, const std::string &data) {
  try {
    parseNpy(npy(header, data), "h.npy");
  } catch (const Error &e) {
    return e.what();
  }
  return "(read)";
}

TEST(TensorFile, NpyHeaderShapesAndTypes) {
  const std::string d3 = int32s({7, 8, 9});
  EXPECT_EQ(
      parseNpy(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", d3), "h").shape,
      (std::vector<int64_t>{3}));
  // "()" is a scalar; the byte-order mark is optional; spacing is free.
  const TensorData scalar = parseNpy(npy("{'shape':(),'descr':'i4'}", d3), "h");
  EXPECT_EQ(scalar.shape, (std::vector<int64_t>{1}));
  EXPECT_EQ(scalar.values, (std::vector<double>{7}));
  EXPECT_EQ(parseNpy(npy("{'descr': '|i4', 'shape': ( 1 , 3 ) }", d3), "h").values,
            (std::vector<double>{7, 8, 9}));
  for (const char *shape : {"(,)", "(3,,)", "(,3)", "(3 4)", "(-3,)", "(3.0,)", "(0x3,)"})
    EXPECT_NE(npyError(std::string("{'descr': '<i4', 'shape': ") + shape + "}", d3)
                  .find("is not a tuple of non-negative integers"),
              std::string::npos)
        << shape;
  EXPECT_NE(npyError("{'descr': '>i4', 'shape': (3,)}", d3).find("not little-endian"),
            std::string::npos);
  EXPECT_NE(npyError("{'descr': '<c16', 'shape': (3,)}", d3).find("not little-endian"),
            std::string::npos);
  EXPECT_NE(npyError("{'descr': '<i4', 'fortran_order': Maybe, 'shape': (3,)}", d3)
                .find("'fortran_order' must be True or False"),
            std::string::npos);
  EXPECT_NE(npyError("{'descr': '<i4', 'shape': (4,)}", d3).find("shorter than the shape"),
            std::string::npos);
  EXPECT_NE(npyError("{'descr': '<i4', 'shape': (100000000000000000, 100)}", d3)
                .find("more entries than any file can hold"),
            std::string::npos);
  // A header far longer than any real one is read without recursion.
  EXPECT_NE(npyError("{'descr': '<i4', 'shape': (" + std::string(60000, '1') + ",)}", d3)
                .find("is not a tuple"),
            std::string::npos);
}

TEST(TensorFile, RelativePathsResolveAgainstTheSpec) {
  EXPECT_EQ(resolveRelativeTo("models/a.qtf", "w.csv"), "models/w.csv");
  EXPECT_EQ(resolveRelativeTo("a.qtf", "w.csv"), "w.csv");
  EXPECT_EQ(resolveRelativeTo("models/a.qtf", "/abs/w.csv"), "/abs/w.csv");
}

} // namespace
