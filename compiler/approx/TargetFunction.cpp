//===- TargetFunction.cpp - A function to approximate ---------------------===//
#include "qsvtc/approx/TargetFunction.h"

#include <sstream>

namespace qsvtc::approx {

std::string parityName(Parity p) {
  switch (p) {
  case Parity::Even:
    return "even";
  case Parity::Odd:
    return "odd";
  case Parity::None:
    break;
  }
  return "none";
}

TargetFunction scaled(const TargetFunction &f, double scale) {
  if (scale == 1.0)
    return f;
  TargetFunction g = f;
  std::ostringstream formula;
  formula.precision(17);
  formula << scale << "*" << f.formula;
  g.formula = formula.str();
  g.evalDouble = [h = f.evalDouble, scale](double x) { return scale * h(x); };
  g.evalMpfr = [h = f.evalMpfr, scale](const numeric::Mpfr &x) {
    return numeric::Mpfr(h(x) * scale);
  };
  if (f.smoothExtension)
    g.smoothExtension = [ext = f.smoothExtension, scale](double eps) {
      return scaled(ext(eps / scale), scale);
    };
  return g;
}

TargetFunction parityPart(const TargetFunction &f, Parity p) {
  const double sign = p == Parity::Even ? 1.0 : -1.0;
  TargetFunction g = f;
  g.parity = p;
  g.formula = parityName(p) + " part of " + f.formula;
  g.evalDouble = [h = f.evalDouble, sign](double x) { return (h(x) + sign * h(-x)) / 2; };
  g.evalMpfr = [h = f.evalMpfr, sign](const numeric::Mpfr &x) {
    return numeric::Mpfr((h(x) + sign * h(numeric::Mpfr(-x))) / 2);
  };
  g.smoothExtension = nullptr;
  return g;
}

} // namespace qsvtc::approx
