//===- FuzzMutator.h - Seeded mutation of valid inputs for fuzz tests -*- C++ -*-===//
//
// The reader fuzz tests (DSL, IR, QASM, tensors, JSON) start from valid
// files and apply one to four random edits: byte flips, deletions,
// fragment insertions, duplications, splices of another corpus file and
// digit changes (shapes, counts, exponents). QSVTC_FUZZ_CASES overrides
// the number of mutants per reader.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_UNIT_FUZZMUTATOR_H
#define QSVTC_TEST_UNIT_FUZZMUTATOR_H

#include <cctype>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace qsvtc::test {

inline std::size_t fuzzCaseCount(std::size_t fallback) {
  const char *env = std::getenv("QSVTC_FUZZ_CASES");
  return env ? std::strtoul(env, nullptr, 10) : fallback;
}

inline std::string mutate(const std::string &text, std::mt19937_64 &rng,
                          const std::vector<std::string> &corpus,
                          const std::vector<std::string> &fragments) {
  std::string s = text;
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    const std::size_t n = s.size();
    const std::size_t at = n ? rng() % n : 0;
    const std::size_t len = 1 + rng() % 16;
    switch (rng() % 6) {
    case 0: // flip a byte
      if (n)
        s[at] = static_cast<char>(rng() % 256);
      break;
    case 1: // delete a range
      s.erase(at, len);
      break;
    case 2: // insert a fragment
      s.insert(at, fragments[rng() % fragments.size()]);
      break;
    case 3: // duplicate a range
      s.insert(at, s.substr(at, len));
      break;
    case 4: { // splice a piece of another corpus text
      const std::string &other = corpus[rng() % corpus.size()];
      if (!other.empty())
        s.insert(at, other.substr(rng() % other.size(), len * 4));
      break;
    }
    case 5: // replace a digit (shapes, counts, epsilons)
      for (std::size_t i = at; i < n; ++i)
        if (std::isdigit(static_cast<unsigned char>(s[i]))) {
          s[i] = static_cast<char>('0' + rng() % 10);
          break;
        }
      break;
    }
  }
  return s;
}

} // namespace qsvtc::test

#endif // QSVTC_TEST_UNIT_FUZZMUTATOR_H
