//===- Gqsp.h - Generalized QSP: completion, angles, certificate -*- C++ -*-===//
//
// Generalized quantum signal processing (Motlagh, Wiebe, arXiv 2308.01501,
// Thm 3): for P(z) = sum_k p_k z^k of degree d with |P| < 1 on |z| = 1,
//   [[P(U), .], [Q(U), .]] = R(theta_d, phi_d, 0) A ... R(theta_1, phi_1, 0) A
//                            R(theta_0, phi_0, lambda),
// A = |0><0| (x) U + |1><1| (x) I (the signal, U applied when the control is
// 0), R(theta, phi, lambda) = [[e^{i(lambda+phi)} cos theta, e^{i phi} sin theta],
//                              [e^{i lambda} sin theta,       -cos theta]].
// The circuit applies R_0 first. Q is any degree-d complement with
// |P|^2 + |Q|^2 = 1 on the circle; we take the outer one (no zeros in the
// open disc), computed by FFT as exp of the analytic projection of
// log sqrt(1 - |P|^2) (Berntson, Sunderhauf, arXiv 2406.04246).
//
// The angles come from layer stripping (the paper's proof): each layer is
// fixed by the leading coefficients (p_d, q_d) of the current pair, so the
// first m layers depend only on the top m coefficients, and the stripping
// is done by divide and conquer with FFT products of the stripped layers'
// Laurent matrix, O(d log^2 d) (the superfast Schur scheme). The
// certificate multiplies the layers back (also divide and conquer) in long
// double and bounds sup_{|z|=1} |P_angles(z) - P(z)| by the l1 norm of the
// coefficient difference plus an a priori bound on its own rounding.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_GQSP_H
#define QSVTC_QSP_GQSP_H

#include <complex>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace qsvtc::qsp {

using GqspComplex = std::complex<double>;

/// theta_0..theta_d, phi_0..phi_d and lambda, as in the header comment.
struct GqspPhases {
  std::vector<double> theta;
  std::vector<double> phi;
  double lambda = 0;
  std::size_t degree() const { return theta.empty() ? 0 : theta.size() - 1; }
};

struct GqspOptions {
  /// Grow the completion grid until the energy of the computed complement
  /// beyond degree d is below this fraction of its total (or below the
  /// rounding noise of 1 - |P|^2, when max |P| is close to 1).
  double tailTolerance = 1e-28;
  /// Refuse (qsvtc::Error) rather than use a completion grid above this.
  std::size_t maxGrid = std::size_t(1) << 26;
  /// Multiply the angles back and certify them (about as long as solving).
  bool certify = true;
  /// Called with a short status line between stages (may be empty).
  std::function<void(const std::string &)> progress;
};

struct GqspCertificate {
  /// sum_k |p_k - p'_k|, p' the top-left polynomial of the angles' product,
  /// computed in long double (rounded up).
  double coefficientError = 0;
  /// Bound on the certifier's own rounding (sup over the unit circle).
  double roundingBound = 0;
  /// coefficientError + roundingBound: certified sup_{|z|=1} |P_angles - P|.
  double bound = 0;
  /// sum_k |q_k - q'_k| for the complement (not part of the bound).
  double complementError = 0;
  unsigned precisionBits = 64; ///< long double
};

struct GqspResult {
  GqspPhases phases;
  std::vector<GqspComplex> complement; ///< q_0..q_d
  GqspCertificate certificate;         ///< zero when not certified
  bool certified = false;
  std::size_t grid = 0;       ///< points of the completion grid
  double maxAbs = 0;          ///< max |P| on that grid
  double tailEnergy = 0;      ///< relative energy of the complement beyond d
  double unitarityDefect = 0; ///< max on the grid of ||P|^2 + |Q|^2 - 1|
};

/// The outer complement Q (degree d) of P: |P|^2 + |Q|^2 = 1 on |z| = 1.
/// Throws qsvtc::Error when max |P| on the grid reaches 1, for non-finite
/// coefficients, or when the grid would exceed options.maxGrid.
std::vector<GqspComplex> gqspComplement(const std::vector<GqspComplex> &p,
                                        const GqspOptions &options = {},
                                        GqspResult *stats = nullptr);

/// Angles for the pair (P, Q) (same length d + 1, |P|^2 + |Q|^2 = 1 on the
/// circle), O(d log^2 d).
GqspPhases gqspAngles(const std::vector<GqspComplex> &p, const std::vector<GqspComplex> &q);

/// Reference: the paper's O(d^2) layer stripping (same input and output).
GqspPhases gqspAnglesLayerStripping(const std::vector<GqspComplex> &p,
                                    const std::vector<GqspComplex> &q);

/// The first column (P', Q') of the angles' product, in long double,
/// O(d log^2 d).
struct GqspPair {
  std::vector<std::complex<long double>> p, q;
};
GqspPair gqspPolynomials(const GqspPhases &phases);

/// A priori bound on the rounding of gqspPolynomials at this degree, as
/// sup over |z| = 1 of the error of the computed first column.
double gqspRoundingBound(std::size_t degree);

/// Certifies phases against P (and reports the complement's error).
GqspCertificate certifyGqsp(const GqspPhases &phases, const std::vector<GqspComplex> &p,
                            const std::vector<GqspComplex> &q);

/// Completion, angles and (by default) the certificate.
GqspResult solveGqsp(const std::vector<GqspComplex> &p, const GqspOptions &options = {});

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_GQSP_H
