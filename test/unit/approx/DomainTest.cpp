//===- DomainTest.cpp - Unions of intervals inside [-1, 1] ----------------===//
//
// Parsing of the "a,b[,c,d...]" text (every kind of bad input must be a
// qsvtc::Error, never a crash or a silently wrong domain) and the set
// operations, each checked against the set they should produce, written out
// by hand.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Domain.h"

#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using qsvtc::Error;
using qsvtc::approx::Domain;
using qsvtc::approx::Interval;

namespace {

/// The parts of d as flat endpoints, for one-line comparisons.
std::vector<double> ends(const Domain &d) {
  std::vector<double> out;
  for (const Interval &iv : d.parts()) {
    out.push_back(iv.lo);
    out.push_back(iv.hi);
  }
  return out;
}

} // namespace

TEST(Domain, DefaultIsWholeInterval) {
  EXPECT_EQ(ends(Domain()), (std::vector<double>{-1, 1}));
  EXPECT_TRUE(Domain().isSymmetric());
}

TEST(Domain, ParsesValidText) {
  EXPECT_EQ(ends(Domain::parse("-1,1")), (std::vector<double>{-1, 1}));
  // Whitespace around numbers, exponents, and pairs given out of order
  // (the parts come back sorted).
  EXPECT_EQ(ends(Domain::parse(" 0.5 , 1e0 ,-1, -0.25")), (std::vector<double>{-1, -0.25, 0.5, 1}));
  EXPECT_EQ(ends(Domain::parse("-1,-0.1,0.1,1")), (std::vector<double>{-1, -0.1, 0.1, 1}));
  EXPECT_EQ(Domain::parse("-0.3,0.2").parts().size(), 1u);
}

TEST(Domain, RejectsMalformedText) {
  const std::vector<std::string> bad = {
      "",             // nothing
      "-1",           // odd count
      "-1,0,0.5",     // odd count
      "-1,abc",       // not a number
      "-1,0.5x",      // trailing junk
      "-1,,1",        // empty item
      "nan,1",        // not finite
      "-inf,1",       // not finite (and outside)
      "0.5,0.5",      // lo == hi
      "0.6,0.5",      // lo > hi
      "-1,0.5,0.2,1", // overlap
      "-1,0,0,1",     // touching intervals share x = 0: overlap
      "-1.5,0",       // outside [-1, 1]
      "0,1.0000001",  // outside [-1, 1]
  };
  for (const std::string &text : bad)
    EXPECT_THROW(Domain::parse(text), Error) << "'" << text << "'";
}

// A dangling comma is malformed text like "-1,,1" is; std::getline silently
// drops an empty last field, so this checks the parser does not.
TEST(Domain, RejectsTrailingComma) { EXPECT_THROW(Domain::parse("-1,1,"), Error); }

TEST(Domain, ConstructorValidates) {
  EXPECT_THROW(Domain(std::vector<Interval>{}), Error);
  EXPECT_THROW(Domain({{0.2, 0.1}}), Error);
  EXPECT_THROW(Domain({{-1, 0.5}, {0.4, 1}}), Error);
  EXPECT_NO_THROW(Domain({{0.4, 1}, {-1, 0.3}}));
}

TEST(Domain, SymmetricGap) {
  EXPECT_EQ(ends(Domain::symmetricGap(0.1)), (std::vector<double>{-1, -0.1, 0.1, 1}));
  for (double bad : {0.0, 1.0, -0.1, 1.5})
    EXPECT_THROW(Domain::symmetricGap(bad), Error) << bad;
}

TEST(Domain, ContainsMatchesIntervalMembership) {
  const Domain d = Domain::parse("-1,-0.5,0.1,0.3,0.6,0.9");
  // Closed intervals: endpoints belong to the domain.
  for (double x : {-1.0, -0.75, -0.5, 0.1, 0.2, 0.3, 0.6, 0.9})
    EXPECT_TRUE(d.contains(x)) << x;
  for (double x : {-1.0001, -0.4999, 0.0, 0.0999, 0.3001, 0.5, 0.95, 1.0})
    EXPECT_FALSE(d.contains(x)) << x;
  // Random points against the definition written out.
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(-1.2, 1.2);
  for (int i = 0; i < 1000; ++i) {
    const double x = u(rng);
    const bool want = (x >= -1 && x <= -0.5) || (x >= 0.1 && x <= 0.3) || (x >= 0.6 && x <= 0.9);
    EXPECT_EQ(d.contains(x), want) << x;
  }
}

TEST(Domain, IsSymmetric) {
  EXPECT_TRUE(Domain::parse("-1,-0.1,0.1,1").isSymmetric());
  EXPECT_TRUE(Domain::parse("-0.5,0.5").isSymmetric());
  EXPECT_TRUE(Domain::parse("-0.9,-0.6,-0.3,0.3,0.6,0.9").isSymmetric());
  EXPECT_FALSE(Domain::parse("-1,0.5").isSymmetric());
  EXPECT_FALSE(Domain::parse("0.1,1").isSymmetric());
  EXPECT_FALSE(Domain::parse("-1,-0.2,0.1,1").isSymmetric());
}

TEST(Domain, Symmetrized) {
  // Disjoint from its mirror: two parts.
  EXPECT_EQ(ends(Domain::parse("0.2,0.5").symmetrized()),
            (std::vector<double>{-0.5, -0.2, 0.2, 0.5}));
  // Overlapping its mirror: merged into one.
  EXPECT_EQ(ends(Domain::parse("-0.5,0.3").symmetrized()), (std::vector<double>{-0.5, 0.5}));
  // Already symmetric: unchanged.
  EXPECT_EQ(ends(Domain::parse("-1,-0.1,0.1,1").symmetrized()),
            (std::vector<double>{-1, -0.1, 0.1, 1}));
  // Mixed: [-1,-0.8] U [0.1,0.9] -> [-1,-0.1] U [0.1,1] after merging
  // [-1,-0.8] with the mirror [-0.9,-0.1].
  EXPECT_EQ(ends(Domain::parse("-1,-0.8,0.1,0.9").symmetrized()),
            (std::vector<double>{-1, -0.1, 0.1, 1}));
  // Property: x in s(d) <=> x in d or -x in d, and s(d) is symmetric.
  const Domain d = Domain::parse("-0.7,-0.4,0.05,0.2,0.5,0.6");
  const Domain s = d.symmetrized();
  EXPECT_TRUE(s.isSymmetric());
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int i = 0; i < 1000; ++i) {
    const double x = u(rng);
    EXPECT_EQ(s.contains(x), d.contains(x) || d.contains(-x)) << x;
  }
}

TEST(Domain, PositiveHalf) {
  EXPECT_EQ(ends(Domain().positiveHalf()), (std::vector<double>{0, 1}));
  EXPECT_EQ(ends(Domain::parse("-1,-0.1,0.1,1").positiveHalf()), (std::vector<double>{0.1, 1}));
  EXPECT_EQ(ends(Domain::parse("-0.5,0.25,0.5,0.75").positiveHalf()),
            (std::vector<double>{0, 0.25, 0.5, 0.75}));
  EXPECT_THROW(Domain::parse("-1,-0.5").positiveHalf(), Error);
}

TEST(Domain, StrNamesTheParts) {
  EXPECT_EQ(Domain::parse("-1,-0.1,0.1,1").str(), "[-1, -0.1] U [0.1, 1]");
}
