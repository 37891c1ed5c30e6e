//===- Domain.cpp - Where an approximation must be accurate ---------------===//
#include "qsvtc/approx/Domain.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace qsvtc::approx {

Domain::Domain(std::vector<Interval> parts) : intervals(std::move(parts)) {
  if (intervals.empty())
    throw Error("domain is empty");
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval &a, const Interval &b) { return a.lo < b.lo; });
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const Interval &iv = intervals[i];
    if (!std::isfinite(iv.lo) || !std::isfinite(iv.hi) || iv.lo >= iv.hi)
      throw Error("domain interval [" + std::to_string(iv.lo) + ", " + std::to_string(iv.hi) +
                  "] is empty or not finite");
    if (iv.lo < -1.0 || iv.hi > 1.0)
      throw Error("domain interval [" + std::to_string(iv.lo) + ", " + std::to_string(iv.hi) +
                  "] is not inside [-1, 1]");
    if (i > 0 && iv.lo <= intervals[i - 1].hi)
      throw Error("domain intervals overlap");
  }
}

Domain Domain::parse(const std::string &text) {
  std::vector<double> ends;
  std::size_t start = 0;
  while (true) { // split on commas, keeping empty items (so "-1,1," fails)
    const std::size_t comma = text.find(',', start);
    const std::optional<double> v =
        parseNumber(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (!v)
      throw Error("malformed domain '" + text + "': expected comma-separated numbers like -1,1");
    ends.push_back(*v);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  if (ends.size() % 2 != 0)
    throw Error("malformed domain '" + text + "': expected pairs of endpoints a,b[,c,d...]");
  std::vector<Interval> parts;
  for (std::size_t i = 0; i < ends.size(); i += 2)
    parts.push_back({ends[i], ends[i + 1]});
  return Domain(parts);
}

Domain Domain::symmetricGap(double delta) {
  if (!(delta > 0.0 && delta < 1.0))
    throw Error("delta must lie in (0, 1), got " + std::to_string(delta));
  return Domain({{-1.0, -delta}, {delta, 1.0}});
}

bool Domain::contains(double x) const {
  return std::any_of(intervals.begin(), intervals.end(),
                     [x](const Interval &iv) { return iv.lo <= x && x <= iv.hi; });
}

bool Domain::isSymmetric() const {
  const std::size_t n = intervals.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Interval &a = intervals[i], &b = intervals[n - 1 - i];
    if (a.lo != -b.hi || a.hi != -b.lo)
      return false;
  }
  return true;
}

Domain Domain::symmetrized() const {
  // Union of the intervals and their mirrors, merged where they touch.
  std::vector<Interval> all = intervals;
  for (const Interval &iv : intervals)
    all.push_back({-iv.hi, -iv.lo});
  std::sort(all.begin(), all.end(),
            [](const Interval &a, const Interval &b) { return a.lo < b.lo; });
  std::vector<Interval> merged;
  for (const Interval &iv : all) {
    if (!merged.empty() && iv.lo <= merged.back().hi)
      merged.back().hi = std::max(merged.back().hi, iv.hi);
    else
      merged.push_back(iv);
  }
  return Domain(merged);
}

Domain Domain::positiveHalf() const {
  std::vector<Interval> half;
  for (const Interval &iv : intervals)
    if (iv.hi > 0.0)
      half.push_back({std::max(iv.lo, 0.0), iv.hi});
  if (half.empty())
    throw Error("domain " + str() + " has no positive part");
  return Domain(half);
}

std::string Domain::str() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < intervals.size(); ++i)
    out << (i ? " U " : "") << "[" << intervals[i].lo << ", " << intervals[i].hi << "]";
  return out.str();
}

} // namespace qsvtc::approx
