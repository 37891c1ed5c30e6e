//===- PermutationTest.cpp - Basis permutations move every state ----------===//
//
// Random permutations on 1-5 qubits, printed, read back by the runtime and
// simulated column by column: column x must be the basis state perm[x],
// exactly (the gates are X, CNOT and multi-controlled X: no rounding).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/backend/Permutation.h"
#include "qsvtc/runtime/BlockExtraction.h"
#include "qsvtc/runtime/Elaborator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

using namespace qsvtc;
using namespace qsvtc::backend;

TEST(BasisPermutation, RandomPermutationsAreExact) {
  std::mt19937_64 rng(3);
  for (int n = 1; n <= 5; ++n)
    for (int trial = 0; trial < 6; ++trial) {
      std::vector<uint64_t> perm(uint64_t{1} << n);
      std::iota(perm.begin(), perm.end(), 0);
      std::shuffle(perm.begin(), perm.end(), rng);
      Program program;
      program.registers = {{"q", n}};
      GateBuilder b(program.body);
      appendBasisPermutation(b, perm, qubitRange(0, n));
      runtime::Circuit circuit = runtime::readQasm(printQasm(program), "perm.qasm");
      runtime::QubitPartition all;
      all.data = qubitRange(0, n);
      const Eigen::MatrixXcd u = runtime::extractBlock(circuit, all);
      Eigen::MatrixXcd expected = Eigen::MatrixXcd::Zero(u.rows(), u.cols());
      for (std::size_t x = 0; x < perm.size(); ++x)
        expected(static_cast<Eigen::Index>(perm[x]), static_cast<Eigen::Index>(x)) = 1;
      EXPECT_EQ(u, expected) << n << " qubits, trial " << trial;
    }
}

TEST(BasisPermutation, CompletesPartialMaps) {
  // 0 -> 2, 1 -> 3 on 4 states: the rest (2, 3) go to the free 0, 1.
  EXPECT_EQ(completePermutation({0, 1}, {2, 3}, 4), (std::vector<uint64_t>{2, 3, 0, 1}));
  // The tensor map i 4 + j -> i 3 + j (i, j < 3) on 16 states.
  std::vector<uint64_t> from, to;
  for (uint64_t i = 0; i < 3; ++i)
    for (uint64_t j = 0; j < 3; ++j)
      from.push_back(i * 4 + j), to.push_back(i * 3 + j);
  std::vector<uint64_t> p = completePermutation(from, to, 16);
  std::vector<uint64_t> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  std::vector<uint64_t> all(16);
  std::iota(all.begin(), all.end(), 0);
  EXPECT_EQ(sorted, all);
  for (std::size_t k = 0; k < from.size(); ++k)
    EXPECT_EQ(p[from[k]], to[k]);
}
