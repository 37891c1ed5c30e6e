//===- GqspJson.h - GQSP polynomial and phases files -----------*- C++ -*-===//
//
// Polynomial: {"basis": "monomial", "coef": [p_0, p_1, ...]}, each p_k a
// number or a pair [re, im] (P(z) = sum_k p_k z^k on |z| = 1).
// Phases: {"convention": "gqsp", "degree": d, "theta": [...], "phi": [...],
//          "lambda": x, "complement": [[re, im], ...], "max_error": bound,
//          "certificate": {...}, "completion": {...}}.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_QSP_GQSPJSON_H
#define QSVTC_QSP_GQSPJSON_H

#include "qsvtc/qsp/Gqsp.h"

#include <nlohmann/json.hpp>

#include <string>

namespace qsvtc::qsp {

/// Throws qsvtc::Error ("name: error: ...", located for malformed JSON).
std::vector<GqspComplex> parseGqspPolyJson(const std::string &text, const std::string &name);

nlohmann::ordered_json toJson(const GqspResult &r);

/// Complex coefficients as [[re, im], ...].
nlohmann::ordered_json complexJson(const std::vector<GqspComplex> &v);

/// The angles of a phases file written by toJson (for re-certification).
GqspPhases parseGqspPhasesJson(const std::string &text, const std::string &name);

} // namespace qsvtc::qsp

#endif // QSVTC_QSP_GQSPJSON_H
