//===- IrTest.cpp - Attributes, types, verifier rules, round trip ---------===//
#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <set>

namespace {

using namespace qsvtc;
using namespace qsvtc::ir;

TEST(Attribute, FloatsPrintShortestAndReadBackExactly) {
  // Random bit patterns cover subnormals, huge and tiny exponents.
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200000; ++i) {
    uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v))
      continue;
    std::string text = formatFloat(v);
    ASSERT_NE(text.find_first_of(".e"), std::string::npos) << text;
    std::optional<double> back = parseNumber(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(std::memcmp(&*back, &v, sizeof v), 0) << text;
  }
  EXPECT_EQ(formatFloat(1.0), "1.0");
  EXPECT_EQ(formatFloat(0.1), "0.1");
  EXPECT_EQ(formatFloat(-2.5e-300), "-2.5e-300");
}

TEST(Attribute, IntsAndFloatsStayDistinctThroughText) {
  std::string text = "module @m {\n"
                     "  %a = qt.weight {init = \"random\", name = \"a\", norm = 1.0, seed = 1}"
                     " : tensor<2>\n}\n";
  auto module = parseModule(text, "m.mlir");
  const Operation &op = *module->operations[0];
  EXPECT_TRUE(op.getAttr("seed").isInt());
  EXPECT_TRUE(op.getAttr("norm").isFloat());
  EXPECT_EQ(print(*module), text);
}

Value *input(Module &m, std::vector<int64_t> shape, const std::string &name) {
  return m.create("qt.input", {}, Type::tensor(std::move(shape)),
                  {{"init", "symbolic"}, {"name", name}, {"norm", 1.0}}, {}, name);
}

TEST(Verifier, InfersQtResultShapes) {
  Module m("shapes");
  Value *a = input(m, {3, 5}, "a"), *b = input(m, {5, 2}, "b"), *v = input(m, {5}, "v");
  Operation mm("qt.matmul", {a, b}, Type::tensor({1}), {});
  EXPECT_EQ(*inferResultType(mm), Type::tensor({3, 2}));
  Operation mv("qt.matmul", {a, v}, Type::tensor({1}), {});
  EXPECT_EQ(*inferResultType(mv), Type::tensor({3}));
  Operation inv("qt.matfn", {a}, Type::tensor({1}), {{"fn", "inverse"}});
  EXPECT_EQ(*inferResultType(inv), Type::tensor({5, 3}));
  Value *x = input(m, {2, 8, 8}, "x");
  Value *k = m.create("qt.weight", {}, Type::tensor({4, 2, 3, 3}),
                      {{"init", "symbolic"}, {"name", "k"}, {"norm", 1.0}});
  // (8 + 2*1 - 3) / 2 + 1 = 4
  Operation conv("qt.conv2d", {x, k}, Type::tensor({1}), {{"stride", 2}, {"padding", 1}});
  EXPECT_EQ(*inferResultType(conv), Type::tensor({4, 4, 4}));
}

TEST(Verifier, BlockAlgebraAccountsAlphaAndAncillas) {
  Module m("blocks");
  Value *u =
      m.create("qsvt.lcu", {}, Type::block(8, 8, 1.5, 2), {{"kind", "pauli"}, {"source", "U"}});
  Value *w =
      m.create("qsvt.lcu", {}, Type::block(8, 8, 2.0, 3), {{"kind", "dense"}, {"source", "W"}});
  Operation mul("qsvt.mul", {u, w}, Type::block(1, 1, 1, 0), {});
  EXPECT_EQ(*inferResultType(mul), Type::block(8, 8, 3.0, 5));
  // LCU of 3 blocks: alpha = sum |c_i| alpha_i, ancillas = max + ceil(log2 3).
  Operation add("qsvt.add", {u, w, u}, Type::block(1, 1, 1, 0),
                {{"coeffs", floatList({1.0, -0.5, 2.0})}});
  EXPECT_EQ(*inferResultType(add), Type::block(8, 8, 1.5 + 1.0 + 3.0, 3 + 2));
  Operation had("qsvt.hadamard", {u, u}, Type::block(1, 1, 1, 0), {});
  EXPECT_EQ(*inferResultType(had), Type::block(8, 8, 2.25, 2 + 2 + 3));
  Operation ten("qsvt.tensor", {u, w}, Type::block(1, 1, 1, 0), {});
  EXPECT_EQ(*inferResultType(ten), Type::block(64, 64, 3.0, 5));
}

TEST(Verifier, ReportsOpAndLocation) {
  Module m("bad");
  Value *a = input(m, {2, 3}, "a");
  m.create("qt.matmul", {a, a}, Type::tensor({2, 3}), {}, Location{"f.qtf", 4, 7});
  try {
    verify(m);
    FAIL() << "expected a verifier error";
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "f.qtf:4:7: error: 'qt.matmul' op (result tensor<2x3>): inner "
                           "dimensions differ: tensor<2x3> @ tensor<2x3>");
  }
}

TEST(Printer, DuplicateOrInvalidNamesAreNumbered) {
  Module m("names");
  Value *a = input(m, {2}, "x");
  Value *b = input(m, {2}, "x");      // duplicate hint
  Value *c = input(m, {2}, "9lives"); // not an identifier
  m.create("qt.add", {a, b}, Type::tensor({2}), {});
  (void)c;
  std::string text = print(m);
  EXPECT_NE(text.find("%0 = qt.input"), std::string::npos);
  EXPECT_NE(text.find("%1 = qt.input"), std::string::npos);
  EXPECT_NE(text.find("%2 = qt.input"), std::string::npos);
  EXPECT_NE(text.find("%3 = qt.add %0, %1"), std::string::npos);
  EXPECT_EQ(print(*parseModule(text, "n.mlir")), text);
}

} // namespace

/// Every value's use-list, recounted from the operands (the reference).
void expectUseListsMatchOperands(const Module &m) {
  std::map<const Value *, std::multiset<const Operation *>> expected;
  for (const auto &op : m.operations)
    for (const Value *v : op->operands)
      expected[v].insert(op.get());
  for (const auto &op : m.operations)
    if (op->hasResult()) {
      const std::vector<Operation *> &users = op->getResult()->users();
      EXPECT_EQ(std::multiset<const Operation *>(users.begin(), users.end()),
                expected[op->getResult()])
          << "%" << op->getResult()->name;
      EXPECT_EQ(m.useCount(op->getResult()), expected[op->getResult()].size());
    }
}

TEST(UseLists, FollowRandomEditsAndErasures) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    Module m;
    std::vector<Value *> values;
    for (int i = 0; i < 12; ++i) {
      std::vector<Value *> operands;
      if (!values.empty())
        for (int k = std::uniform_int_distribution<int>(0, 2)(rng); k > 0; --k)
          operands.push_back(values[rng() % values.size()]); // repeats allowed
      values.push_back(
          m.create("qt.add", operands, Type::tensor({2, 2}), {}, {}, "v" + std::to_string(i)));
    }
    expectUseListsMatchOperands(m);
    // Redirect uses to an earlier value, set single operands, erase the
    // unused tail: the lists must follow every change.
    for (int edit = 0; edit < 10; ++edit) {
      std::size_t from = 1 + rng() % (values.size() - 1);
      m.replaceAllUses(values[from], values[rng() % from]);
      Operation &op = *m.operations[rng() % m.operations.size()];
      if (!op.operands.empty()) {
        std::size_t i = rng() % op.operands.size();
        std::size_t def = 0;
        while (m.operations[def].get() != &op && def + 1 < m.operations.size())
          ++def;
        if (def > 0)
          op.setOperand(i, values[rng() % def]);
      }
      expectUseListsMatchOperands(m);
    }
    for (bool erased = true; erased;) {
      std::size_t before = m.operations.size();
      m.eraseIf([&](const Operation &op) { return op.getResult()->users().empty(); });
      erased = m.operations.size() != before;
      expectUseListsMatchOperands(m);
    }
    EXPECT_TRUE(m.operations.empty()); // with no outputs, everything goes
  }
}
