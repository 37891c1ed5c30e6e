//===- Resources.h - Qubits, queries, rotations and T gates -----*- C++ -*-===//
//
// estimate-resources counts what the compiled circuit costs, from the qsvt
// IR after approximation (degrees known), symbolically: nothing is
// simulated, so LLM-sized specs are counted as fast as toy ones.
//  - multiplicity: how often each op's circuit runs in the whole circuit
//    (a product runs each factor once, an LCU each term once, QSVT of
//    degree d runs its operand d times, also for mixed parity, an element-wise polynomial of
//    degree d runs it d (d + 1) / 2 times: Hadamard powers 1..d);
//  - queries: the multiplicity of each data oracle (weights, inputs);
//  - rotations: each QSVT instance of degree d has d + 1 phase rotations
//    (per parity part); each element-wise LCU prepares d + 1 amplitudes
//    twice (prepare, unprepare) with a rotation tree: 2 (2^m - 1) rotations,
//    m = ceil(log2(d + 1)). Exactly what backend/ emits; the rotations
//    inside data oracles are the oracles' cost (queries), not counted here;
//  - T gates per rotation by Ross-Selinger synthesis (arXiv 1403.2975):
//    3 log2(1/eps_r) + 9.2 on average, eps_r = eps / (10 rotations): a
//    tenth of the output's budget spread evenly over its rotations;
//  - readouts (layer boundaries) cut the circuit: the layer behind one runs
//    once per tomography sample (Resources.cpp, readoutSamples);
//  - logical qubits: data qubits plus the largest segment's ancillas;
//  - gates and depth: not counted here but in the circuit the backend
//    builds, when the model has data (backend::countCircuits).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_PASSES_RESOURCES_H
#define QSVTC_PASSES_RESOURCES_H

#include "qsvtc/ir/Module.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace qsvtc::passes {

struct PolyCost {
  std::string fn;
  std::string location;
  bool elementwise = false;
  int64_t degree = 0;
  bool estimated = false; ///< degree from estimate-degrees, not a polynomial
  double multiplicity = 0;
  double rotations = 0;
};

struct OutputResources {
  std::string name;
  double epsilon = 0;
  int64_t dataQubits = 0;
  int64_t ancillaQubits = 0;
  double alpha = 0;
  std::map<std::string, double> queries; // oracle source -> uses
  std::vector<PolyCost> polys;
  std::vector<std::pair<std::string, double>> readouts; // block, tomography samples
  double rotations = 0;
  double rotationEpsilon = 0;
  double tPerRotation = 0;
  double tCount = 0;
  /// The built circuit's gates and depth (backend::GateCounts::toJson), or
  /// {"unavailable": why}; null until the backend fills it.
  nlohmann::ordered_json circuit;
};

struct ResourceReport {
  std::string model;
  std::vector<OutputResources> outputs;
};

/// Throws qsvtc::Error if the module still has qt ops or polynomials
/// without a degree.
ResourceReport estimateResources(const ir::Module &module);

/// Puts each output's built-circuit counts (backend::countCircuits, in
/// output order) into `report`.
void attachCircuits(ResourceReport &report, std::vector<nlohmann::ordered_json> circuits);

std::string resourcesJson(const ResourceReport &report);
std::string resourcesTable(const ResourceReport &report);

} // namespace qsvtc::passes

#endif // QSVTC_PASSES_RESOURCES_H
