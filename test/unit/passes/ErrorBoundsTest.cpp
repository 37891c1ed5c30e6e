//===- ErrorBoundsTest.cpp - The bounds the error budget rests on ---------===//
//
// allocate-error (docs/lowering.md) propagates Frobenius-norm errors with
// two kinds of constants, both checked here against exact values:
//  - DataFacts' structural bounds (spectral norm, row and column norms,
//    entries) on every value of the lowered numeric examples, evaluated
//    exactly by the lowered-IR interpreter (which shares no code with them);
//  - the Lipschitz constants a normalisation's region declares (Regions.h),
//    against the spec's exact forward pass (interp/Reference.h) on random
//    inputs and perturbations, rows of tiny variance included (layer norm's
//    steepest point).
//
//===----------------------------------------------------------------------===//
#include "passes/DataFacts.h"
#include "passes/Regions.h"

#include "qsvtc/frontend/Parser.h"
#include "qsvtc/frontend/Sema.h"
#include "qsvtc/interp/Lowered.h"
#include "qsvtc/interp/Reference.h"
#include "qsvtc/passes/Pipeline.h"
#include "qsvtc/support/Diagnostics.h"
#include "qsvtc/support/FileIO.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

using namespace qsvtc;

namespace {

std::unique_ptr<ir::Module> qtModule(const std::string &name, const std::string &text) {
  SourceFile source(name, text);
  DiagnosticEngine diags(source);
  frontend::ModelAst ast = frontend::parseModel(source, diags);
  diags.throwIfErrors();
  std::unique_ptr<ir::Module> module = frontend::buildQtModule(ast, diags);
  diags.throwIfErrors();
  return module;
}

std::unique_ptr<ir::Module> lowered(std::unique_ptr<ir::Module> module, passes::Stage stage) {
  passes::PassManager pm;
  passes::buildPipeline(stage, pm);
  std::ostringstream log;
  pm.run(*module, log);
  return module;
}

std::string matrixLiteral(const Eigen::MatrixXd &m) {
  std::ostringstream out;
  out.precision(17);
  out << "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out << (i ? ", [" : "[");
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      out << (j ? ", " : "") << m(i, j);
    out << "]";
  }
  return out.str() + "]";
}

} // namespace

TEST(ErrorBounds, StructuralBoundsHoldOnTheExamplesData) {
  for (const char *file : {"tiny_attention.qtf", "tiny_transformer_block.qtf"}) {
    std::string path = std::string(QSVTC_EXAMPLES_DIR) + "/" + file;
    auto module = lowered(qtModule(path, readFile(path)), passes::Stage::Poly);
    interp::BlockValues values = interp::evaluateLowered(*module, interp::Semantics::Exact);
    passes::DataFacts noData; // structural bounds only
    int checked = 0;
    for (const auto &[value, m] : values) {
      passes::DataFacts::Bounds b = noData.structuralBounds(value);
      double norm = Eigen::JacobiSVD<Eigen::MatrixXd>(m).singularValues()(0);
      // The polynomials' alphas bound what they encode, within their error.
      auto within = [](double exact, double bound) { return exact <= bound * (1 + 1e-6) + 1e-9; };
      std::string where = std::string(file) + ": " + value->definingOp->getName() + " at " +
                          value->definingOp->location.str();
      EXPECT_TRUE(within(norm, b.norm)) << where << ": norm " << norm << " > " << b.norm;
      EXPECT_TRUE(within(m.rowwise().norm().maxCoeff(), b.row)) << where;
      EXPECT_TRUE(within(m.colwise().norm().maxCoeff(), b.col)) << where;
      EXPECT_TRUE(within(m.cwiseAbs().maxCoeff(), b.entry)) << where;
      ++checked;
    }
    EXPECT_GT(checked, 25) << file;
  }
}

// approximate removes amplifications it finds unnecessary; when one was a
// region's entry (RMS norm's first, with data), the region must end too,
// or a later allocate-error would walk past it (Regions.h).
TEST(ErrorBounds, NoRegionOutlivesItsEntry) {
  const std::string rms = "model rms {\n  input X[2, 4] = [[1.0, 2.0, 3.0, 4.0], "
                          "[0.5, -1.0, 2.0, 0.0]];\n  output rmsnorm(X) epsilon 1e-3;\n}\n";
  std::string block = std::string(QSVTC_EXAMPLES_DIR) + "/tiny_transformer_block.qtf";
  int regions = 0;
  for (auto &module : {lowered(qtModule("rms.qtf", rms), passes::Stage::Poly),
                       lowered(qtModule(block, readFile(block)), passes::Stage::Poly)})
    for (const auto &op : module->operations)
      if (op->hasAttr("lipschitz")) {
        EXPECT_NE(passes::regionEntry(*op), nullptr) << op->location.str();
        ++regions;
      }
  EXPECT_EQ(regions, 3); // the block's softmax and two layer norms; rms's ended
}

// The region's constant bounds |f(B + dB) - f(B)|_F / |dB|_F for the exact
// function, on random B (some rows almost constant: centred, they are
// almost 0, where 1/sqrt(var + eps) is steepest) and small random dB.
TEST(ErrorBounds, RegionLipschitzConstantsBoundTheExactFunctions) {
  struct Case {
    const char *op; // the DSL call around X
    int rows, cols;
  };
  const Case cases[] = {{"layernorm(X, gamma = 0.7, epsilon = 1e-4)", 3, 4},
                        {"rmsnorm(X, gamma = 2.0, epsilon = 1e-3)", 4, 4},
                        {"softmax(X, axis = 1)", 4, 3}};
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal;
  for (const Case &c : cases) {
    auto model = [&](const Eigen::MatrixXd &x) {
      return "model r {\n  input X[" + std::to_string(c.rows) + ", " + std::to_string(c.cols) +
             "] = " + matrixLiteral(x) + ";\n  output " + c.op + " epsilon 1e-2;\n}\n";
    };
    Eigen::MatrixXd x0 = Eigen::MatrixXd::Ones(c.rows, c.cols);
    auto loweredModule = lowered(qtModule("r.qtf", model(x0)), passes::Stage::Qsvt);
    double lipschitz = 0;
    for (const auto &op : loweredModule->operations)
      if (op->hasAttr("lipschitz"))
        lipschitz = op->getAttr("lipschitz").getNumber();
    ASSERT_GT(lipschitz, 0) << c.op;
    double worst = 0;
    for (int trial = 0; trial < 40; ++trial) {
      Eigen::MatrixXd x(c.rows, c.cols), dx(c.rows, c.cols);
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        x(i) = normal(rng);
        dx(i) = 1e-6 * normal(rng);
      }
      x.row(0).setConstant(0.3); // zero variance
      x.row(0) += 1e-3 * Eigen::RowVectorXd::Random(c.cols);
      Eigen::MatrixXd y0 = interp::evaluateOutputs(*qtModule("r.qtf", model(x)))[0];
      Eigen::MatrixXd y1 = interp::evaluateOutputs(*qtModule("r.qtf", model(x + dx)))[0];
      worst = std::max(worst, (y1 - y0).norm() / dx.norm());
    }
    EXPECT_LE(worst, lipschitz * (1 + 1e-4)) << c.op;
    // Not vacuous: the zero-variance row makes layer norm nearly as steep.
    EXPECT_GT(worst, 0.05 * lipschitz) << c.op;
  }
}
