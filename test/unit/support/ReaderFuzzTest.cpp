//===- ReaderFuzzTest.cpp - Seeded mutation fuzzing of the file readers ---===//
//
// The weight readers (CSV, .npy), the polynomial and phases JSON readers
// and the manifest reader each get QSVTC_FUZZ_CASES mutants (default
// 100000, the hardening issue's floor) of the repository's valid inputs
// (../FuzzMutator.h). Every mutant must either read into a value that keeps
// the reader's invariants, or be refused with the reader's own error type
// naming the file -- never another exception, a crash (make check-asan) or
// a hang (ctest's timeout). Both outcomes must occur, or the mutator is not
// reaching the checks.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/PolyJson.h"
#include "qsvtc/qsp/GqspJson.h"
#include "qsvtc/qsp/PhasesJson.h"
#include "qsvtc/runtime/Diagnostic.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/TensorFile.h"

#include "../FuzzMutator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>

namespace {

using namespace qsvtc;

const std::string TestDir = std::string(QSVTC_TEST_DATA_DIR) + "/..";

/// The files under each test/<dir> whose names end in <suffix>, each
/// folder's sorted by name, in the order given.
std::vector<std::string> corpus(std::initializer_list<std::pair<std::string, std::string>> places) {
  std::vector<std::string> texts;
  for (const auto &[dir, suffix] : places) {
    std::vector<std::string> names;
    for (const auto &entry : std::filesystem::directory_iterator(TestDir + "/" + dir)) {
      const std::string name = entry.path().string();
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    for (const std::string &name : names)
      texts.push_back(readFile(name));
  }
  return texts;
}

/// Runs `read` on mutants of `texts`: `read` returns normally (and checks
/// what it read) or throws ErrorType, whose message must name "fuzz".
template <class ErrorType>
void fuzz(const char *what, const std::vector<std::string> &texts,
          const std::vector<std::string> &fragments,
          const std::function<void(const std::string &)> &read, uint64_t seed) {
  ASSERT_FALSE(texts.empty());
  std::mt19937_64 rng(seed);
  const std::size_t cases = test::fuzzCaseCount(100000);
  std::size_t accepted = 0, rejected = 0;
  for (std::size_t i = 0; i < cases; ++i) {
    const std::string text = test::mutate(texts[rng() % texts.size()], rng, texts, fragments);
    try {
      read(text);
      ++accepted;
    } catch (const ErrorType &e) {
      ASSERT_NE(std::string(e.what()).find("fuzz"), std::string::npos)
          << "the diagnostic does not name the file: " << e.what();
      ++rejected;
    } catch (const std::exception &e) {
      FAIL() << "non-diagnostic exception '" << e.what() << "' for:\n" << text;
    }
    if (::testing::Test::HasFailure())
      FAIL() << what << " input:\n" << text;
  }
  EXPECT_GT(accepted, 0u) << what;
  EXPECT_GT(rejected, cases / 10) << what;
  std::cout << "[ fuzz ] " << cases << " " << what << " mutants: " << accepted << " read, "
            << rejected << " diagnosed\n";
}

void expectConsistent(const TensorData &d) {
  std::size_t count = 1;
  for (int64_t extent : d.shape) {
    ASSERT_GE(extent, 0);
    count *= static_cast<std::size_t>(extent);
  }
  ASSERT_EQ(count, d.values.size());
  for (double v : d.values)
    ASSERT_TRUE(std::isfinite(v));
}

const std::vector<std::string> JsonFragments = {"{",
                                                "}",
                                                "[",
                                                "]",
                                                ",",
                                                ":",
                                                "\"",
                                                "null",
                                                "true",
                                                "false",
                                                "0",
                                                "-1",
                                                "1e308",
                                                "-1e400",
                                                "1e-400",
                                                "NaN",
                                                "Infinity",
                                                "99999999999999999999",
                                                "\"degree\"",
                                                "\"parity\"",
                                                "\"coef\"",
                                                "\"phases\"",
                                                "\"convention\"",
                                                "\"basis\"",
                                                "\"alpha\"",
                                                "\"data\"",
                                                "\"ancillas\"",
                                                "\"reference\"",
                                                "\"kind\"",
                                                "\"claims\"",
                                                "\"theta\"",
                                                "\"lambda\"",
                                                "\"monomial\"",
                                                "[0.5, -0.5]",
                                                "\\u0000",
                                                "\\ud800",
                                                "\xff",
                                                "\xc3\x28",
                                                "\n"};

TEST(ReaderFuzz, CsvMutantsReadOrAreDiagnosed) {
  std::vector<std::string> texts = corpus({{"Frontend/Inputs", ".csv"}});
  texts.push_back(readFile(TestDir + "/../examples/tiny_attention.wk.csv"));
  fuzz<Error>(
      "CSV", texts,
      {",", "\n", "#", "1e308", "1e309", "-0", "nan", "inf", "0x1p3", " ", "\r", "\"",
       "99999999999999999999"},
      [](const std::string &text) { expectConsistent(parseCsv(text, "fuzz.csv")); }, 11);
}

TEST(ReaderFuzz, NpyMutantsReadOrAreDiagnosed) {
  std::vector<std::string> texts = corpus({{"Frontend/Inputs", ".npy"}});
  // The same arrays as format version 2 (a 4-byte header length).
  for (std::size_t i = 0, n = texts.size(); i < n; ++i)
    if (texts[i].size() > 10 && texts[i][6] == 1) {
      std::string v2 = texts[i];
      v2[6] = 2;
      v2.insert(10, 2, '\0');
      texts.push_back(v2);
    }
  fuzz<Error>(
      "npy", texts,
      {"\x93NUMPY", "'shape': (", "'descr': '<f8'", "'<i4'", "'>f8'", "'fortran_order': ", "True",
       "False", "(", ")", ",", "'", " ", "99999999999999999999", "4294967296", std::string(1, '\0'),
       "\xff", "{", "}"},
      [](const std::string &bytes) { expectConsistent(parseNpy(bytes, "fuzz.npy")); }, 12);
}

TEST(ReaderFuzz, PolynomialJsonMutantsReadOrAreDiagnosed) {
  const std::vector<std::string> texts =
      corpus({{"Approx/Inputs", ".json"}, {"data/qsp-reference", ".poly.json"}});
  fuzz<Error>(
      "polynomial JSON", texts, JsonFragments,
      [](const std::string &text) {
        const approx::PolyFile poly = approx::parsePolyJson(text, "fuzz.json");
        ASSERT_FALSE(poly.coef.empty());
        for (const numeric::Mpfr &c : poly.toMpfr(64))
          ASSERT_TRUE(boost::multiprecision::isfinite(c));
      },
      13);
}

TEST(ReaderFuzz, PhasesJsonMutantsReadOrAreDiagnosed) {
  const std::vector<std::string> texts =
      corpus({{"QSP/Inputs", ".phases.json"}, {"data/qsp-reference", ".phases.json"}});
  fuzz<Error>(
      "phases JSON", texts, JsonFragments,
      [](const std::string &text) {
        const qsp::PhasesFile file = qsp::parsePhasesJson(text, "fuzz.json");
        ASSERT_EQ(file.phases.size(), static_cast<std::size_t>(file.degree) + 1);
        for (const numeric::Mpfr &p : file.phases)
          ASSERT_TRUE(boost::multiprecision::isfinite(p));
      },
      14);
}

TEST(ReaderFuzz, GqspMutantsReadOrAreDiagnosedAndSolveOrAreRefused) {
  // Polynomials that read are also solved: hostile values (1e308, -0,
  // denormals) must give angles with a finite certificate or a refusal.
  const std::vector<std::string> polys = corpus({{"QSP/Inputs", ".json"}});
  std::vector<std::string> gqsp;
  for (const std::string &t : polys)
    if (t.find("monomial") != std::string::npos && t.find("theta") == std::string::npos)
      gqsp.push_back(t);
  fuzz<Error>(
      "GQSP polynomial JSON", gqsp, JsonFragments,
      [](const std::string &text) {
        const std::vector<qsp::GqspComplex> p = qsp::parseGqspPolyJson(text, "fuzz.json");
        ASSERT_FALSE(p.empty());
        if (p.size() > 64)
          return;
        try {
          const qsp::GqspResult r = qsp::solveGqsp(p);
          ASSERT_EQ(r.phases.theta.size(), p.size());
          ASSERT_TRUE(std::isfinite(r.certificate.bound));
        } catch (const Error &) { // refused (max |P| >= 1): a diagnosis, not a crash
        }
      },
      17);
  fuzz<Error>(
      "GQSP phases JSON", corpus({{"QSP/Inputs", "gqsp.phases.json"}}), JsonFragments,
      [](const std::string &text) {
        const qsp::GqspPhases ph = qsp::parseGqspPhasesJson(text, "fuzz.json");
        ASSERT_EQ(ph.phi.size(), ph.theta.size());
        ASSERT_FALSE(ph.theta.empty());
      },
      18);
}

TEST(ReaderFuzz, ManifestMutantsReadOrAreDiagnosed) {
  const std::vector<std::string> texts =
      corpus({{"Runtime/Inputs", ".manifest.json"}, {"Compositional/Inputs", ".manifest.json"}});
  fuzz<runtime::Error>(
      "manifest", texts, JsonFragments,
      [](const std::string &text) {
        const runtime::Manifest m = runtime::parseManifest(text, "fuzz.json");
        ASSERT_TRUE(std::isfinite(m.alpha));
        ASSERT_TRUE(m.reference.allFinite());
      },
      15);
}

} // namespace
