//===- VerifierTest.cpp - Manifests and the comparison --------------------===//
#include "RuntimeTestSupport.h"

#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/runtime/Verifier.h"

#include <gtest/gtest.h>

using namespace qsvtc::runtime;
using namespace qsvtc::runtime::test;
using Json = nlohmann::ordered_json;
using C = std::complex<double>;

namespace {

/// LCU (X_q0 + Z_q1)/2 with one ancilla (see docs/manifest.md's example).
const char *kLcu = "qubit[2] q;\nqubit anc;\nh anc;\nctrl @ x anc, q[0];\n"
                   "negctrl @ z anc, q[1];\nh anc;\n";

Json lcuManifest() {
  return Json::parse(R"({
    "format": "qsvtc-manifest", "version": 1, "kind": "block",
    "data": [{"register": "q", "index": 0}, {"register": "q", "index": 1}],
    "ancillas": [{"register": "anc", "state": 0}],
    "alpha": 2,
    "reference": [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, -1, 1], [0, 0, 1, -1]],
    "error_bound": 1e-12,
    "provenance": {"compiler": "hand-written"}
  })");
}

std::string manifestError(const Json &j, const std::string &qasmBody = kLcu) {
  try {
    const Manifest m = parseManifest(j.dump(), "m.json");
    resolvePartition(m, qasm(qasmBody));
  } catch (const DiagnosticError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RuntimeVerifier, LcuBlockPasses) {
  const Manifest m = parseManifest(lcuManifest().dump(), "m.json");
  const VerifyReport r = verify(qasm(kLcu), m);
  EXPECT_TRUE(r.pass) << r.summary();
  EXPECT_LT(r.error, 1e-15);
  EXPECT_EQ(r.numQubits, 3);
  EXPECT_EQ(r.ancillaQubits, 1);
  EXPECT_EQ(r.toJson()["pass"], true);
}

TEST(RuntimeVerifier, WrongReferenceFails) {
  Json j = lcuManifest();
  j["reference"][2][2] = 1; // wrong sign (was -1)
  const VerifyReport r = verify(qasm(kLcu), parseManifest(j.dump(), "m.json"));
  EXPECT_FALSE(r.pass);
  EXPECT_NEAR(r.maxAbsError, 2, 1e-12);
  EXPECT_NEAR(r.spectralError, 2, 1e-12);
  EXPECT_NEAR(r.frobeniusError, 2, 1e-12);
  EXPECT_NE(r.summary().find("FAIL"), std::string::npos);
}

TEST(RuntimeVerifier, BlocksArePhaseExact) {
  // The block times -1 is a different block: no phase is divided out.
  Json j = lcuManifest();
  for (auto &row : j["reference"])
    for (auto &x : row)
      x = -x.get<double>();
  EXPECT_FALSE(verify(qasm(kLcu), parseManifest(j.dump(), "m.json")).pass);
  j["phase"] = "global";
  const VerifyReport r = verify(qasm(kLcu), parseManifest(j.dump(), "m.json"));
  EXPECT_TRUE(r.pass);
  EXPECT_NEAR(std::abs(r.phase), 3.141592653589793, 1e-12);
}

TEST(RuntimeVerifier, StatesAllowAGlobalPhaseByDefault) {
  // ry(θ) then rz: the state has a relative and a global phase.
  const char *prep = "qubit d;\nry(1.0) d;\nrz(0.6) d;\n";
  const double c = std::cos(0.5), s = std::sin(0.5);
  Json j = {{"format", "qsvtc-manifest"},    {"version", 1}, {"kind", "state"},
            {"data", {{{"register", "d"}}}}, {"alpha", 1},   {"error_bound", 1e-12}};
  // e^{+0.3i} (c, s e^{0.6i}) = rz(0.6) ry(1) |0> times e^{0.3i}
  j["reference"] = {c, {s * std::cos(0.6), s * std::sin(0.6)}};
  VerifyReport r = verify(qasm(prep), parseManifest(j.dump(), "m.json"));
  EXPECT_TRUE(r.pass) << r.summary();
  EXPECT_NEAR(r.phase, 0.3, 1e-12);
  EXPECT_NEAR(r.successProbability, 1, 1e-12);
  j["phase"] = "exact";
  r = verify(qasm(prep), parseManifest(j.dump(), "m.json"));
  EXPECT_FALSE(r.pass);
}

TEST(RuntimeVerifier, NormsAndBound) {
  Manifest m;
  m.kind = ManifestKind::Block;
  m.alpha = 1;
  m.reference = Eigen::MatrixXcd::Zero(2, 2);
  Eigen::MatrixXcd sim = Eigen::MatrixXcd::Zero(2, 2);
  sim(0, 0) = 3e-3;
  sim(1, 1) = C(0, 4e-3);
  m.errorBound = 4e-3;
  VerifyReport r = compare(sim, m);
  EXPECT_NEAR(r.spectralError, 4e-3, 1e-15);
  EXPECT_NEAR(r.frobeniusError, 5e-3, 1e-15);
  EXPECT_NEAR(r.maxAbsError, 4e-3, 1e-15);
  EXPECT_TRUE(r.pass); // 4e-3 <= 4e-3
  m.norm = ErrorNorm::Frobenius;
  EXPECT_FALSE(compare(sim, m).pass);
  m.norm = ErrorNorm::MaxAbs;
  EXPECT_TRUE(compare(sim, m).pass);
}

TEST(RuntimeVerifier, WholeRegistersAndComplexEntries) {
  Json j = lcuManifest();
  j["data"] = {{{"register", "q"}}};
  j["reference"][0][1] = {1, 0};
  EXPECT_TRUE(verify(qasm(kLcu), parseManifest(j.dump(), "m.json")).pass);
}

TEST(RuntimeVerifier, BadManifests) {
  auto expect = [](const Json &j, const std::string &part, const std::string &body = kLcu) {
    const std::string e = manifestError(j, body);
    EXPECT_NE(e.find(part), std::string::npos) << e;
  };
  Json j = lcuManifest();
  j["data"][1]["register"] = "r";
  expect(j, "m.json: error: data[1]: unknown register 'r' (the circuit "
            "declares q[2], anc[1])");
  j = lcuManifest();
  j["data"][1]["index"] = 2;
  expect(j, "data[1]: index 2 out of range for 'q' (qubit[2])");
  j = lcuManifest();
  j["reference"] = {{1, 0}, {0, 1}};
  expect(j, "the reference block is 2 x 2, but 2 data qubits need 4");
  j = lcuManifest();
  j["reference"][1] = {1, 1, 0};
  expect(j, "reference[1] has 3 entries; a block reference must be square");
  j = lcuManifest();
  j["reference"][0][0] = "one";
  expect(j, "reference[0][0]: expected a number or a [re, im] pair");
  j = lcuManifest();
  j.erase("alpha");
  expect(j, "missing required key \"alpha\"");
  j = lcuManifest();
  j["alpha"] = -1;
  expect(j, "\"alpha\" must be positive");
  j = lcuManifest();
  j["refrence"] = 1;
  expect(j, "unknown key \"refrence\"");
  j = lcuManifest();
  j["kind"] = "matrix";
  expect(j, "\"kind\" must be \"block\" or \"state\"");
  j = lcuManifest();
  j["ancillas"][0]["state"] = 2;
  expect(j, "ancillas[0].state must be 0 or 1");
  j = lcuManifest();
  j.erase("ancillas");
  expect(j, "anc[0] is neither a data qubit nor an ancilla");
  j = lcuManifest();
  j["data"].push_back({{"register", "q"}, {"index", 0}});
  expect(j, "data[2]: q[0] is listed twice");
  j = lcuManifest();
  j["version"] = 2;
  expect(j, "unsupported manifest \"version\"");
  j = lcuManifest();
  j["error_norm"] = "l1";
  expect(j, "\"error_norm\" must be");
  try {
    parseManifest("{\n  \"kind\": \"block\",\n  oops\n}", "bad.json");
    FAIL() << "no error";
  } catch (const DiagnosticError &e) {
    EXPECT_EQ(std::string(e.what()).rfind("bad.json:3:3: error: malformed JSON\n  oops\n  ^", 0),
              0u)
        << e.what();
  }
}

} // namespace
