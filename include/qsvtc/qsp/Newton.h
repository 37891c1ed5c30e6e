//===- Newton.h - Newton's method for symmetric QSP ------------*- C++ -*-===//
//
// Dong, Lin, Ni, Wang, "Robust iterative method for symmetric quantum signal
// processing in all parameter regimes", arXiv 2307.12468 (QSPPACK's
// QSP_Newton): the free (reduced) half r of the symmetric phases solves
// F(r) = c, F the Chebyshev coefficients of the QSP response, by Newton's
// method from r = c/2. Each fresh Jacobian samples the response and all
// its partial derivatives at ~n points in O(n) per point (left and right
// partial products of 3x3 rotations), takes one DCT per column, and is
// factorized: O(n^3), so for moderate degree; chord steps reuse the last
// factorization. In double, refinement steps with the double-double NLFFT
// residual finish the job. Templated on the scalar (double; Mpfr for high
// precision).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_NEWTON_H
#define QSVTC_QSP_NEWTON_H

#include <functional>
#include <string>
#include <vector>

namespace qsvtc::qsp {

struct NewtonOptions {
  int maxIterations = 60;
  /// Stop when the l1 norm of F(r) - c is below this.
  double tolerance = 1e-14;
  /// Double only: after convergence, at most this many refinement steps
  /// with the double-double residual of the forward NLFFT.
  int refineSteps = 12;
  /// Told of each fresh Jacobian (an O(n^3) factorization) when n >= 1000.
  std::function<void(const std::string &)> progress;
};

template <class T> struct NewtonResult {
  std::vector<T> phases; ///< full symmetric phases phi_0..phi_d
  int iterations = 0;
  double residual = 0; ///< l1 norm of the last F(r) - c (solver's view)
  bool converged = false;
};

/// Phases for the polynomial with Chebyshev coefficients coef (c_0..c_d, of
/// parity d mod 2; the other parity's entries are ignored).
template <class T>
NewtonResult<T> newtonPhases(const std::vector<T> &coef, int parity,
                             const NewtonOptions &options = {});

/// Symmetric full phases from reduced ones: the reduced phases are the
/// second half in QSPPACK's "Im" convention (pi/4 removed from the ends;
/// the middle phase halved for even degree).
template <class T> std::vector<T> fullFromReduced(const std::vector<T> &reduced, int parity);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_NEWTON_H
