//===- Domain.h - Where an approximation must be accurate ------*- C++ -*-===//
//
// A domain is a finite union of closed intervals inside [-1, 1]: the set on
// which |p(x) - f(x)| <= eps is required (e.g. [-1,-delta] U [delta,1] for
// 1/x). Outside it only |p| <= 1 is required, as QSP needs on all of [-1, 1].
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_APPROX_DOMAIN_H
#define QSVTC_APPROX_DOMAIN_H

#include <string>
#include <vector>

namespace qsvtc::approx {

struct Interval {
  double lo = -1.0;
  double hi = 1.0;
};

class Domain {
public:
  Domain() : intervals{{-1.0, 1.0}} {}
  explicit Domain(std::vector<Interval> intervals);

  /// Parses "a,b[,c,d...]" (pairs of endpoints). Throws qsvtc::Error on
  /// malformed text, an odd count, lo >= hi, overlap or points outside
  /// [-1, 1].
  static Domain parse(const std::string &text);

  /// [-1,-delta] U [delta,1].
  static Domain symmetricGap(double delta);

  const std::vector<Interval> &parts() const { return intervals; }
  bool contains(double x) const;
  bool isSymmetric() const;
  /// True when the domain is exactly the one interval [lo, hi].
  bool isInterval(double lo, double hi) const {
    return intervals.size() == 1 && intervals[0].lo == lo && intervals[0].hi == hi;
  }
  /// The union with its mirror image -x (for functions of definite parity).
  Domain symmetrized() const;
  /// Domain intersected with [0, 1] (what a parity-aware solver works on).
  Domain positiveHalf() const;
  std::string str() const;

private:
  std::vector<Interval> intervals; // sorted, disjoint
};

} // namespace qsvtc::approx

#endif // QSVTC_APPROX_DOMAIN_H
