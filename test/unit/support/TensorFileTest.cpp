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

TEST(TensorFile, RelativePathsResolveAgainstTheSpec) {
  EXPECT_EQ(resolveRelativeTo("models/a.qtf", "w.csv"), "models/w.csv");
  EXPECT_EQ(resolveRelativeTo("a.qtf", "w.csv"), "w.csv");
  EXPECT_EQ(resolveRelativeTo("models/a.qtf", "/abs/w.csv"), "/abs/w.csv");
}

} // namespace
