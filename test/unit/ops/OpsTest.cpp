//===- OpsTest.cpp - Every op is defined once, in its own class -----------===//
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/ops/QsvtOps.h"
#include "qsvtc/ops/QtOps.h"

#include <gtest/gtest.h>

#include <algorithm>
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

/// A qsvt.poly of `spec` on a 2x2 block, as the lowering makes it.
struct PolyOnBlock {
  explicit PolyOnBlock(const ops::PolySpec &spec)
      : operand(ir::Type::block(2, 2, 1.0, 1), "B", nullptr),
        op(ops::Poly::name, {&operand}, ir::Type::block(2, 2, 1.0, 2), ops::polyAttributes(spec)) {}
  ir::Value operand;
  ir::Operation op;
};

TEST(Ops, PolynomialParametersAreReadByTheirFunctionsAccessor) {
  ops::PolySpec amplify("amplify");
  amplify.normBound = 2.5;
  amplify.rowNormBound = 0.5;
  PolyOnBlock a(amplify);
  ops::PolyAttrs pa(a.op);
  EXPECT_EQ(pa.fn(), "amplify");
  EXPECT_FALSE(pa.elementwise());
  EXPECT_EQ(pa.normBound(), 2.5);
  EXPECT_EQ(pa.rowNormBound(), 0.5);
  EXPECT_EQ(pa.domain(), (std::vector<double>{-1.0, 1.0}));
  // The same stored parameter means something else for another function:
  // asking an amplification for its gap is a compiler bug, not a value.
  EXPECT_THROW(pa.gap(), InternalError);
  EXPECT_THROW(pa.expShift(), InternalError);

  PolyOnBlock inv(ops::PolySpec("inverse"));
  EXPECT_EQ(ops::PolyAttrs(inv.op).gap(), std::nullopt); // no kappa: derived later
  EXPECT_THROW(ops::PolyAttrs(inv.op).normBound(), InternalError);

  ops::PolySpec exp("exp", true);
  exp.expShift = 0.0;
  PolyOnBlock e(exp);
  EXPECT_EQ(ops::PolyAttrs(e.op).expShift(), 0.0);
  EXPECT_TRUE(ops::PolyAttrs(e.op).elementwise());

  ops::PolySpec both("inverse");
  both.gap = 0.1;
  both.normBound = 1.0;
  EXPECT_THROW(ops::polyAttributes(both), InternalError);
  EXPECT_THROW(ops::PolyAttrs(bare(ops::Mul::name)), InternalError);
}

TEST(Ops, AFitIsReadBackAsWritten) {
  PolyOnBlock p(ops::PolySpec("sign"));
  ops::PolyAttrs attrs(p.op);
  EXPECT_EQ(attrs.degree(), std::nullopt);
  EXPECT_EQ(attrs.coef(), std::nullopt);
  ops::setFit(p.op, {3, std::vector<double>{0, 0.5, 0, -0.1}, false, 0.9, 1.0,
                     std::vector<double>{-1, -0.2, 0.2, 1}, 1e-4, 1, false});
  EXPECT_EQ(attrs.degree(), 3);
  EXPECT_EQ(attrs.coef(), (std::vector<double>{0, 0.5, 0, -0.1}));
  EXPECT_EQ(attrs.parity(), 1);
  EXPECT_EQ(attrs.scale(), 0.9);
  EXPECT_EQ(attrs.maxError(), 1e-4);
  EXPECT_EQ(attrs.domain(), (std::vector<double>{-1, -0.2, 0.2, 1}));
  EXPECT_FALSE(attrs.estimated());
  EXPECT_FALSE(attrs.identity());
  // Its type follows: QSVT of one parity, alpha factor / scale, operand's
  // ancillas + 2 (the operand is a 2x2 block with one).
  EXPECT_EQ(ops::fittedType(p.op), ir::Type::block(2, 2, 1.0 / 0.9, 3));
  // A refit of mixed parity drops the parity; an estimate has no coefficients.
  ops::setFit(p.op, {5, std::nullopt, true, 1.0, 1.0, std::nullopt, 1e-3, std::nullopt, true});
  EXPECT_EQ(attrs.parity(), std::nullopt);
  EXPECT_TRUE(attrs.estimated());
  EXPECT_TRUE(attrs.identity());
  ops::clearIdentity(p.op);
  EXPECT_FALSE(attrs.identity());
  // Every key setFit writes is one the op's definition declares.
  ops::clearIdentity(p.op);
  for (const auto &[key, value] : p.op.attributes) {
    const auto &specs = ops::Poly().definition().attributes;
    EXPECT_TRUE(std::any_of(specs.begin(), specs.end(), [&](const ir::AttrSpec &s) {
      return s.name == key;
    })) << key;
  }
}

TEST(Ops, BuildersWriteWhatTheAccessorsRead) {
  ir::Operation lcu(ops::Lcu::name, {}, std::nullopt,
                    ops::lcuAttributes(ops::LcuKind::Columns, "", {}, 2));
  EXPECT_EQ(ops::lcuKind(lcu), ops::LcuKind::Columns);
  EXPECT_EQ(ops::lcuSource(lcu), "");
  ir::Operation add(ops::Add::name, {}, std::nullopt, ops::addAttributes({1.0, -0.5}));
  EXPECT_EQ(ops::addCoefficients(add), (std::vector<double>{1.0, -0.5}));
  ir::Operation readout(ops::Readout::name, {}, std::nullopt, ops::readoutAttributes("layer.1"));
  EXPECT_EQ(ops::readoutBlock(readout), "layer.1");
  EXPECT_EQ(ops::epsilonOf(readout), 1.0);
  ops::setEpsilon(readout, 0.25);
  EXPECT_EQ(ops::epsilonOf(readout), 0.25);
  ir::Operation mul(ops::Mul::name, {}, std::nullopt, ops::zeroPaddingAttributes());
  EXPECT_TRUE(ops::isZeroPadding(mul));
  EXPECT_THROW(ops::setEpsilon(mul, 0.1), InternalError); // a product makes no error
  EXPECT_EQ(ops::regionEntryIndex(mul), std::nullopt);
  ops::setRegionEntryIndex(mul, 1);
  EXPECT_EQ(ops::regionEntryIndex(mul), 1u);
}

} // namespace
