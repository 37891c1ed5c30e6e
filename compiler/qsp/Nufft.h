//===- Nufft.h - 1-D nonuniform FFTs for the near-1 Weiss completion -*- C++ -*-===//
//
// Type 1 (nonuniform points to Fourier modes) and type 2 (Fourier series at
// nonuniform points) with FINUFFT's "exponential of semicircle" kernel
// (Barnett, Magland, af Klinteberg, SIAM J. Sci. Comput. 2019): spread or
// interpolate each point over w fine-grid points, one FFT of the fine grid,
// and a division by the kernel's Fourier transform. The parameters are set
// for worst-case (l1) error ~1e-14, not FINUFFT's l2 target: w = 16,
// oversampling 2.5, beta = 0.97 pi (1 - 1/(2 sigma)) w (docs/phases.md,
// "Near max|p| = 1"). Points are rescaled to grid units in double-double, and
// the kernel's transform is summed by quadrature with exact phases, so that
// neither drifts at 10^7 modes.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_NUFFT_H
#define QSVTC_QSP_NUFFT_H

#include <complex>
#include <cstddef>
#include <utility>
#include <vector>

namespace qsvtc::qsp::detail {

class Nufft1d {
public:
  /// Transforms whose modes are k = 0..maxMode.
  explicit Nufft1d(std::size_t maxMode);

  /// Type 1 for real strengths: F_k = sum_n c_n e^{-i k t_n}, k = 0..maxMode,
  /// error <~ 1e-14 sum_n |c_n|, any real t. The points may come in batches
  /// (add), so that they never need to be held all at once; memory is
  /// (workers + 2) n_f doubles.
  class Spreader {
  public:
    explicit Spreader(const Nufft1d &plan);
    void add(const double *t, const double *c, std::size_t count);
    /// F_0..F_maxMode of all points added.
    std::vector<std::complex<double>> finish();

  private:
    const Nufft1d *plan;
    std::vector<std::vector<double>> grids; // one padded real grid per worker
  };
  std::vector<std::complex<double>> type1(const std::vector<double> &t,
                                          const std::vector<double> &c) const;

  /// Type 2: a Fourier series s(t) = sum_{k=0}^{maxMode} f_k e^{i k t},
  /// prepared once (one FFT) and then evaluated at any points, error <~
  /// 1e-14 sum_k |f_k|.
  class Series {
  public:
    /// s(t_n) for every n (in parallel for many points).
    std::vector<std::complex<double>> at(const std::vector<double> &t) const;

  private:
    friend class Nufft1d;
    const Nufft1d *plan = nullptr;
    std::vector<std::complex<double>> grid; // the fine grid, padded by w on both sides
  };
  Series series(const std::vector<std::complex<double>> &f) const;

  std::size_t fineGridSize() const { return fine; }

  /// Fine-grid points each nonuniform point touches (w).
  static constexpr int kWidth = 16;

private:
  struct Window {
    long first; ///< fine-grid index of the first of the w kernel values
    double values[kWidth];
  };
  std::pair<long, double> locate(double t) const;
  void windows(const double *t, std::size_t count, Window *out) const;

  std::size_t modes;  ///< maxMode
  std::size_t fine;   ///< fine grid size n_f (5-smooth, even)
  double beta;        ///< kernel shape
  double scaleHi = 0; ///< n_f / (2 pi) in double-double
  double scaleLo = 0;
  std::vector<double> horner;    ///< per offset j, the kernel as a polynomial in z (Horner)
  std::vector<double> transform; ///< the kernel's Fourier transform at k = 0..maxMode
};

} // namespace qsvtc::qsp::detail

#endif // QSVTC_QSP_NUFFT_H
