//===- FuzzTest.cpp - Seeded mutation fuzzing of the DSL and IR readers ---===//
//
// Mutates the example specs and their printed IR (../FuzzMutator.h) with a
// fixed seed and feeds each mutant to the frontend and the IR reader. Every input must end in
// either a module that verifies and round-trips exactly, or a qsvtc::Error
// (a diagnostic) -- never another exception, a crash or a hang (ctest's
// timeout). QSVTC_FUZZ_CASES sets the number of mutants per reader
// (default 100000 for the DSL, the issue's floor).
//
//===----------------------------------------------------------------------===//
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/ir/Parser.h"
#include "qsvtc/ir/Printer.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

#include "../FuzzMutator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace {

using namespace qsvtc;

struct Corpus {
  std::vector<std::string> names, texts;
};

Corpus loadExamples() {
  Corpus corpus;
  std::string dir = std::string(QSVTC_TEST_DATA_DIR) + "/../../examples";
  for (const auto &entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".qtf") {
      corpus.names.push_back(entry.path().string());
      corpus.texts.push_back(readFile(entry.path().string()));
    }
  std::sort(corpus.names.begin(), corpus.names.end());
  corpus.texts.clear();
  for (const std::string &name : corpus.names)
    corpus.texts.push_back(readFile(name));
  return corpus;
}

/// Pieces worth splicing in: tokens of both languages and edge cases.
const std::vector<std::string> Fragments = {"(",
                                            ")",
                                            "[",
                                            "]",
                                            "{",
                                            "}",
                                            ";",
                                            ",",
                                            "=",
                                            "@",
                                            "^T",
                                            "^",
                                            "-",
                                            "+",
                                            "*",
                                            "/",
                                            "\"",
                                            "matrix ",
                                            "repeat 3",
                                            "block b(x) { return x; }",
                                            "output X epsilon 0.1;",
                                            "1e308",
                                            "1e-400",
                                            "0",
                                            "-1",
                                            "99999999999999999999",
                                            "nan",
                                            "inf",
                                            "%",
                                            "%0",
                                            "!qsvt.block<",
                                            "tensor<",
                                            "x",
                                            "loc(",
                                            "// -----",
                                            "\n",
                                            "\t",
                                            "\x01",
                                            "\xff",
                                            "#",
                                            "softmax(",
                                            "axis = ",
                                            "dim q = 0;",
                                            "weight W[2,2] = csv(\"nope.csv\");",
                                            "qt.matmul",
                                            "qsvt.mul"};

std::string mutate(const std::string &text, std::mt19937_64 &rng, const Corpus &corpus) {
  return test::mutate(text, rng, corpus.texts, Fragments);
}

void expectRoundTrip(const ir::Module &module) {
  ir::verify(module);
  std::string once = ir::print(module);
  std::string twice = ir::print(*ir::parseModule(once, "roundtrip.mlir"));
  ASSERT_EQ(once, twice);
}

TEST(Fuzz, DslMutantsGiveModulesOrDiagnostics) {
  Corpus corpus = loadExamples();
  ASSERT_GE(corpus.texts.size(), 4u);
  std::mt19937_64 rng(20261123);
  std::size_t accepted = 0, rejected = 0, cases = test::fuzzCaseCount(100000);
  for (std::size_t i = 0; i < cases; ++i) {
    std::size_t pick = rng() % corpus.texts.size();
    std::string text = mutate(corpus.texts[pick], rng, corpus);
    try {
      auto module = frontend::compileModel(SourceFile(corpus.names[pick], text));
      expectRoundTrip(*module);
      ++accepted;
    } catch (const Error &e) {
      ASSERT_NE(std::string(e.what()), "") << "empty diagnostic for:\n" << text;
      ++rejected;
    } catch (const std::exception &e) {
      FAIL() << "non-diagnostic exception '" << e.what() << "' for:\n" << text;
    }
    if (HasFatalFailure())
      FAIL() << "input:\n" << text;
  }
  // Both outcomes must occur, or the mutator is not exercising the checker.
  EXPECT_GT(accepted, cases / 100);
  EXPECT_GT(rejected, cases / 2);
  std::cout << "[ fuzz ] " << cases << " DSL mutants: " << accepted << " accepted, " << rejected
            << " diagnosed\n";
}

TEST(Fuzz, IrMutantsGiveModulesOrDiagnostics) {
  Corpus corpus = loadExamples();
  Corpus ir;
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
    auto module = frontend::compileModel(SourceFile(corpus.names[i], corpus.texts[i]));
    ir.names.push_back("m.mlir");
    ir.texts.push_back(ir::print(*module, {true}));
  }
  std::mt19937_64 rng(7);
  std::size_t accepted = 0, cases = test::fuzzCaseCount(100000) / 2;
  for (std::size_t i = 0; i < cases; ++i) {
    std::string text = mutate(ir.texts[rng() % ir.texts.size()], rng, ir);
    try {
      auto module = ir::parseModule(text, "m.mlir");
      expectRoundTrip(*module);
      ++accepted;
    } catch (const Error &) {
    } catch (const std::exception &e) {
      FAIL() << "non-diagnostic exception '" << e.what() << "' for:\n" << text;
    }
    if (HasFatalFailure())
      FAIL() << "input:\n" << text;
  }
  EXPECT_GT(accepted, cases / 100);
}

} // namespace
