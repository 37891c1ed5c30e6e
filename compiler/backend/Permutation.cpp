//===- Permutation.cpp - Basis-state permutations as gates ----------------===//
#include "qsvtc/backend/Permutation.h"

#include "qsvtc/support/Error.h"

namespace qsvtc::backend {

namespace {

/// Swaps basis states x and y (x != y) on `qubits`, identity elsewhere.
void appendTransposition(GateBuilder &b, uint64_t x, uint64_t y, const std::vector<int> &qubits) {
  const uint64_t diff = x ^ y;
  int t = 0;
  while (!((diff >> t) & 1))
    ++t;
  auto ladder = [&] {
    for (std::size_t d = 0; d < qubits.size(); ++d)
      if (static_cast<int>(d) != t && ((diff >> d) & 1))
        b.cx(qubits[t], qubits[d]);
  };
  // The one with bit t set is flipped onto the other: they now differ in
  // bit t only, and their other bits are those of the one with bit t clear.
  ladder();
  const uint64_t clear = ((x >> t) & 1) ? y : x;
  std::vector<Control> controls;
  for (std::size_t j = 0; j < qubits.size(); ++j)
    if (static_cast<int>(j) != t)
      controls.push_back({qubits[j], ((clear >> j) & 1) != 0});
  b.x(qubits[t], controls);
  ladder();
}

} // namespace

void appendBasisPermutation(GateBuilder &b, const std::vector<uint64_t> &perm,
                            const std::vector<int> &qubits) {
  const uint64_t size = uint64_t{1} << qubits.size();
  if (perm.size() != size)
    throw InternalError("a permutation of " + std::to_string(perm.size()) + " states on " +
                        std::to_string(qubits.size()) + " qubits");
  // content[y]: which input state is at basis state y now; at[x]: where
  // input state x is. Each position y in turn receives the state that
  // perm sends there.
  std::vector<uint64_t> content(size), at(size), source(size, size);
  for (uint64_t x = 0; x < size; ++x) {
    content[x] = at[x] = x;
    if (perm[x] >= size || source[perm[x]] != size)
      throw InternalError("not a permutation");
    source[perm[x]] = x;
  }
  for (uint64_t y = 0; y < size; ++y) {
    const uint64_t want = source[y];
    if (content[y] == want)
      continue;
    const uint64_t z = at[want];
    appendTransposition(b, y, z, qubits);
    std::swap(content[y], content[z]);
    at[content[y]] = y;
    at[content[z]] = z;
  }
}

std::vector<uint64_t> completePermutation(const std::vector<uint64_t> &from,
                                          const std::vector<uint64_t> &to, uint64_t size) {
  std::vector<uint64_t> perm(size, size);
  std::vector<bool> taken(size, false);
  for (std::size_t i = 0; i < from.size(); ++i) {
    perm[from[i]] = to[i];
    taken[to[i]] = true;
  }
  uint64_t next = 0;
  for (uint64_t x = 0; x < size; ++x) {
    if (perm[x] != size)
      continue;
    while (taken[next])
      ++next;
    perm[x] = next++;
  }
  return perm;
}

} // namespace qsvtc::backend
