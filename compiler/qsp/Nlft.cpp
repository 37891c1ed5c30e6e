//===- Nlft.cpp - Forward and inverse nonlinear Fourier transform ---------===//
//
// Divide and conquer for the SU(2) NLFT (Ni, Sarkar, Ying, Lin, arXiv
// 2505.12615; QSPPACK INFFT.m and convfft.m). With (A, B) = (a^*, b) as
// coefficient vectors and a block split at m:
//   forward:  A = A1 A2 - z rev(B1) B2,   B = z rev(A1) B2 + B1 A2
//   inverse:  solve the first m layers on the first m coefficients, strip
//             them: alpha'_k = [rev(A1) alpha + rev(B1) beta]_{k+m-1},
//             beta'_k = [A1 beta - B1 alpha]_{k+m}, then solve the rest.
// (rev = reversal of a length-m block; everything is real here.)
//
// Why these choices:
//  - Splits at the largest power of two below the length, and FFT sizes are
//    powers of two >= the node length: every product then fits one cyclic
//    convolution with no wrap into the used window (for the stripping
//    step's "valid" windows N >= n suffices, as in QSPPACK's convfft.m),
//    the left subtrees are perfectly balanced, and one table of roots of
//    unity serves every size.
//  - All four products of a node share transforms: A1 + iB1 and A2 + iB2
//    are transformed together (real sequences packed as real/imaginary
//    parts), rev() and the shift by z are phase factors on the spectrum
//    (FFT(z rev x)_k = w^{mk} conj(X_k) for real x of length m), and A + iB
//    comes back from one inverse transform: 2 forward + 1 inverse FFT per
//    merge instead of 12.
//  - Below a few dozen layers the O(s^2) layer recursions are faster and
//    allocation-free: a layer is the rotation (A_i, B_{m-i}) <- (c A_i -
//    s B_{m-i}, c B_{m-i} + s A_i) with c = cos psi, s = sin psi.
//  - The double-double FFT is ours (FFTW has no double-double); it is
//    structure-of-arrays so that the butterflies vectorise, with an AVX2+FMA
//    clone (exact products by fma) chosen at run time.
//
// The rounding bound for the double-double forward transform (used by the
// certifier) follows Higham, "Accuracy and Stability of Numerical
// Algorithms", Thm 24.2 for each FFT, and the unitarity of the exact partial
// products on |z| = 1 for propagation: if the children are off by e1, e2 in
// the sup over the circle of the operator norm, the exact product of the
// computed children is off by at most e1 + e2 + e1 e2, because every exact
// partial product is unitary there. Each merge adds its own rounding, which
// is bounded in the coefficient 2-norm and converted to the sup norm by a
// factor sqrt(L). See nlftForwardRoundingBoundDD.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Nlft.h"

#include "qsvtc/numeric/FftwLock.h"

#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/numeric/DoubleDoubleMath.h"
#include "qsvtc/numeric/Fft.h"
#include "qsvtc/numeric/Mpfr.h"
#include "qsvtc/numeric/Parallel.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>

namespace qsvtc::qsp {
using numeric::DoubleDouble;
using numeric::Mpfr;

namespace {

#define QSVTC_INLINE __attribute__((always_inline)) inline

//===-- Scalars -----------------------------------------------------------===//

template <class T> struct Cx { T re{}, im{}; };

double scaled(double x, int e) { return std::ldexp(x, e); }
DoubleDouble scaled(const DoubleDouble &x, int e) {
  return {std::ldexp(x.hi, e), std::ldexp(x.lo, e)};
}
Mpfr scaled(const Mpfr &x, int e) { return Mpfr(ldexp(x, e)); }

double divide(double a, double b) { return a / b; }
DoubleDouble divide(const DoubleDouble &a, const DoubleDouble &b) {
  // Long division by the leading part, three quotient digits: good to
  // ~2^-104 relative.
  const double q1 = a.hi / b.hi;
  DoubleDouble r = a - b * DoubleDouble(q1);
  const double q2 = r.hi / b.hi;
  r = r - b * DoubleDouble(q2);
  const double q3 = r.hi / b.hi;
  const DoubleDouble q = numeric::dd::quickTwoSum(q1, q2);
  return numeric::dd::addDouble(q, q3);
}
Mpfr divide(const Mpfr &a, const Mpfr &b) { return a / b; }

double squareRoot(double a) { return std::sqrt(a); }
DoubleDouble squareRoot(const DoubleDouble &a) {
  // One Newton step from the double root doubles its 53 bits.
  if (a.hi <= 0)
    return DoubleDouble(0);
  const double x = std::sqrt(a.hi);
  const DoubleDouble r = a - numeric::dd::twoProd(x, x);
  return numeric::dd::addDouble(DoubleDouble(x), r.hi / (2 * x));
}
Mpfr squareRoot(const Mpfr &a) { return sqrt(a); }

/// (cos psi, sin psi) of the layer gamma = tan psi.
template <class T> void rotationOf(const T &gamma, T &c, T &s) {
  c = divide(T(1), squareRoot(T(1) + gamma * gamma));
  s = gamma * c;
}

std::size_t nextPow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n)
    p <<= 1;
  return p;
}

int log2Exact(std::size_t p) {
  int e = 0;
  while ((std::size_t(1) << e) < p)
    ++e;
  return e;
}

/// Where a block of length n >= 2 splits: the largest power of two < n.
std::size_t splitPoint(std::size_t n) { return nextPow2(n) / 2; }

// Blocks of at most kLeaf layers use the sequential layer recursions;
// merges of at most Backend::kDirectMerge coefficients use direct products;
// FFT products above. (Measured with bench-qsp-fast: with FFTW a small FFT
// costs a call and a plan lookup, so direct products win up to a hundred
// coefficients; in double-double a direct product costs O(m) slow
// multiplications per coefficient and our FFT wins from the start.)
constexpr std::size_t kLeaf = 32;
constexpr std::size_t kParallelMin = std::size_t(1) << 14;

//===-- Arithmetic policies -----------------------------------------------===//
//
// The hot loops are written once over a policy: Plain<T> uses T's
// operators; DdOps<true> is double-double with exact products by fma, for
// the AVX2+FMA clones (inlined there, so fma is one instruction).

template <class T> struct Plain {
  using Scalar = T;
  static T add(const T &a, const T &b) { return a + b; }
  static T sub(const T &a, const T &b) { return a - b; }
  static T mul(const T &a, const T &b) { return a * b; }
};

QSVTC_INLINE DoubleDouble ddTwoSum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
QSVTC_INLINE DoubleDouble ddQuick(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

template <bool Fma> struct DdOps {
  using Scalar = DoubleDouble;
  /// Accurate addition (the algorithm of dd::add).
  QSVTC_INLINE static DoubleDouble add(DoubleDouble a, DoubleDouble b) {
    DoubleDouble s = ddTwoSum(a.hi, b.hi);
    const DoubleDouble t = ddTwoSum(a.lo, b.lo);
    s.lo += t.hi;
    s = ddQuick(s.hi, s.lo);
    s.lo += t.lo;
    return ddQuick(s.hi, s.lo);
  }
  QSVTC_INLINE static DoubleDouble sub(DoubleDouble a, DoubleDouble b) {
    return add(a, {-b.hi, -b.lo});
  }
  QSVTC_INLINE static DoubleDouble mul(DoubleDouble a, DoubleDouble b) {
    if constexpr (Fma) {
      const double p = a.hi * b.hi;
      double e = __builtin_fma(a.hi, b.hi, -p);
      e = __builtin_fma(a.hi, b.lo, __builtin_fma(a.lo, b.hi, e));
      return ddQuick(p, e);
    } else {
      return numeric::dd::mul(a, b);
    }
  }
};

template <class Ops, class T> QSVTC_INLINE Cx<T> cAdd(Cx<T> a, Cx<T> b) {
  return {Ops::add(a.re, b.re), Ops::add(a.im, b.im)};
}
template <class Ops, class T> QSVTC_INLINE Cx<T> cSub(Cx<T> a, Cx<T> b) {
  return {Ops::sub(a.re, b.re), Ops::sub(a.im, b.im)};
}
template <class Ops, class T> QSVTC_INLINE Cx<T> cMul(Cx<T> a, Cx<T> b) {
  return {Ops::sub(Ops::mul(a.re, b.re), Ops::mul(a.im, b.im)),
          Ops::add(Ops::mul(a.re, b.im), Ops::mul(a.im, b.re))};
}
/// conj(a) * b
template <class Ops, class T> QSVTC_INLINE Cx<T> cConjMul(Cx<T> a, Cx<T> b) {
  return {Ops::add(Ops::mul(a.re, b.re), Ops::mul(a.im, b.im)),
          Ops::sub(Ops::mul(a.re, b.im), Ops::mul(a.im, b.re))};
}
/// Spectra of the two real sequences packed in P: with pk = P_k and
/// pn = P_{N-k}, x = 2 X_k (real part's) and y = 2 Y_k (imaginary part's).
template <class Ops, class T> QSVTC_INLINE void unpack(Cx<T> pk, Cx<T> pn, Cx<T> &x, Cx<T> &y) {
  x = {Ops::add(pk.re, pn.re), Ops::sub(pk.im, pn.im)};
  y = {Ops::add(pk.im, pn.im), Ops::sub(pn.re, pk.re)};
}

//===-- Kernels -----------------------------------------------------------===//

/// (A, B) of the layers (c_k, s_k), k < len, by sequential products:
/// right-multiplying by layer k rotates the pairs (A_i, B_{k-i}). O(len^2).
template <class Ops, class T>
QSVTC_INLINE void leafForwardImpl(const T *c, const T *s, std::size_t len, T *a, T *b) {
  a[0] = c[0];
  b[0] = s[0];
  for (std::size_t k = 1; k < len; ++k) {
    a[k] = T(0);
    b[k] = T(0);
    const T ck = c[k], sk = s[k];
    for (std::size_t i = 0; i <= k; ++i) {
      const T x = a[i], y = b[k - i];
      a[i] = Ops::sub(Ops::mul(ck, x), Ops::mul(sk, y));
      b[k - i] = Ops::add(Ops::mul(ck, y), Ops::mul(sk, x));
    }
  }
}

/// Merge in the spectral domain. On entry p, q hold FFT(A1 + i B1) and
/// FFT(A2 + i B2) (size n, A1 of length m); on exit p holds 4 FFT(A + i B)
/// with A = A1 A2 - z rev(B1) B2, B = z rev(A1) B2 + B1 A2, using
/// FFT(z rev x)_k = w^{mk} conj(X_k) for real x of length m.
template <class Ops, class T>
QSVTC_INLINE Cx<T> mergeOne(Cx<T> pk, Cx<T> pn, Cx<T> qk, Cx<T> qn, Cx<T> wm) {
  Cx<T> x1, y1, x2, y2;
  unpack<Ops>(pk, pn, x1, y1);
  unpack<Ops>(qk, qn, x2, y2);
  const Cx<T> wy2 = cMul<Ops>(wm, y2);
  const Cx<T> ak = cSub<Ops>(cMul<Ops>(x1, x2), cConjMul<Ops>(y1, wy2));
  const Cx<T> bk = cAdd<Ops>(cConjMul<Ops>(x1, wy2), cMul<Ops>(y1, x2));
  return {Ops::sub(ak.re, bk.im), Ops::add(ak.im, bk.re)}; // ak + i bk
}

template <class Ops, class Buf, class Roots>
QSVTC_INLINE void mergeSpectraImpl(Buf &p, const Buf &q, std::size_t m, std::size_t n,
                                   const Roots &roots) {
  for (std::size_t k = 0; k <= n / 2; ++k) {
    const std::size_t nk = (n - k) & (n - 1);
    const auto pk = p.get(k), pn = p.get(nk), qk = q.get(k), qn = q.get(nk);
    const auto sk = mergeOne<Ops>(pk, pn, qk, qn, roots.root(m * k, n));
    if (nk != k)
      p.set(nk, mergeOne<Ops>(pn, pk, qn, qk, roots.root(m * nk, n)));
    p.set(k, sk);
  }
}

/// Layer stripping in the spectral domain. On entry p = FFT(A1 + i B1) (A1
/// of length m), q = FFT(alpha + i beta); on exit q = 4 FFT(S + i T) with
/// S = rev(A1) alpha + rev(B1) beta, T = A1 beta - B1 alpha.
template <class Ops, class T>
QSVTC_INLINE Cx<T> stripOne(Cx<T> pk, Cx<T> pn, Cx<T> qk, Cx<T> qn, Cx<T> e) {
  Cx<T> x1, y1, xa, yb;
  unpack<Ops>(pk, pn, x1, y1);
  unpack<Ops>(qk, qn, xa, yb);
  const Cx<T> sa = cMul<Ops>(e, cAdd<Ops>(cConjMul<Ops>(x1, xa), cConjMul<Ops>(y1, yb)));
  const Cx<T> sb = cSub<Ops>(cMul<Ops>(x1, yb), cMul<Ops>(y1, xa));
  return {Ops::sub(sa.re, sb.im), Ops::add(sa.im, sb.re)};
}

template <class Ops, class Buf, class Roots>
QSVTC_INLINE void stripSpectraImpl(const Buf &p, Buf &q, std::size_t m, std::size_t n,
                                   const Roots &roots) {
  for (std::size_t k = 0; k <= n / 2; ++k) {
    const std::size_t nk = (n - k) & (n - 1);
    const auto pk = p.get(k), pn = p.get(nk), qk = q.get(k), qn = q.get(nk);
    const auto sk = stripOne<Ops>(pk, pn, qk, qn, roots.root((m - 1) * k, n));
    if (nk != k)
      q.set(nk, stripOne<Ops>(pn, pk, qn, qk, roots.root((m - 1) * nk, n)));
    q.set(k, sk);
  }
}

/// One radix-2 decimation-in-time stage over structure-of-arrays
/// double-double data: butterflies of span h with twiddles w_{2h}^j, j < h,
/// stored contiguously, so the inner loop vectorises.
template <class Ops>
QSVTC_INLINE void ddStageImpl(double *__restrict rh, double *__restrict rl, double *__restrict ih,
                              double *__restrict il, const double *__restrict wrh,
                              const double *__restrict wrl, const double *__restrict wih,
                              const double *__restrict wil, std::size_t n, std::size_t h) {
  for (std::size_t s = 0; s < n; s += 2 * h) {
    double *arh = rh + s, *arl = rl + s, *aih = ih + s, *ail = il + s;
    double *brh = arh + h, *brl = arl + h, *bih = aih + h, *bil = ail + h;
    for (std::size_t j = 0; j < h; ++j) {
      const DoubleDouble wr{wrh[j], wrl[j]}, wi{wih[j], wil[j]};
      const DoubleDouble br{brh[j], brl[j]}, bi{bih[j], bil[j]};
      const DoubleDouble tr = Ops::sub(Ops::mul(wr, br), Ops::mul(wi, bi));
      const DoubleDouble ti = Ops::add(Ops::mul(wr, bi), Ops::mul(wi, br));
      const DoubleDouble ar{arh[j], arl[j]}, ai{aih[j], ail[j]};
      const DoubleDouble x0 = Ops::add(ar, tr), x1 = Ops::add(ai, ti);
      const DoubleDouble y0 = Ops::sub(ar, tr), y1 = Ops::sub(ai, ti);
      arh[j] = x0.hi;
      arl[j] = x0.lo;
      aih[j] = x1.hi;
      ail[j] = x1.lo;
      brh[j] = y0.hi;
      brl[j] = y0.lo;
      bih[j] = y1.hi;
      bil[j] = y1.lo;
    }
  }
}

//===-- Roots of unity ----------------------------------------------------===//

/// exp(-2 pi i j / nMax) for j < nMax / 2, and root(j, n) from it.
template <class T> class RootTable {
public:
  explicit RootTable(std::size_t nMax) : nMax(nMax) {
    if constexpr (std::is_same_v<T, DoubleDouble>)
      table = nMax <= kCachedUpTo ? cached(nMax) : std::make_shared<const Table>(build(nMax));
    else
      table = std::make_shared<const Table>(build(nMax));
  }
  /// w_n^j = exp(-2 pi i j / n), n a power of two dividing nMax.
  Cx<T> root(std::size_t j, std::size_t n) const {
    const std::size_t idx = (j & (n - 1)) * (nMax / n);
    if (idx < nMax / 2)
      return (*table)[idx];
    const Cx<T> &w = (*table)[idx - nMax / 2];
    return {-w.re, -w.im};
  }

private:
  using Table = std::vector<Cx<T>>;
  /// Double-double tables cost MPFR evaluations: a batch of small solves
  /// (each certificate builds one) reuses them up to this size (1 MB).
  static constexpr std::size_t kCachedUpTo = std::size_t(1) << 16;

  static std::shared_ptr<const Table> cached(std::size_t nMax) {
    static std::mutex mu;
    static std::map<std::size_t, std::shared_ptr<const Table>> cache;
    std::lock_guard<std::mutex> lock(mu);
    std::shared_ptr<const Table> &slot = cache[nMax];
    if (!slot)
      slot = std::make_shared<const Table>(build(nMax));
    return slot;
  }

  static Table build(std::size_t nMax) {
    const std::size_t half = std::max<std::size_t>(nMax / 2, 1);
    std::vector<Cx<T>> table(half);
    if constexpr (std::is_same_v<T, DoubleDouble>) {
      // Two-level products of roots computed in MPFR: 2 sqrt(n) MPFR
      // evaluations instead of n, each entry within a few ulp of
      // double-double.
      numeric::PrecisionGuard guard(160);
      std::size_t stride = 1;
      while (stride * stride < half)
        stride <<= 1;
      std::vector<Cx<T>> coarse((half + stride - 1) / stride), fine(stride);
      auto exact = [&](std::size_t j) {
        Mpfr c, s;
        numeric::unitRoot<Mpfr>(j, nMax, c, s);
        return Cx<T>{numeric::toDoubleDouble(c), numeric::toDoubleDouble(Mpfr(-s))};
      };
      for (std::size_t a = 0; a < coarse.size(); ++a)
        coarse[a] = exact(a * stride);
      for (std::size_t b = 0; b < stride; ++b)
        fine[b] = exact(b);
      for (std::size_t j = 0; j < half; ++j)
        table[j] = j % stride == 0 ? coarse[j / stride]
                                   : cMul<Plain<T>>(coarse[j / stride], fine[j % stride]);
    } else {
      for (std::size_t j = 0; j < half; ++j) {
        T c, s;
        numeric::unitRoot<T>(j, nMax, c, s);
        table[j] = {c, T(-s)};
      }
    }
    return table;
  }

  std::size_t nMax;
  std::shared_ptr<const Table> table;
};

//===-- FFT backends ------------------------------------------------------===//
//
// Each backend provides a buffer of n complex values (zero-initialised,
// get/set by index), an in-place forward transform X_k = sum x_j w^{jk},
// w = exp(-2 pi i / n), an unnormalised inverse, and the three hot loops
// (leaf, mergeSpectra, stripSpectra) in its best arithmetic.

class FftwPlan {
public:
  FftwPlan(std::size_t n, int sign) {
    fftw_complex *buf = fftw_alloc_complex(n);
    if (!buf)
      throw std::bad_alloc();
    {
      std::lock_guard<std::mutex> lock(numeric::fftwPlannerMutex());
      plan = fftw_plan_dft_1d(static_cast<int>(n), buf, buf, sign, FFTW_ESTIMATE);
    }
    fftw_free(buf);
    if (!plan)
      throw std::runtime_error("FFTW could not plan a complex DFT");
  }
  ~FftwPlan() {
    std::lock_guard<std::mutex> lock(numeric::fftwPlannerMutex());
    fftw_destroy_plan(plan);
  }
  FftwPlan(const FftwPlan &) = delete;
  FftwPlan &operator=(const FftwPlan &) = delete;
  void execute(fftw_complex *inPlace) const { fftw_execute_dft(plan, inPlace, inPlace); }

private:
  fftw_plan plan;
};

//----- double: FFTW ----------------------------------------------------------
class DoubleBackend {
public:
  using Scalar = double;
  static constexpr bool kThreads = true;
  static constexpr std::size_t kDirectMerge = 128;

  explicit DoubleBackend(std::size_t nMax) : roots(nMax) {}

  class Buffer {
  public:
    explicit Buffer(std::size_t n) : n(n), data(fftw_alloc_complex(n), fftw_free) {
      if (!data)
        throw std::bad_alloc();
      std::fill_n(reinterpret_cast<double *>(data.get()), 2 * n, 0.0);
    }
    std::size_t size() const { return n; }
    Cx<double> get(std::size_t k) const { return {data.get()[k][0], data.get()[k][1]}; }
    void set(std::size_t k, const Cx<double> &v) {
      data.get()[k][0] = v.re;
      data.get()[k][1] = v.im;
    }
    fftw_complex *raw() { return data.get(); }

  private:
    std::size_t n;
    std::unique_ptr<fftw_complex, void (*)(void *)> data;
  };

  Buffer buffer(std::size_t n) const { return Buffer(n); }
  void forward(Buffer &x) const { planFor(x.size(), FFTW_FORWARD).execute(x.raw()); }
  void inverse(Buffer &x) const { planFor(x.size(), FFTW_BACKWARD).execute(x.raw()); }
  static void leaf(const double *c, const double *s, std::size_t len, double *a, double *b) {
    leafForwardImpl<Plain<double>>(c, s, len, a, b);
  }
  void mergeSpectra(Buffer &p, const Buffer &q, std::size_t m, std::size_t n) const {
    mergeSpectraImpl<Plain<double>>(p, q, m, n, roots);
  }
  void stripSpectra(const Buffer &p, Buffer &q, std::size_t m, std::size_t n) const {
    stripSpectraImpl<Plain<double>>(p, q, m, n, roots);
  }

private:
  /// Plans live as long as the transform that uses them: FFTW keeps
  /// tables of ~8n bytes per plan, which a process-wide cache would hold
  /// forever (~100 MB after one degree-1e6 solve). Power-of-two sizes
  /// only, so at most 2 x 40 plans; the forward's two threads share them.
  const FftwPlan &planFor(std::size_t n, int sign) const {
    std::lock_guard<std::mutex> lock(plansMutex);
    std::unique_ptr<FftwPlan> &slot = plans[{n, sign}];
    if (!slot)
      slot = std::make_unique<FftwPlan>(n, sign);
    return *slot;
  }

  RootTable<double> roots;
  mutable std::mutex plansMutex;
  mutable std::map<std::pair<std::size_t, int>, std::unique_ptr<FftwPlan>> plans;
};

//----- double-double: our radix-2 FFT
//------------------------------------------
class DdBuffer {
public:
  explicit DdBuffer(std::size_t n) : rh(n, 0), rl(n, 0), ih(n, 0), il(n, 0) {}
  std::size_t size() const { return rh.size(); }
  Cx<DoubleDouble> get(std::size_t k) const {
    return {DoubleDouble(rh[k], rl[k]), DoubleDouble(ih[k], il[k])};
  }
  void set(std::size_t k, const Cx<DoubleDouble> &v) {
    rh[k] = v.re.hi;
    rl[k] = v.re.lo;
    ih[k] = v.im.hi;
    il[k] = v.im.lo;
  }
  std::vector<double> rh, rl, ih, il;
};

using DdRoots = RootTable<DoubleDouble>;

// Each hot loop twice: plain (Veltkamp products, any x86-64) and AVX2+FMA.
__attribute__((target("avx2,fma"))) void ddStageFma(double *rh, double *rl, double *ih, double *il,
                                                    const double *wrh, const double *wrl,
                                                    const double *wih, const double *wil,
                                                    std::size_t n, std::size_t h) {
  ddStageImpl<DdOps<true>>(rh, rl, ih, il, wrh, wrl, wih, wil, n, h);
}
void ddStagePlain(double *rh, double *rl, double *ih, double *il, const double *wrh,
                  const double *wrl, const double *wih, const double *wil, std::size_t n,
                  std::size_t h) {
  ddStageImpl<DdOps<false>>(rh, rl, ih, il, wrh, wrl, wih, wil, n, h);
}
__attribute__((target("avx2,fma"))) void ddLeafFma(const DoubleDouble *c, const DoubleDouble *s,
                                                   std::size_t len, DoubleDouble *a,
                                                   DoubleDouble *b) {
  leafForwardImpl<DdOps<true>>(c, s, len, a, b);
}
void ddLeafPlain(const DoubleDouble *c, const DoubleDouble *s, std::size_t len, DoubleDouble *a,
                 DoubleDouble *b) {
  leafForwardImpl<DdOps<false>>(c, s, len, a, b);
}
__attribute__((target("avx2,fma"))) void ddMergeFma(DdBuffer &p, const DdBuffer &q, std::size_t m,
                                                    std::size_t n, const DdRoots &roots) {
  mergeSpectraImpl<DdOps<true>>(p, q, m, n, roots);
}
void ddMergePlain(DdBuffer &p, const DdBuffer &q, std::size_t m, std::size_t n,
                  const DdRoots &roots) {
  mergeSpectraImpl<DdOps<false>>(p, q, m, n, roots);
}
__attribute__((target("avx2,fma"))) void ddStripFma(const DdBuffer &p, DdBuffer &q, std::size_t m,
                                                    std::size_t n, const DdRoots &roots) {
  stripSpectraImpl<DdOps<true>>(p, q, m, n, roots);
}
void ddStripPlain(const DdBuffer &p, DdBuffer &q, std::size_t m, std::size_t n,
                  const DdRoots &roots) {
  stripSpectraImpl<DdOps<false>>(p, q, m, n, roots);
}

bool cpuHasFma() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return has;
}

class DoubleDoubleBackend {
public:
  using Scalar = DoubleDouble;
  using Buffer = DdBuffer;
  static constexpr bool kThreads = true;
  static constexpr std::size_t kDirectMerge = 0;

  explicit DoubleDoubleBackend(std::size_t nMax) : roots(nMax) {
    // Stage tables: for span h (1 <= h < nMax), w_{2h}^j at offset h,
    // j < h: nMax entries in all, structure of arrays.
    const std::size_t total = std::max<std::size_t>(nMax, 2);
    wrh.assign(total, 0);
    wrl.assign(total, 0);
    wih.assign(total, 0);
    wil.assign(total, 0);
    for (std::size_t h = 1; h < nMax; h <<= 1)
      for (std::size_t j = 0; j < h; ++j) {
        const Cx<DoubleDouble> w = roots.root(j, 2 * h);
        wrh[h + j] = w.re.hi;
        wrl[h + j] = w.re.lo;
        wih[h + j] = w.im.hi;
        wil[h + j] = w.im.lo;
      }
  }

  Buffer buffer(std::size_t n) const { return Buffer(n); }
  void forward(Buffer &x) const { transform(x); }
  /// Inverse = conj(forward(conj(x))): no second table.
  void inverse(Buffer &x) const {
    negateImag(x);
    transform(x);
    negateImag(x);
  }
  static void leaf(const DoubleDouble *c, const DoubleDouble *s, std::size_t len, DoubleDouble *a,
                   DoubleDouble *b) {
    (cpuHasFma() ? ddLeafFma : ddLeafPlain)(c, s, len, a, b);
  }
  void mergeSpectra(Buffer &p, const Buffer &q, std::size_t m, std::size_t n) const {
    (cpuHasFma() ? ddMergeFma : ddMergePlain)(p, q, m, n, roots);
  }
  void stripSpectra(const Buffer &p, Buffer &q, std::size_t m, std::size_t n) const {
    (cpuHasFma() ? ddStripFma : ddStripPlain)(p, q, m, n, roots);
  }

private:
  static void negateImag(Buffer &x) {
    for (std::size_t k = 0; k < x.size(); ++k) {
      x.ih[k] = -x.ih[k];
      x.il[k] = -x.il[k];
    }
  }
  void transform(Buffer &x) const {
    const std::size_t n = x.size();
    for (std::size_t i = 1, j = 0; i < n; ++i) { // bit reversal
      std::size_t bit = n >> 1;
      for (; j & bit; bit >>= 1)
        j ^= bit;
      j ^= bit;
      if (i < j) {
        std::swap(x.rh[i], x.rh[j]);
        std::swap(x.rl[i], x.rl[j]);
        std::swap(x.ih[i], x.ih[j]);
        std::swap(x.il[i], x.il[j]);
      }
    }
    const auto stage = cpuHasFma() ? ddStageFma : ddStagePlain;
    for (std::size_t h = 1; h < n; h <<= 1)
      stage(x.rh.data(), x.rl.data(), x.ih.data(), x.il.data(), wrh.data() + h, wrl.data() + h,
            wih.data() + h, wil.data() + h, n, h);
  }

  DdRoots roots;
  std::vector<double> wrh, wrl, wih, wil;
};

//----- Mpfr: numeric::Fft ----------------------------------------------------
class MpfrBackend {
public:
  using Scalar = Mpfr;
  static constexpr bool kThreads = false; // Boost's default precision is global
  static constexpr std::size_t kDirectMerge = 128;

  explicit MpfrBackend(std::size_t nMax) : roots(nMax) {}

  class Buffer {
  public:
    explicit Buffer(std::size_t n) : re(n, Mpfr(0)), im(n, Mpfr(0)) {}
    std::size_t size() const { return re.size(); }
    Cx<Mpfr> get(std::size_t k) const { return {re[k], im[k]}; }
    void set(std::size_t k, const Cx<Mpfr> &v) {
      re[k] = v.re;
      im[k] = v.im;
    }
    std::vector<Mpfr> re, im;
  };

  Buffer buffer(std::size_t n) const { return Buffer(n); }
  void forward(Buffer &x) const { plan(x.size()).forward(x.re, x.im); }
  void inverse(Buffer &x) const { plan(x.size()).inverse(x.re, x.im); }
  static void leaf(const Mpfr *c, const Mpfr *s, std::size_t len, Mpfr *a, Mpfr *b) {
    leafForwardImpl<Plain<Mpfr>>(c, s, len, a, b);
  }
  void mergeSpectra(Buffer &p, const Buffer &q, std::size_t m, std::size_t n) const {
    mergeSpectraImpl<Plain<Mpfr>>(p, q, m, n, roots);
  }
  void stripSpectra(const Buffer &p, Buffer &q, std::size_t m, std::size_t n) const {
    stripSpectraImpl<Plain<Mpfr>>(p, q, m, n, roots);
  }

private:
  const numeric::Fft<Mpfr> &plan(std::size_t n) const {
    auto it = plans.find(n);
    if (it == plans.end())
      it = plans.emplace(n, std::make_unique<numeric::Fft<Mpfr>>(n)).first;
    return *it->second;
  }
  RootTable<Mpfr> roots;
  mutable std::map<std::size_t, std::unique_ptr<numeric::Fft<Mpfr>>> plans;
};

template <class T> struct BackendFor;
template <> struct BackendFor<double> { using Type = DoubleBackend; };
template <> struct BackendFor<DoubleDouble> { using Type = DoubleDoubleBackend; };
template <> struct BackendFor<Mpfr> { using Type = MpfrBackend; };

/// Layer stripping on the first n coefficients: gamma and the rotations.
template <class T>
void leafInverse(const T *alpha, const T *beta, std::size_t n, T *gamma, T *c, T *s) {
  std::vector<T> a(alpha, alpha + n), b(beta, beta + n);
  for (std::size_t k = 0; k < n; ++k) {
    const T g = divide(b[0], a[0]);
    gamma[k] = g;
    rotationOf(g, c[k], s[k]);
    // Remove the layer from the left, and divide b by z.
    const std::size_t len = n - k;
    for (std::size_t i = 0; i + 1 < len; ++i) {
      const T ai = a[i];
      a[i] = c[k] * ai + s[k] * b[i];
      b[i] = c[k] * b[i + 1] - s[k] * a[i + 1];
    }
  }
}

//===-- The divide and conquer engine -------------------------------------===//

template <class T> class Engine {
  using Backend = typename BackendFor<T>::Type;
  using Buffer = typename Backend::Buffer;

public:
  explicit Engine(std::size_t maxLength) : backend(nextPow2(std::max<std::size_t>(maxLength, 2))) {
    const unsigned cores = numeric::coreCount();
    if (Backend::kThreads)
      while ((2u << threadDepth) <= cores && threadDepth < 3)
        ++threadDepth;
  }

  /// Writes A, B (length len) for the layers (c, s)[0..len).
  void forward(const T *c, const T *s, std::size_t len, T *a, T *b, int depth = 0) const {
    if (len <= kLeaf) {
      Backend::leaf(c, s, len, a, b);
      return;
    }
    const std::size_t m = splitPoint(len);
    if (depth < threadDepth && len >= kParallelMin) {
      // std::async, not a bare thread: an exception (bad_alloc) in the
      // helper reaches the caller through get() instead of terminating.
      auto left = std::async(std::launch::async, [&] { forward(c, s, m, a, b, depth + 1); });
      forward(c + m, s + m, len - m, a + m, b + m, depth + 1);
      left.get();
    } else {
      forward(c, s, m, a, b, depth + 1);
      forward(c + m, s + m, len - m, a + m, b + m, depth + 1);
    }
    // Below the threaded levels the other branch is busy on the other core.
    merge(a, b, m, len, depth < threadDepth ? 0 : 1);
  }

  /// gamma[0..n) from alpha = a^*, beta = b (first n coefficients); when a
  /// is non-null also writes the NLFT (A, B) of the solved layers.
  void inverse(const T *alpha, const T *beta, std::size_t n, T *gamma, T *a, T *b) const {
    if (n <= kLeaf) {
      std::vector<T> c(n), s(n);
      leafInverse(alpha, beta, n, gamma, c.data(), s.data());
      if (a)
        Backend::leaf(c.data(), s.data(), n, a, b);
      return;
    }
    const std::size_t m = splitPoint(n), r = n - m;
    std::vector<T> a1Store, b1Store;
    T *a1 = a, *b1 = b;
    if (!a) {
      a1Store.resize(m);
      b1Store.resize(m);
      a1 = a1Store.data();
      b1 = b1Store.data();
    }
    inverse(alpha, beta, m, gamma, a1, b1);
    std::vector<T> alpha2(r), beta2(r);
    strip(a1, b1, m, alpha, beta, n, alpha2.data(), beta2.data());
    inverse(alpha2.data(), beta2.data(), r, gamma + m, a ? a + m : nullptr, a ? b + m : nullptr);
    if (a)
      merge(a, b, m, n, 0); // the inverse is sequential: FFTs may pair up
  }

private:
  /// (a, b)[0..m) and (a, b)[m..len) hold the two children; replaces them
  /// by the product, A = A1 A2 - z rev(B1) B2, B = z rev(A1) B2 + B1 A2.
  void merge(T *a, T *b, std::size_t m, std::size_t len, int depth) const {
    if constexpr (Backend::kDirectMerge > 0)
      if (len <= Backend::kDirectMerge)
        return directMerge(a, b, m, len);
    const std::size_t r = len - m;
    const std::size_t n = nextPow2(len);
    Buffer p = backend.buffer(n), q = backend.buffer(n);
    for (std::size_t j = 0; j < m; ++j)
      p.set(j, {a[j], b[j]});
    for (std::size_t j = 0; j < r; ++j)
      q.set(j, {a[m + j], b[m + j]});
    transformPair(p, q, depth);
    backend.mergeSpectra(p, q, m, n);
    backend.inverse(p);
    const int e = -2 - log2Exact(n); // the two unpack factors of 2, and 1/N
    for (std::size_t j = 0; j < len; ++j) {
      const Cx<T> v = p.get(j);
      a[j] = scaled(v.re, e);
      b[j] = scaled(v.im, e);
    }
  }

  /// merge() by direct products, O(m (len - m)): for small blocks.
  static void directMerge(T *a, T *b, std::size_t m, std::size_t len) {
    const std::size_t r = len - m;
    const std::vector<T> a1(a, a + m), b1(b, b + m), a2(a + m, a + len), b2(b + m, b + len);
    for (std::size_t i = 0; i < len; ++i) {
      T sa(0), sb(0);
      // A1 A2 and B1 A2: j + q = i.
      for (std::size_t j = (i >= r ? i - r + 1 : 0); j < m && j <= i; ++j) {
        sa = sa + a1[j] * a2[i - j];
        sb = sb + b1[j] * a2[i - j];
      }
      // z rev(X1) B2: (z rev X1)_p = X1_{m-p}, p = 1..m, p + q = i.
      for (std::size_t p = (i >= r ? i - r + 1 : 1); p <= m && p <= i; ++p) {
        sa = sa - b1[m - p] * b2[i - p];
        sb = sb + a1[m - p] * b2[i - p];
      }
      a[i] = sa;
      b[i] = sb;
    }
  }

  /// Removes the m solved layers (A1, B1) from (alpha, beta)[0..n):
  /// alpha'_k = sum_i A1_i alpha_{k+i} + B1_i beta_{k+i},
  /// beta'_k = sum_i A1_i beta_{k+m-i} - B1_i alpha_{k+m-i}, k < n - m.
  void strip(const T *a1, const T *b1, std::size_t m, const T *alpha, const T *beta, std::size_t n,
             T *alpha2, T *beta2) const {
    if constexpr (Backend::kDirectMerge > 0)
      if (n <= Backend::kDirectMerge)
        return directStrip(a1, b1, m, alpha, beta, n, alpha2, beta2);
    const std::size_t r = n - m;
    // The full products have length m + n - 1 < N + m - 1, so the cyclic
    // wrap lands below index m - 1, outside both windows.
    const std::size_t nn = nextPow2(n);
    Buffer p = backend.buffer(nn), q = backend.buffer(nn);
    for (std::size_t j = 0; j < m; ++j)
      p.set(j, {a1[j], b1[j]});
    for (std::size_t j = 0; j < n; ++j)
      q.set(j, {alpha[j], beta[j]});
    transformPair(p, q, 0);
    backend.stripSpectra(p, q, m, nn);
    backend.inverse(q);
    const int e = -2 - log2Exact(nn);
    for (std::size_t k = 0; k < r; ++k) {
      alpha2[k] = scaled(q.get(k + m - 1).re, e);
      beta2[k] = scaled(q.get(k + m).im, e);
    }
  }

  /// strip() by direct sums, O(m (n - m)): for small blocks.
  static void directStrip(const T *a1, const T *b1, std::size_t m, const T *alpha, const T *beta,
                          std::size_t n, T *alpha2, T *beta2) {
    const std::size_t r = n - m;
    for (std::size_t k = 0; k < r; ++k) {
      T sa(0), sb(0);
      for (std::size_t i = 0; i < m; ++i) {
        sa = sa + a1[i] * alpha[k + i] + b1[i] * beta[k + i];
        sb = sb + a1[i] * beta[k + m - i] - b1[i] * alpha[k + m - i];
      }
      alpha2[k] = sa;
      beta2[k] = sb;
    }
  }

  /// Forward transforms of two buffers, on two threads when both are big
  /// and no other branch of the recursion runs concurrently (depth 0).
  void transformPair(Buffer &p, Buffer &q, int depth) const {
    if (Backend::kThreads && depth == 0 && threadDepth > 0 && p.size() >= kParallelMin) {
      auto other = std::async(std::launch::async, [&] { backend.forward(p); });
      backend.forward(q);
      other.get();
    } else {
      backend.forward(p);
      backend.forward(q);
    }
  }

  Backend backend;
  int threadDepth = 0;
};

} // namespace

//===-- Public API --------------------------------------------------------===//

template <class T>
NlftPair<T> nlftForwardRotations(const std::vector<T> &cosPsi, const std::vector<T> &sinPsi) {
  if (cosPsi.empty() || cosPsi.size() != sinPsi.size())
    throw std::invalid_argument("nlftForwardRotations: bad lengths");
  const std::size_t len = cosPsi.size();
  NlftPair<T> out;
  out.aStar.assign(len, T(0));
  out.b.assign(len, T(0));
  const Engine<T> engine(len);
  engine.forward(cosPsi.data(), sinPsi.data(), len, out.aStar.data(), out.b.data());
  return out;
}

template <class T> NlftPair<T> nlftForward(const std::vector<T> &gamma) {
  std::vector<T> c(gamma.size()), s(gamma.size());
  for (std::size_t k = 0; k < gamma.size(); ++k)
    rotationOf(gamma[k], c[k], s[k]);
  return nlftForwardRotations(c, s);
}

template <class T> NlftPair<T> nlftForwardDirect(const std::vector<T> &gamma) {
  if (gamma.empty())
    throw std::invalid_argument("nlftForwardDirect: empty sequence");
  const std::size_t len = gamma.size();
  std::vector<T> c(len), s(len);
  for (std::size_t k = 0; k < len; ++k)
    rotationOf(gamma[k], c[k], s[k]);
  NlftPair<T> out;
  out.aStar.assign(len, T(0));
  out.b.assign(len, T(0));
  BackendFor<T>::Type::leaf(c.data(), s.data(), len, out.aStar.data(), out.b.data());
  return out;
}

template <class T>
std::vector<T> nlftInverse(const std::vector<T> &aStar, const std::vector<T> &b) {
  const std::size_t n = std::min(aStar.size(), b.size());
  if (n == 0)
    throw std::invalid_argument("nlftInverse: empty input");
  std::vector<T> gamma(n);
  const Engine<T> engine(n);
  engine.inverse(aStar.data(), b.data(), n, gamma.data(), nullptr, nullptr);
  return gamma;
}

template <class T>
std::vector<T> nlftInverseLayerStripping(const std::vector<T> &aStar, const std::vector<T> &b) {
  const std::size_t n = std::min(aStar.size(), b.size());
  std::vector<T> gamma(n), c(n), s(n);
  if (n)
    leafInverse(aStar.data(), b.data(), n, gamma.data(), c.data(), s.data());
  return gamma;
}

double nlftForwardRoundingBoundDD(std::size_t length, double inputError) {
  // eps: relative error of one double-double add or multiply (Joldes,
  // Muller, Popescu 2017: <= 3u^2 and <= 5u^2 with u = 2^-53), rounded up
  // to 2^-103 to absorb slightly unnormalised intermediates.
  const double eps = std::ldexp(1.0, -103);
  // Twiddles: two-level products of correctly rounded values, |w~ - w| <=
  // 4 eps; Higham Thm 24.2 then bounds one radix-2 FFT of size N by
  // kappa(N) = log2(N) eta / (1 - log2(N) eta), eta = mu + 4 eps (sqrt2 + mu).
  const double mu = 4 * eps;
  const double eta = mu + 4 * eps * (std::sqrt(2.0) + mu);
  auto kappa = [&](std::size_t n) {
    const double l = log2Exact(n);
    return l * eta / (1 - l * eta);
  };
  // Per merge of length L (children of lengths m and L - m, values of
  //  modulus <= 1 on the circle, Parseval norm 1):
  //  - FFT: each packed spectrum is off by kappa sqrt(N) in 2-norm;
  //    unpacking (x = 2X, |x| <= 2) gives errors <= 2 kappa sqrt(N) +
  //    3 eps sqrt(N); each of ak, bk is two complex products of factors
  //    <= 2, so <= 16 kappa sqrt(N) + (72 eps + 4 mu) sqrt(N), and
  //    ak + i bk twice that; the inverse FFT adds kappa ||4 FFT(A+iB)||
  //    = 4 kappa N; after the division by 4N the coefficients (A, B) are
  //    off by <= 9 kappa + 45 eps in 2-norm, taken as 12 kappa + 60 eps;
  //  - direct: each coefficient is two dot products of <= m + 1 terms,
  //    error <= (m + 2) eps sum |x_i y_j|, 2-norm <= 2 (m + 2) sqrt(m) eps
  //    per output vector.
  // The sup over the circle of a coefficient error e of length L is at
  // most ||e||_1 <= sqrt(L) ||e||_2, and for the pair (dA, dB) the matrix
  // norm is sqrt(|dA|^2 + |dB|^2) <= sqrt(L) ||(dA, dB)||_2.
  auto mergeBound = [&](std::size_t len, std::size_t m) {
    const double sl = std::sqrt(double(len));
    if (len <= DoubleDoubleBackend::kDirectMerge)
      return sl * std::sqrt(2.0) * 2 * (m + 2) * std::sqrt(double(m)) * eps;
    return sl * std::sqrt(2.0) * (12 * kappa(nextPow2(len)) + 60 * eps);
  };
  // Leaf of L layers: step k rotates pairs with error <= 3 eps (|x| + |y|)
  // each, 2-norm <= 3 sqrt2 eps, sup <= 3 sqrt2 eps sqrt(k + 1); later
  // (unitary) layers do not amplify it. Input errors: a layer off by
  // (dc, ds) is off by sqrt(dc^2 + ds^2) <= sqrt2 inputError in norm.
  auto leafBound = [&](std::size_t len) {
    double sum = 0;
    for (std::size_t k = 0; k < len; ++k)
      sum += 3 * std::sqrt(2.0) * eps * std::sqrt(double(k + 1)) + std::sqrt(2.0) * inputError;
    return sum;
  };
  // Same recursion as Engine::forward; error of a node <= e1 + e2 + e1 e2
  // + its merge's own rounding (times 1 + e for values slightly above 1).
  struct Rec {
    decltype(leafBound) &leaf;
    decltype(mergeBound) &mergeB;
    double operator()(std::size_t len) const {
      if (len <= kLeaf)
        return leaf(len);
      const std::size_t m = splitPoint(len);
      const double e1 = (*this)(m), e2 = (*this)(len - m);
      const double grow = 1 + e1 + e2;
      return e1 + e2 + e1 * e2 + mergeB(len, m) * grow * grow;
    }
  };
  if (length == 0)
    return 0;
  const double bound = Rec{leafBound, mergeBound}(length);
  return bound * 1.01; // slack for the bound's own rounding
}

#define QSVTC_NLFT_FORWARD(T)                                                                      \
  template NlftPair<T> nlftForward<T>(const std::vector<T> &);                                     \
  template NlftPair<T> nlftForwardRotations<T>(const std::vector<T> &, const std::vector<T> &);    \
  template NlftPair<T> nlftForwardDirect<T>(const std::vector<T> &);
QSVTC_NLFT_FORWARD(double)
QSVTC_NLFT_FORWARD(DoubleDouble)
QSVTC_NLFT_FORWARD(Mpfr)
#undef QSVTC_NLFT_FORWARD

#define QSVTC_NLFT_INVERSE(T)                                                                      \
  template std::vector<T> nlftInverse<T>(const std::vector<T> &, const std::vector<T> &);          \
  template std::vector<T> nlftInverseLayerStripping<T>(const std::vector<T> &,                     \
                                                       const std::vector<T> &);
QSVTC_NLFT_INVERSE(double)
QSVTC_NLFT_INVERSE(DoubleDouble)
#undef QSVTC_NLFT_INVERSE

} // namespace qsvtc::qsp
