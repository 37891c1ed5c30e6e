//===- Solve.h - Certified QSP phase factors for a polynomial -*- C++ -*-===//
//
// The phase engine's entry point: checks the target (definite parity,
// max|p| < 1, finite), runs a solver, certifies the phases independently
// (CertifyPhases.h) and refuses, with what was achieved, when the certified
// error exceeds the request. `auto` picks by degree: Newton in double first
// below 256, the fast solver first above, each falling back to the others
// (Newton in double up to degree 12000, in MPFR up to 3000) when one does not
// converge or certify.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_SOLVE_H
#define QSVTC_QSP_SOLVE_H

#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/qsp/CertifyPhases.h"

#include <functional>
#include <string>
#include <vector>

namespace qsvtc::qsp {

enum class Solver { Auto, Newton, Fast, Mpfr };
Solver parseSolver(const std::string &name); ///< throws qsvtc::Error
std::string solverName(Solver s);

struct PhaseOptions {
  Solver solver = Solver::Auto;
  double epsilon = 1e-12;     ///< required certified max |Re P - p|
  unsigned precisionBits = 0; ///< MPFR solver; 0: from epsilon
  int maxIterations = 60;
  /// Progress of slow solves (solver switches, Newton's factorizations).
  std::function<void(const std::string &)> progress;
};

struct PhaseResult {
  std::vector<numeric::Mpfr> phases; ///< phi_0..phi_d (symmetric)
  unsigned precisionBits = 53;       ///< of the phases
  int degree = 0;
  int parity = 0;
  Solver solver = Solver::Newton; ///< the one that produced the phases
  int iterations = 0;
  double solverResidual = 0; ///< the solver's own view (not the certificate)
  PhaseCertificate certificate;
  /// Seconds spent certifying (all attempts; for the fast solver also the
  /// double-double residuals of its refinement steps, which are the same
  /// computation), for benchmarks that separate solve and certificate.
  double certifySeconds = 0;
  std::vector<std::string> log; ///< attempts, for the user
};

/// coef: c_0..c_d as exact values (trailing zeros are dropped). Throws
/// qsvtc::Error for a bad target or an uncertifiable result.
PhaseResult solvePhases(std::vector<numeric::Mpfr> coef, const PhaseOptions &options);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_SOLVE_H
