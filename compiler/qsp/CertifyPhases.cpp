//===- CertifyPhases.cpp - Measured error of QSP phase factors ------------===//
#include "qsvtc/qsp/CertifyPhases.h"

#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/numeric/Parallel.h"
#include "qsvtc/qsp/Evaluate.h"

#include <algorithm>
#include <cmath>

namespace qsvtc::qsp {
using numeric::DoubleDouble;
using numeric::Mpfr;

namespace {

struct Peak {
  double value = 0, at = 0;
};

/// Keeps the largest |diff| (rounded up; NaN counts as infinite).
template <class T> void check(const T &diff, double at, Peak &peak) {
  double e;
  if constexpr (std::is_same_v<T, DoubleDouble>)
    e = std::abs(numeric::toDouble(diff));
  else
    e = std::abs(static_cast<double>(diff));
  const double up = std::isnan(e) ? INFINITY : std::nextafter(e, INFINITY);
  if (up > peak.value)
    peak = {up, at};
}

/// The nonzero half of a series of definite parity (clenshawMany's
/// input), or the series itself with parity -1.
template <class T> std::pair<std::vector<T>, int> parityHalf(const std::vector<T> &coef) {
  for (int parity : {0, 1}) {
    bool definite = true;
    for (std::size_t k = 1 - parity; definite && k < coef.size(); k += 2)
      definite = coef[k] == T(0);
    if (definite) {
      std::vector<T> half;
      for (std::size_t k = parity; k < coef.size(); k += 2)
        half.push_back(coef[k]);
      return {half, parity};
    }
  }
  return {coef, -1};
}

/// max over xs of |Re P(x) - p(x)| with the product and Clenshaw in T, a
/// block of points at a time (interleaved chains: Evaluate.h, Chebyshev.h).
template <class T>
Peak maxDeviation(const PhaseTable<T> &table, const std::vector<T> &coef,
                  const std::vector<double> &xs) {
  const unsigned workers = numeric::workerCount(xs.size() * table.cos.size(), 1 << 15);
  const bool symmetric = isSymmetric(table); // half the product suffices
  const auto [half, parity] = parityHalf(coef);
  std::vector<Peak> peaks(workers);
  constexpr std::size_t Block = 64;
  numeric::parallelChunks(xs.size(), workers, [&](std::size_t begin, std::size_t end, unsigned w) {
    T x[Block], poly[Block];
    Complex<T> top[Block];
    for (std::size_t b = begin; b < end; b += Block) {
      const std::size_t m = std::min(Block, end - b);
      for (std::size_t i = 0; i < m; ++i)
        x[i] = T(xs[b + i]);
      if (symmetric)
        qspTopLeftSymmetricMany(table, x, top, m);
      else
        for (std::size_t i = 0; i < m; ++i)
          top[i] = qspTopLeft(table, x[i]);
      numeric::clenshawMany(half, parity, x, poly, m);
      for (std::size_t i = 0; i < m; ++i)
        check(top[i].re - poly[i], xs[b + i], peaks[w]);
    }
  });
  Peak best;
  for (const Peak &p : peaks)
    if (p.value > best.value)
      best = p;
  return best;
}

} // namespace

PhaseCertificate certifyPhases(const std::vector<Mpfr> &phases, unsigned phaseBits,
                               const std::vector<Mpfr> &coef) {
  const std::size_t d = phases.empty() ? 0 : phases.size() - 1;
  const std::size_t n = 5 * (d + 1) + 1000; // on [0, 1]
  std::vector<double> xs(n);
  for (std::size_t i = 0; i < n; ++i)
    xs[i] = i + 1 == n ? 1.0 : (1 - std::cos(M_PI * i / (n - 1))) / 2;

  bool allDouble = phaseBits <= 53;
  for (std::size_t k = 0; allDouble && k < coef.size(); ++k)
    allDouble = Mpfr(static_cast<double>(coef[k])) == coef[k];

  PhaseCertificate cert;
  cert.gridPoints = n;
  Peak peak;
  if (allDouble) {
    cert.precisionBits = 106;
    const PhaseTable<DoubleDouble> table = phaseTable<DoubleDouble>(phases, 160);
    std::vector<DoubleDouble> c;
    for (const Mpfr &ck : coef)
      c.emplace_back(static_cast<double>(ck));
    peak = maxDeviation(table, c, xs);
  } else {
    cert.precisionBits = std::max(128u, 2 * phaseBits);
    const PhaseTable<Mpfr> table = phaseTable<Mpfr>(phases, cert.precisionBits);
    numeric::PrecisionGuard guard(cert.precisionBits);
    std::vector<Mpfr> c;
    for (const Mpfr &ck : coef)
      c.push_back(numeric::withPrecision(ck, cert.precisionBits));
    peak = maxDeviation(table, c, xs);
  }
  cert.maxError = peak.value;
  cert.maxErrorAt = peak.at;
  return cert;
}

} // namespace qsvtc::qsp
