//===- PolyJson.cpp - The polynomial file format --------------------------===//
#include "qsvtc/approx/PolyJson.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"
#include "qsvtc/support/JsonFile.h"
#include "qsvtc/support/Numbers.h"

#include <cmath>
#include <sstream>

namespace qsvtc::approx {
using numeric::Mpfr;
using Json = nlohmann::ordered_json;

std::string decimalString(const Mpfr &v, unsigned bits) {
  // number::str, not operator<<: g++ 12 warns (-Wrestrict, GCC PR 105329)
  // on the stream path.
  // Enough digits for the value's actual precision (Boost may round the
  // requested bits up), so that text -> binary gives the value back.
  const unsigned actual =
      std::max<unsigned>(bits, static_cast<unsigned>(mpfr_get_prec(v.backend().data())));
  return v.str(numeric::bitsToDigits(actual), std::ios::scientific);
}

namespace {

/// Coefficients as JSON: numbers at double precision, strings above it.
Json coefJson(const std::vector<Mpfr> &coef, unsigned bits) {
  Json arr = Json::array();
  for (const Mpfr &c : coef) {
    if (bits <= 53)
      arr.push_back(static_cast<double>(c));
    else
      arr.push_back(decimalString(c, bits));
  }
  return arr;
}

Json parityJson(Parity p) { return p == Parity::None ? Json(nullptr) : Json(parityIndex(p)); }

Json certificateJson(const Certificate &c) {
  Json j;
  j["max_error"] = c.maxError;
  j["max_error_at"] = c.maxErrorAt;
  j["max_abs"] = c.maxAbs;
  j["max_abs_at"] = c.maxAbsAt;
  j["error_grid"] = c.gridPoints;
  j["certified_precision_bits"] = c.precisionBits;
  return j;
}

} // namespace

Json toJson(const Approximation &a, const ApproxOptions &opts) {
  Json j;
  j["basis"] = "chebyshev";
  j["parity"] = parityJson(a.parity);
  j["degree"] = a.degree;
  j["domain"] = {-1, 1};
  j["coef"] = coefJson(a.coef, a.precisionBits);
  j["function"] = a.target.name;
  j["formula"] = a.target.formula;
  Json params = Json::object();
  for (const auto &[k, v] : a.target.params)
    params[k] = v;
  j["params"] = params;
  Json dom = Json::array();
  for (const Interval &iv : a.target.domain.parts())
    dom.push_back({iv.lo, iv.hi});
  j["approximation_domain"] = dom;
  j["scale"] = a.scale;
  j["epsilon"] = opts.epsilon;
  j["eta"] = opts.eta;
  j.update(certificateJson(a.certificate));
  j["method"] = methodName(a.method);
  if (!a.note.empty())
    j["note"] = a.note;
  j["precision_bits"] = a.precisionBits;
  if (a.method == Method::Remez) {
    Json r;
    r["levelled_error"] = a.levelledError;
    r["lower_bound"] = a.lowerBound;
    r["lower_bound_previous_degree"] = a.lowerBoundBelow;
    r["degree_proven_minimal"] = a.degreeProvenMinimal;
    r["solver_runs"] = a.solverRuns;
    j["remez"] = r;
  }
  if (a.parity == Parity::None && a.target.domain.isSymmetric()) {
    auto [even, odd] = splitParity(a);
    Json parts;
    for (const Approximation *p : {&even, &odd}) {
      Json q;
      q["parity"] = parityIndex(p->parity);
      q["degree"] = p->degree;
      q["coef"] = coefJson(p->coef, p->precisionBits);
      q.update(certificateJson(p->certificate));
      parts[parityName(p->parity)] = q;
    }
    j["parts"] = parts;
  }
  return j;
}

std::vector<Mpfr> PolyFile::toMpfr(unsigned bits) const {
  std::vector<Mpfr> out;
  for (const std::string &text : coef) {
    if (allDoubles) {
      out.emplace_back(*parseNumber(text));
      continue;
    }
    const unsigned need = std::max<unsigned>(bits, static_cast<unsigned>(text.size() * 3.33) + 16);
    numeric::PrecisionGuard guard(need);
    out.push_back(Mpfr(text));
  }
  return out;
}

PolyFile parsePolyJson(const std::string &text, const std::string &name) {
  Json j = parseJsonDocument(text, name);
  auto fail = [&](const std::string &why) { throw Error(name + ": error: " + why); };
  if (!j.is_object())
    fail("expected a JSON object with \"coef\"");
  if (j.contains("basis") && j["basis"] != "chebyshev")
    fail("unsupported basis " + j["basis"].dump() + " (only \"chebyshev\")");
  if (!j.contains("coef") || !j["coef"].is_array() || j["coef"].empty())
    fail("\"coef\" must be a non-empty array of coefficients");
  PolyFile out;
  bool hasEven = false, hasOdd = false;
  for (std::size_t k = 0; k < j["coef"].size(); ++k) {
    const Json &c = j["coef"][k];
    std::string s;
    if (c.is_number()) {
      std::ostringstream num;
      num.precision(17);
      num << c.get<double>();
      s = num.str();
    } else if (c.is_string()) {
      s = c.get<std::string>();
      out.allDoubles = false;
      try { // toMpfr() reads it as a decimal (strtod would also take hex)
        Mpfr probe(s);
      } catch (const std::exception &) {
        fail("coef[" + std::to_string(k) + "] = \"" + s + "\" is not a decimal number");
      }
    } else {
      fail("coef[" + std::to_string(k) + "] is not a number");
    }
    const std::optional<double> parsed = parseNumber(s);
    if (!parsed)
      fail("coef[" + std::to_string(k) + "] = \"" + s + "\" is not a number");
    const double v = *parsed;
    if (!std::isfinite(v))
      fail("coef[" + std::to_string(k) + "] is not finite");
    if (v != 0)
      (k % 2 ? hasOdd : hasEven) = true;
    out.coef.push_back(s);
  }
  if (j.contains("parity") && !j["parity"].is_null()) {
    if (!j["parity"].is_number_integer() || (j["parity"] != 0 && j["parity"] != 1))
      fail("\"parity\" must be 0, 1 or null");
    const int p = j["parity"].get<int>();
    if ((p == 0 && hasOdd) || (p == 1 && hasEven))
      fail("declared parity " + std::to_string(p) + " but the coefficients have nonzero " +
           (p == 0 ? "odd" : "even") + " terms");
    out.parity = p;
  }
  // A declared degree is the coefficients' (design.md): a file that says
  // 100000000 over 2 coefficients is corrupt, not a degree-1 polynomial.
  if (j.contains("degree")) {
    const std::size_t have = j["coef"].size() - 1;
    if (!j["degree"].is_number_unsigned() || j["degree"].get<std::size_t>() != have)
      fail("\"degree\" is " + j["degree"].dump() + " but \"coef\" has " + std::to_string(have + 1) +
           " coefficients (degree " + std::to_string(have) + ")");
  }
  if (j.contains("domain")) {
    const Json &d = j["domain"];
    if (!d.is_array() || d.size() != 2 || d[0] != -1 || d[1] != 1)
      fail("\"domain\" must be [-1, 1] (the Chebyshev basis interval)");
  }
  return out;
}

} // namespace qsvtc::approx
