//===- Weiss.h - Fast symmetric QSP phases (Weiss + NLFFT) ------*- C++ -*-===//
//
// The fast phase solver of Ni, Sarkar, Ying, Lin, arXiv 2505.12615 (QSPPACK
// QSP_Weiss_INFFT.m): for p(x) = sum_k c_k T_k(x) of definite parity with
// max |p| < 1 on [-1, 1],
//   1. b(z) = sum_j b_j z^j with b_j = -c_{|d-2j|}/2 (b_{d/2} = -c_0 for
//      even d), so that b(e^{2i theta}) = -p(cos theta) e^{i d theta};
//   2. Weiss: the outer a with |a|^2 + |b|^2 = 1 on |z| = 1, a = exp(G), G
//      the anti-analytic function with Re G = log sqrt(1 - |b|^2) (Hilbert
//      transform by FFT on a grid of N points, N doubled until the aliased
//      tail of a^* is negligible);
//   3. the inverse NLFFT (Nlft.h) of the first floor(d/2)+1 coefficients of
//      a^* and b gives gamma_0..gamma_{d/2};
//   4. phi_j = phi_{d-j} = atan(gamma_j), plus pi/4 at both ends.
// This returns the same ("maximal") solution as Newton (Newton.h) from its
// standard start, in O(d log^2 d) time (FFTW, double) and O(N) memory, N a
// small multiple of d/(1 - max|p|). By default it also certifies the result
// (NlftCertify.h) and refines it when the certified error is too large.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_WEISS_H
#define QSVTC_QSP_WEISS_H

#include "qsvtc/qsp/NlftCertify.h"

#include <cstddef>
#include <vector>

namespace qsvtc::qsp {

struct WeissOptions {
  /// Grow the Weiss grid until the energy of a^* in the middle half of the
  /// spectrum, sum_{N/4 <= k < 3N/4} |A_k|^2 / sum_k |A_k|^2, is below
  /// this. QSPPACK's 1e-10 is too loose (phase errors ~1e-8); 1e-28 gives
  /// phases at rounding level (the floor in double is ~1e-32).
  double tailTolerance = 1e-28;
  /// Refuse (qsvtc::Error) rather than use a Weiss grid above this many
  /// points (memory: ~16 bytes per point, buffer and FFTW plan).
  std::size_t maxGrid = std::size_t(1) << 26;
  /// First Weiss grid; 0: from the degree and max|p| (see Weiss.cpp).
  std::size_t initialGrid = 0;
  /// When the first uniform grid, D / (1 - max|p|), would exceed both this
  /// and 512 (D + 1) points, the near-1 completion runs instead
  /// (weissCompletionNearOne), unless initialGrid is set.
  double nearOneAbove = 0x1p20;
  /// max|p| on [-1, 1] when the caller has it (Solve.cpp, from
  /// numeric::maxAbsChebyshev); negative: sampled here on a grid.
  double maxAbs = -1;
  /// Refuse when the coefficients of the wrong parity sum (in absolute
  /// value) to more than this; below it they are ignored.
  double parityTolerance = 1e-14;
  /// Certify the phases (certifyPhasesNlft: double-double forward NLFFT,
  /// about as long as the solve itself) into WeissStats::certificate, and
  /// while the certified bound exceeds refineAbove, refine: the l1 error
  /// of a double solve grows like d * 1e-17 (6e-12 at d = 1e6 for
  /// 0.5 cos), and one refinement step brings it to ~1e-14 (Weiss.cpp).
  /// A step that does not lower the bound is undone.
  bool certify = true;
  double refineAbove = 1e-12;
  int maxRefinementSteps = 2;
};

struct WeissStats {
  int degree = 0;
  double maxAbs = 0;           ///< max |p| on the check grid (>= 8(d+1) points)
  std::size_t grid = 0;        ///< final Weiss grid size N
  int gridRounds = 0;          ///< Weiss grids tried (first solve)
  double tail = 0;             ///< final tail ratio (see tailTolerance)
  int refinementSteps = 0;     ///< refinement steps taken
  double unrefinedError = 0;   ///< certified bound before refinement
  bool certified = false;      ///< certificate below is filled
  NlftCertificate certificate; ///< of the returned phases
  double weissSeconds = 0;     ///< Weiss completion (all rounds, all solves)
  double inverseSeconds = 0;   ///< inverse NLFFT (all solves)
  double certifySeconds = 0;   ///< double-double residuals and certificates
  // The near-1 completion (weissCompletionNearOne), when it ran:
  std::size_t nearOneNodes = 0;      ///< quadrature nodes
  int nearOneLevels = 0;             ///< bisection levels
  std::size_t nearOneUnresolved = 0; ///< panels accepted at the width floor
  std::size_t nearOneModes = 0;      ///< cosine coefficients of log|a| used
};

/// b_0..b_d of the NLFT picture from the Chebyshev coefficients c_0..c_d
/// (entries of the wrong parity are ignored).
std::vector<double> nlftTargetFromChebyshev(const std::vector<double> &coef, int degree);

/// Taylor coefficients a^*_0..a^*_D of the outer completion of b (b_0..b_D,
/// max |b| < 1 on the unit circle). Throws qsvtc::Error when |b| reaches 1
/// or the grid would exceed options.maxGrid.
std::vector<double> weissCompletion(const std::vector<double> &b, const WeissOptions &options = {},
                                    WeissStats *stats = nullptr);

/// The same completion for max |b| near 1, where weissCompletion's uniform
/// grid would need ~D / (1 - max|b|) points: log(1 - |b|^2) integrated by
/// adaptive Gauss-Legendre panels and nonuniform FFTs, in O(D log D) time
/// and memory nearly independent of 1 - max|b| (WeissNearOne.cpp).
std::vector<double> weissCompletionNearOne(const std::vector<double> &b,
                                           WeissStats *stats = nullptr);

/// Full symmetric phases phi_0..phi_d from gamma_0..gamma_{floor(d/2)}.
std::vector<double> phasesFromGamma(const std::vector<double> &gammaHalf, int degree);

/// Phases phi_0..phi_d (qsvtc's convention, Evaluate.h) with
/// Re<0|U_Phi(x)|0> = sum_k coef[k] T_k(x). The degree is the largest
/// index of the given parity; wrong-parity coefficients must be (near)
/// zero. Throws qsvtc::Error for a bad target (mixed parity, max|p| >= 1,
/// a Weiss grid beyond the cap).
std::vector<double> weissPhases(const std::vector<double> &coef, int parity,
                                const WeissOptions &options = {}, WeissStats *stats = nullptr);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_WEISS_H
