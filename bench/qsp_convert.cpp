//===- qsp_convert.cpp - Peers' phases into qsvtc's phases file -----------===//
//
// qsp-convert --from pyqsp|qsppack IN.json OUT.json
// reads the "phases" array a bench/peers/ driver wrote (the peer's own
// phases, untouched) and writes them as a "wx-symmetric" phases file that
// qsp-phases --check certifies against the same polynomial:
//   pyqsp   (sym_qsp full phases, Im<0|U|0> = p): qsp::pyqspToWx;
//   qsppack (QSP_solver full phases, targetPre = true): unchanged.
// See include/qsvtc/qsp/Conventions.h.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/qsp/Conventions.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

using namespace qsvtc;

int main(int argc, char **argv) {
  if (argc != 5 || std::string(argv[1]) != "--from") {
    std::fprintf(stderr, "usage: qsp-convert --from pyqsp|qsppack IN.json OUT.json\n");
    return 2;
  }
  const std::string from = argv[2];
  try {
    const nlohmann::json in = nlohmann::json::parse(readFile(argv[3]));
    if (!in.contains("phases") || !in["phases"].is_array() || in["phases"].empty())
      throw Error(std::string(argv[3]) + ": no \"phases\" array");
    std::vector<double> phases;
    for (const auto &p : in["phases"]) {
      if (!p.is_number())
        throw Error(std::string(argv[3]) + ": a phase is not a number");
      phases.push_back(p.get<double>());
    }
    if (from == "pyqsp")
      phases = qsp::pyqspToWx(phases);
    else if (from != "qsppack")
      throw Error("unknown convention '" + from + "' (pyqsp, qsppack)");
    nlohmann::ordered_json out;
    out["convention"] = "wx-symmetric";
    out["degree"] = phases.size() - 1;
    out["parity"] = (phases.size() - 1) % 2;
    out["phases"] = phases;
    out["converted_from"] = from;
    writeFileAtomically(argv[4], out.dump() + "\n");
  } catch (const std::exception &e) { // qsvtc::Error and JSON errors
    std::fprintf(stderr, "qsp-convert: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
