//===- QspReference.h - QSPPACK's known answers for the QSP tests ---------===//
//
// test/data/qsp-reference holds polynomials and QSPPACK's phases for them
// in our convention (see its README); the tests load them by name.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TEST_UNIT_QSP_QSPREFERENCE_H
#define QSVTC_TEST_UNIT_QSP_QSPREFERENCE_H

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace qsvtc::testref {

struct QspReference {
  std::vector<double> coef, phases;
  int parity = 0;
};

inline QspReference loadQspReference(const std::string &name) {
  const std::string base = std::string(QSVTC_TEST_DATA_DIR) + "/qsp-reference/" + name;
  const auto poly = nlohmann::json::parse(std::ifstream(base + ".poly.json"));
  const auto ph = nlohmann::json::parse(std::ifstream(base + ".phases.json"));
  return {poly["coef"].get<std::vector<double>>(), ph["phases"].get<std::vector<double>>(),
          poly["parity"].get<int>()};
}

} // namespace qsvtc::testref

#endif // QSVTC_TEST_UNIT_QSP_QSPREFERENCE_H
