//===- OpsTest.cpp - Every op is defined once, in its own class -----------===//
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"

#include <gtest/gtest.h>

#include <set>

using namespace qsvtc;

namespace {

#define QSVTC_COUNT(Class, Name) +1
constexpr int QsvtOpCount = 0 QSVTC_QSVT_OPS(QSVTC_COUNT);
constexpr int QtOpCount = 0 QSVTC_QT_OPS(QSVTC_COUNT);
#undef QSVTC_COUNT

/// An op named `name` with no operands or attributes: enough to look up
/// its definition.
ir::Operation bare(const std::string &name) { return ir::Operation(name, {}, std::nullopt, {}); }

TEST(Ops, EveryVerifiedOpHasExactlyOneDefinition) {
  std::vector<const ir::OpDefinition *> all = ir::allOps();
  EXPECT_EQ(static_cast<int>(all.size()), QsvtOpCount + QtOpCount);
  std::set<std::string> names;
  for (const ir::OpDefinition *def : all) {
    ir::Operation op = bare(def->name);
    const bool construction = ops::construction(op) != nullptr;
    const bool tensor = ops::qt::tensorOp(op) != nullptr;
    EXPECT_NE(construction, tensor) << def->name;
    EXPECT_EQ(construction, def->name.rfind("qsvt.", 0) == 0) << def->name;
    EXPECT_TRUE(def->verify) << def->name << " has no type rule";
    EXPECT_FALSE(def->summary.empty()) << def->name;
    EXPECT_TRUE(names.insert(def->name).second) << def->name << " is defined twice";
  }
}

TEST(Ops, DefinitionsCarryTheNameTheyAreRegisteredUnder) {
  for (const ir::OpDefinition &def : ops::qsvtDefinitions())
    EXPECT_EQ(ops::construction(bare(def.name))->definition().name, def.name);
  for (const ir::OpDefinition &def : ops::qt::qtDefinitions())
    EXPECT_EQ(ops::qt::tensorOp(bare(def.name))->definition().name, def.name);
  EXPECT_EQ(ops::construction(bare("qsvt.nonesuch")), nullptr);
  EXPECT_THROW(ops::constructionOf(bare("qt.matmul")), InternalError);
}

TEST(Ops, MatchingIsByClass) {
  EXPECT_TRUE(ops::is<ops::Mul>(bare(ops::Mul::name)));
  EXPECT_FALSE(ops::is<ops::Mul>(bare(ops::Add::name)));
  // qt.add and qsvt.add are different ops with one class name each.
  EXPECT_FALSE(ops::is<ops::Add>(bare(ops::qt::Add::name)));
  EXPECT_TRUE(ops::isPolynomial(bare(ops::Phases::name)));
  EXPECT_TRUE(ops::qt::isSource(bare(ops::qt::Weight::name)));
  EXPECT_FALSE(ops::qt::isNormalisation(bare(ops::qt::Softmax::name)));
}

TEST(Ops, LcuKindsRoundTrip) {
  for (ops::LcuKind kind : {ops::LcuKind::Pauli, ops::LcuKind::Dense, ops::LcuKind::Amplitude,
                            ops::LcuKind::Opaque, ops::LcuKind::Uniform, ops::LcuKind::Centering,
                            ops::LcuKind::Columns, ops::LcuKind::Conv2d}) {
    ir::Operation op(ops::Lcu::name, {}, std::nullopt,
                     {{"kind", ir::Attribute(std::string(ops::lcuKindName(kind)))}});
    EXPECT_EQ(ops::lcuKind(op), kind) << ops::lcuKindName(kind);
  }
  ir::Operation bad(ops::Lcu::name, {}, std::nullopt,
                    {{"kind", ir::Attribute(std::string("nonesuch"))}});
  EXPECT_THROW(ops::lcuKind(bad), InternalError);
}

} // namespace
