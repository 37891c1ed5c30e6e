//===- PolyJsonTest.cpp - The polynomial file format ----------------------===//
//
// design.md's polynomial JSON: what approximate() writes reads back to the
// same coefficients (as doubles at 53 bits, digit for digit above), and
// every malformed file is a qsvtc::Error naming the file (with line:col for
// syntax errors, counted here by hand).
//
//===----------------------------------------------------------------------===//
#include "ApproxTestSupport.h"

#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/PolyJson.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

using namespace qsvtc::approx;
using qsvtc::Error;
using qsvtc::numeric::Mpfr;
using qsvtc::numeric::PrecisionGuard;

namespace {

/// The message of the qsvtc::Error parsePolyJson throws ("" if none). Any
/// other exception is bad input escaping as a crash in the tools (they
/// catch qsvtc::Error only): reported as a failure, with its message.
std::string parseError(const std::string &text) {
  try {
    parsePolyJson(text, "poly.json");
  } catch (const Error &e) {
    return e.what();
  } catch (const std::exception &e) {
    ADD_FAILURE() << "not a qsvtc::Error for " << text << ": " << e.what();
    return std::string("(other exception) ") + e.what();
  }
  return "";
}

ApproxOptions withEps(double eps) {
  ApproxOptions o;
  o.epsilon = eps;
  return o;
}

} // namespace

// Double precision: coefficients are JSON numbers that read back to the
// identical doubles; the file's metadata match the approximation.
TEST(PolyJson, RoundTripDouble) {
  for (const char *name : {"gelu", "tanh", "cos"}) {
    const ApproxOptions o = withEps(1e-6);
    const Approximation a = approximate(makeCatalogFunction(name, {}), o);
    const nlohmann::ordered_json j = toJson(a, o);
    EXPECT_EQ(j["basis"], "chebyshev");
    EXPECT_EQ(j["domain"], nlohmann::ordered_json::array({-1, 1}));
    EXPECT_EQ(j["degree"], a.degree);
    EXPECT_EQ(j["coef"].size(), a.coef.size());
    EXPECT_EQ(j["max_error"].get<double>(), a.certificate.maxError);
    EXPECT_EQ(j["epsilon"].get<double>(), 1e-6);
    if (a.parity == Parity::None) {
      EXPECT_TRUE(j["parity"].is_null()) << name;
      EXPECT_TRUE(j.contains("parts")) << name;
    } else {
      EXPECT_EQ(j["parity"], parityIndex(a.parity)) << name;
    }
    const PolyFile pf = parsePolyJson(j.dump(2), "gelu.json");
    ASSERT_EQ(pf.coef.size(), a.coef.size()) << name;
    for (std::size_t k = 0; k < a.coef.size(); ++k)
      EXPECT_EQ(std::stod(pf.coef[k]), static_cast<double>(a.coef[k])) << name << " c_" << k;
    EXPECT_EQ(pf.parity.has_value(), a.parity != Parity::None) << name;
    if (pf.parity) {
      EXPECT_EQ(*pf.parity, parityIndex(a.parity)) << name;
    }
    // The file read back as a target is p itself, up to the 17-digit
    // decimal spelling of each double (5e-17 relative each; the
    // coefficients sum to < 2 in absolute value here): certifying p
    // against it gives <= 1e-16.
    CertifyOptions co;
    co.precisionBits = 128;
    EXPECT_LE(certify(a.coef, makeChebyshevFunction(pf.coef), co).maxError, 1e-16) << name;
  }
}

// Above double: coefficients are decimal strings holding every digit, so
// reading them back at the approximation's precision gives the very
// values that were certified.
TEST(PolyJson, RoundTripMpfrExactly) {
  ApproxOptions o = withEps(1e-30);
  o.precisionBits = 256;
  const Approximation a = approximate(makeCatalogFunction("exp", {{"beta", 1.0}}), o);
  const nlohmann::ordered_json j = toJson(a, o);
  ASSERT_TRUE(j["coef"][0].is_string());
  const PolyFile pf = parsePolyJson(j.dump(), "exp.json");
  ASSERT_EQ(pf.coef.size(), a.coef.size());
  PrecisionGuard guard(256);
  std::size_t differ = 0;
  double worst = 0;
  for (std::size_t k = 0; k < a.coef.size(); ++k) {
    const Mpfr back(pf.coef[k]);
    if (back != a.coef[k]) {
      ++differ;
      worst = std::max(worst, static_cast<double>(abs(Mpfr((back - a.coef[k]) / a.coef[k]))));
    }
  }
  EXPECT_EQ(differ, 0u) << differ << " of " << a.coef.size()
                        << " coefficients changed on the round trip, worst " << worst
                        << " relative";
  // Whatever the digits, the file's polynomial meets eps: it is certified
  // here against the same target at 512 bits.
  CertifyOptions co;
  co.precisionBits = 512;
  std::vector<Mpfr> coefBack(pf.coef.begin(), pf.coef.end());
  EXPECT_LE(certify(coefBack, a.target, co).maxError, 1e-30);
}

TEST(PolyJson, DecimalStringHasAllDigits) {
  PrecisionGuard guard(256);
  const Mpfr third = Mpfr(1) / 3;
  const std::string s = decimalString(third, 256);
  // 256 bits need ceil(256 log10 2) + 1 = 79 significant digits.
  EXPECT_GE(std::count(s.begin(), s.end(), '3'), 77) << s;
  EXPECT_LE(static_cast<double>(abs(Mpfr(Mpfr(s) - third))), 1e-77);
}

// Syntax errors: "name:line:col: error:", the position of the offending
// character (1-based), counted by hand for these texts.
TEST(PolyJson, MalformedJsonNamesLineAndColumn) {
  // Line 2 is ` "coef": [1, 2,,]`: the second comma is column 16.
  const std::string e1 = parseError("{\n \"coef\": [1, 2,,]\n}");
  EXPECT_EQ(e1.rfind("poly.json:2:16: error:", 0), 0u) << e1;
  // Line 3, column 3: a bare word where a value belongs.
  const std::string e2 = parseError("{\"basis\": \"chebyshev\",\n\"coef\":\n  [oops]}");
  EXPECT_EQ(e2.rfind("poly.json:3:", 0), 0u) << e2;
  // Truncated input: some line:col, and a message.
  const std::string e3 = parseError("{\"coef\": [1, 2");
  EXPECT_TRUE(std::regex_search(e3, std::regex("^poly\\.json:1:[0-9]+: error: "))) << e3;
  EXPECT_NE(parseError(""), "");
  EXPECT_NE(parseError("not json"), "");
}

TEST(PolyJson, RejectsBadContent) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"top level not an object", "[1, 2, 3]"},
      {"missing coef", R"({"basis": "chebyshev"})"},
      {"empty coef", R"({"coef": []})"},
      {"coef not an array", R"({"coef": 1.5})"},
      {"boolean coefficient", R"({"coef": [1, true]})"},
      {"null coefficient", R"({"coef": [1, null]})"},
      {"object coefficient", R"({"coef": [{"v": 1}]})"},
      {"array coefficient", R"({"coef": [[1]]})"},
      {"text coefficient", R"({"coef": ["1", "abc"]})"},
      {"trailing text", R"({"coef": ["1.5x"]})"},
      {"empty string", R"({"coef": [""]})"},
      {"nan string", R"({"coef": ["nan"]})"},
      {"inf string", R"({"coef": ["0", "inf"]})"},
      {"overflow string", R"({"coef": ["1e999"]})"},
      {"overflow number", R"({"coef": [1e999]})"},
      {"wrong basis", R"({"basis": "monomial", "coef": [1]})"},
      {"basis not a string", R"({"basis": 1, "coef": [1]})"},
      {"even parity, odd terms", R"({"parity": 0, "coef": [1, 0.5]})"},
      {"odd parity, even terms", R"({"parity": 1, "coef": [0, 1, 0.25]})"},
      {"parity 2", R"({"parity": 2, "coef": [1]})"},
      {"parity as text", R"({"parity": "odd", "coef": [0, 1]})"},
      {"domain [0, 1]", R"({"coef": [1], "domain": [0, 1]})"},
      {"domain of three", R"({"coef": [1], "domain": [-1, 0, 1]})"},
      {"domain not an array", R"({"coef": [1], "domain": "-1,1"})"},
  };
  for (const auto &[why, text] : bad) {
    const std::string msg = parseError(text);
    EXPECT_NE(msg, "") << why << ": accepted " << text;
    // Every message names the file.
    EXPECT_EQ(msg.rfind("poly.json:", 0), 0u) << why << ": " << msg;
  }
}

TEST(PolyJson, AcceptsValidVariants) {
  // Minimal file; numbers and strings mixed; parity null; float domain.
  const PolyFile a = parsePolyJson(R"({"coef": [0.5]})", "a.json");
  EXPECT_EQ(a.coef, (std::vector<std::string>{"0.5"}));
  EXPECT_FALSE(a.parity.has_value());
  const PolyFile b = parsePolyJson(
      R"({"basis": "chebyshev", "parity": 1, "domain": [-1.0, 1.0],
          "coef": [0, "0.1234567890123456789012345678901234567890", 0, -2]})",
      "b.json");
  ASSERT_EQ(b.coef.size(), 4u);
  // Strings are kept digit for digit.
  EXPECT_EQ(b.coef[1], "0.1234567890123456789012345678901234567890");
  EXPECT_EQ(std::stod(b.coef[3]), -2.0);
  ASSERT_TRUE(b.parity.has_value());
  EXPECT_EQ(*b.parity, 1);
  const PolyFile c = parsePolyJson(R"({"parity": null, "coef": [1, 2, 3]})", "c.json");
  EXPECT_FALSE(c.parity.has_value());
  // Declared even with all-zero odd terms is consistent.
  EXPECT_NO_THROW(parsePolyJson(R"({"parity": 0, "coef": [1, 0, 2, 0]})", "d"));
  // Numbers keep 17 significant digits: they read back to the same double.
  const double x = 0.1 + 0.2; // 0.30000000000000004
  const PolyFile e = parsePolyJson("{\"coef\": [" + nlohmann::json(x).dump() + "]}", "e.json");
  EXPECT_EQ(std::stod(e.coef[0]), x);
}

// Coefficients below double's range are finite numbers (an MPFR polynomial
// of high degree can have them: exp's c_k ~ 2^-k / k! is below 1e-308 from
// k ~ 150), so they must be read, not rejected as "not finite".
TEST(PolyJson, AcceptsCoefficientsBelowDoubleRange) {
  for (const char *tiny : {"1e-310", "1e-400", "-2.5e-1000"}) {
    const std::string text = std::string(R"({"coef": [1, ")") + tiny + R"("]})";
    EXPECT_EQ(parseError(text), "") << tiny;
  }
}
