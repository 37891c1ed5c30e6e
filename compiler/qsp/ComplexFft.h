//===- ComplexFft.h - Cached complex FFTW plans for the GQSP solver -*- C++ -*-===//
//
// Complex double DFTs through FFTW (any length; 5-smooth ones are fast), planned once per
// length (FFTW_ESTIMATE | FFTW_UNALIGNED, under the planner lock) and then
// executed on any std::complex<double> array, which is layout-compatible
// with fftw_complex. Plans are shared and executing them is thread-safe.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_COMPLEXFFT_H
#define QSVTC_QSP_COMPLEXFFT_H

#include <complex>
#include <cstddef>
#include <functional>
#include <vector>

namespace qsvtc::qsp::detail {

using Cd = std::complex<double>;

/// In place: forward X_k = sum_j x_j e^{-2 pi i jk/n}.
void fftForward(std::vector<Cd> &x);
/// In place, unnormalised: x_j = sum_k X_k e^{+2 pi i jk/n}.
void fftInverse(std::vector<Cd> &x);

/// The smallest power of two >= n (n >= 1).
std::size_t powerOfTwoAtLeast(std::size_t n);

/// fn(0), ..., fn(count - 1) split over the cores when `work` (points
/// touched per call) is large enough to pay for the threads.
void forEachInParallel(std::size_t count, std::size_t work,
                       const std::function<void(std::size_t)> &fn);

} // namespace qsvtc::qsp::detail

#endif // QSVTC_QSP_COMPLEXFFT_H
