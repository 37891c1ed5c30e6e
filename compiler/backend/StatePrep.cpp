//===- StatePrep.cpp - Real state preparation by rotation trees -----------===//
#include "qsvtc/backend/StatePrep.h"

#include <cmath>
#include <vector>

namespace qsvtc::backend {

namespace {

/// The bit that changes between Gray codes i and i + 1 (cyclically).
int grayFlip(uint64_t i, uint64_t size) {
  uint64_t g = i ^ (i >> 1), next = ((i + 1) % size) ^ (((i + 1) % size) >> 1);
  return __builtin_ctzll(g ^ next);
}

} // namespace

void multiplexedRotation(GateBuilder &b, const std::string &axis, const std::vector<double> &angles,
                         const std::vector<int> &controls, int target) {
  uint64_t size = uint64_t{1} << controls.size();
  if (controls.empty()) {
    if (angles[0] != 0)
      b.call(axis, {angles[0]}, {target});
    return;
  }
  // The rotation before the i-th CNOT sees the control bits of Gray code
  // g_i flipped an odd number of times, so the net angle for control value
  // j is sum_i (-1)^{popcount(j & g_i)} theta_i; M = [(-1)^{j.g_i}] has
  // M^T M = 2^k I, hence theta_i = (H angles)[g_i] / 2^k with H the
  // Walsh-Hadamard transform, done in place in O(2^k k) (not O(4^k): a
  // 512 x 512 dense encoding took minutes).
  std::vector<double> walsh(angles.begin(), angles.end());
  walsh.resize(size, 0.0);
  for (uint64_t half = 1; half < size; half *= 2)
    for (uint64_t start = 0; start < size; start += 2 * half)
      for (uint64_t j = start; j < start + half; ++j) {
        const double u = walsh[j], v = walsh[j + half];
        walsh[j] = u + v;
        walsh[j + half] = u - v;
      }
  for (uint64_t i = 0; i < size; ++i) {
    b.call(axis, {walsh[i ^ (i >> 1)] / static_cast<double>(size)}, {target});
    b.cx(controls[static_cast<std::size_t>(grayFlip(i, size))], target);
  }
}

void prepareRealStatesMultiplexed(GateBuilder &b, const std::vector<std::vector<double>> &states,
                                  const std::vector<int> &select, const std::vector<int> &qubits) {
  const std::size_t m = qubits.size();
  const uint64_t dim = uint64_t{1} << m;
  // norms[s][level][prefix]: the norm of the amplitudes whose bits above
  // `level` spell `prefix` (level m: the whole vector).
  auto amplitude = [&](std::size_t s, uint64_t i) {
    return s < states.size() && i < states[s].size() ? states[s][i] : 0.0;
  };
  for (std::size_t level = m; level-- > 0;) {
    // Qubit `level` is rotated conditioned on the higher qubits and select.
    uint64_t prefixes = dim >> (level + 1);
    std::vector<int> controls(qubits.begin() + static_cast<long>(level) + 1, qubits.end());
    controls.insert(controls.end(), select.begin(), select.end());
    std::vector<double> angles;
    for (uint64_t s = 0; s < (uint64_t{1} << select.size()); ++s)
      for (uint64_t prefix = 0; prefix < prefixes; ++prefix) {
        // Entries with bits above `level` = prefix, bit `level` = 0 or 1.
        uint64_t block = uint64_t{1} << level;
        double a = 0, c = 0;
        if (level == 0) {
          a = amplitude(s, 2 * prefix);
          c = amplitude(s, 2 * prefix + 1);
        } else {
          for (uint64_t low = 0; low < block; ++low) {
            double u = amplitude(s, (2 * prefix) * block + low);
            double w = amplitude(s, (2 * prefix + 1) * block + low);
            a += u * u;
            c += w * w;
          }
          a = std::sqrt(a);
          c = std::sqrt(c);
        }
        angles.push_back(2 * std::atan2(c, a));
      }
    multiplexedRotation(b, "ry", angles, controls, qubits[level]);
  }
}

void prepareRealState(GateBuilder &b, const std::vector<double> &v,
                      const std::vector<int> &qubits) {
  prepareRealStatesMultiplexed(b, {v}, {}, qubits);
}

} // namespace qsvtc::backend
