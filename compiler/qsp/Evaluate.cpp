//===- Evaluate.cpp - The QSP product in qsvtc's convention ---------------===//
#include "qsvtc/qsp/Evaluate.h"

#include "qsvtc/numeric/DoubleDouble.h"
#include "qsvtc/numeric/Parallel.h"

#include <cmath>

namespace qsvtc::qsp {
using numeric::DoubleDouble;
using numeric::Mpfr;

PhaseTable<double> phaseTableDouble(const std::vector<double> &phases) {
  PhaseTable<double> t;
  for (double phi : phases) {
    t.cos.push_back(std::cos(phi));
    t.sin.push_back(std::sin(phi));
  }
  return t;
}

namespace {
template <class T> T fromMpfr(const Mpfr &v) {
  if constexpr (std::is_same_v<T, DoubleDouble>) {
    const double hi = static_cast<double>(v);
    return DoubleDouble(hi, static_cast<double>(Mpfr(v - hi)));
  } else {
    return T(v);
  }
}
} // namespace

template <class T> PhaseTable<T> phaseTable(const std::vector<Mpfr> &phases, unsigned bits) {
  numeric::PrecisionGuard guard(bits);
  PhaseTable<T> t;
  for (const Mpfr &phi : phases) {
    const Mpfr x = numeric::withPrecision(phi, bits);
    t.cos.push_back(fromMpfr<T>(Mpfr(cos(x))));
    t.sin.push_back(fromMpfr<T>(Mpfr(sin(x))));
  }
  return t;
}

template PhaseTable<DoubleDouble> phaseTable<DoubleDouble>(const std::vector<Mpfr> &, unsigned);
template PhaseTable<Mpfr> phaseTable<Mpfr>(const std::vector<Mpfr> &, unsigned);

std::vector<double> qspResponse(const std::vector<double> &phases, const std::vector<double> &xs) {
  const PhaseTable<double> table = phaseTableDouble(phases);
  std::vector<double> out(xs.size());
  const bool symmetric = isSymmetric(table);
  numeric::parallelChunks(xs.size(), numeric::workerCount(xs.size() * phases.size(), 1 << 16),
                          [&](std::size_t begin, std::size_t end, unsigned) {
                            for (std::size_t i = begin; i < end; ++i)
                              out[i] = symmetric ? qspTopLeftSymmetric(table, xs[i]).re
                                                 : qspTopLeft(table, xs[i]).re;
                          });
  return out;
}

} // namespace qsvtc::qsp
