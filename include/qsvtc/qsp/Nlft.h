//===- Nlft.h - Forward and inverse nonlinear Fourier transform -*- C++ -*-===//
//
// The SU(2) nonlinear Fourier transform (NLFT) behind symmetric QSP, after
// Ni, Sarkar, Ying, Lin, "Inverse nonlinear fast Fourier transform on SU(2)
// with applications to quantum signal processing", arXiv 2505.12615, and
// QSPPACK's INFFT.m / convfft.m (QSP_Weiss_INFFT.m calls them). Convention
// (Tsai-Thiele, as QSPPACK and nlft-qsp): for gamma_0..gamma_{L-1},
//   NLFT(gamma)(z) = prod_k (1 + gamma_k^2)^{-1/2} [[1, gamma_k z^k],
//                                                   [-gamma_k z^{-k}, 1]]
//                  = [[a, b], [-b^*, a^*]],
// stored as the coefficient vectors of a^*(z) and b(z), both z^0..z^{L-1}.
// Symmetric QSP in qsvtc's convention only ever needs REAL gamma (then a^*
// and b have real coefficients), so only the real case is implemented.
//
// Both directions are divide and conquer with FFT products: O(L log^2 L)
// time, O(L) memory. Small blocks use the plain O(s^2) layer recursions
// (sequential products; layer stripping), which are also exported as
// references for tests. The forward transform is templated on the scalar:
// double (FFTW), numeric::DoubleDouble (~104 bits; our own radix-2 FFT,
// AVX2/FMA when the CPU has them) for certification at any degree, and
// numeric::Mpfr (numeric::Fft; for moderate sizes) at the precision current
// when it is called. The inverse is stable only when a is outer (the Weiss
// completion in Weiss.h provides that); it runs in double or DoubleDouble.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_NLFT_H
#define QSVTC_QSP_NLFT_H

#include <cstddef>
#include <vector>

namespace qsvtc::qsp {

/// The NLFT of a real sequence: Taylor coefficients of a^*(z) and of b(z).
template <class T> struct NlftPair {
  std::vector<T> aStar; ///< a^*_0..a^*_{L-1}
  std::vector<T> b;     ///< b_0..b_{L-1}
};

/// Forward NLFT of gamma_0..gamma_{L-1} (L >= 1), O(L log^2 L).
/// T = double, numeric::DoubleDouble or numeric::Mpfr.
template <class T> NlftPair<T> nlftForward(const std::vector<T> &gamma);

/// The same transform with each layer given as the rotation it is,
/// (cos psi_k, sin psi_k) with gamma_k = tan psi_k and |psi_k| < pi/2: the
/// certifier computes these directly from the phases, with no tan/sqrt in
/// the working precision.
template <class T>
NlftPair<T> nlftForwardRotations(const std::vector<T> &cosPsi, const std::vector<T> &sinPsi);

/// Reference: the O(L^2) sequential product of the layers (no FFT).
template <class T> NlftPair<T> nlftForwardDirect(const std::vector<T> &gamma);

/// Inverse NLFT: gamma_0..gamma_{n-1} from the first n Taylor coefficients
/// of a^* (of an OUTER a: a^* has no zeros in the closed unit disc) and of
/// b. O(n log^2 n). T = double or numeric::DoubleDouble.
template <class T> std::vector<T> nlftInverse(const std::vector<T> &aStar, const std::vector<T> &b);

/// Reference: O(n^2) layer stripping (same input, same output).
template <class T>
std::vector<T> nlftInverseLayerStripping(const std::vector<T> &aStar, const std::vector<T> &b);

/// Bound on the rounding error of nlftForwardRotations<DoubleDouble> of
/// length L, as sup over |z| = 1 of the operator norm of (computed - exact)
/// NLFT matrix (which bounds sup |b~ - b| and sup |a~ - a|), given
/// rotation inputs within `inputError` (absolute, each of cos and sin) of
/// the exact ones. Derivation in Nlft.cpp (Higham's FFT error analysis for
/// the products, unitarity of the partial products for the propagation).
double nlftForwardRoundingBoundDD(std::size_t length, double inputError);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_NLFT_H
