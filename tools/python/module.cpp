//===- module.cpp - qsvtc._core: the library's engines for Python ---------===//
//
// A thin layer: each function converts its arguments, calls the same
// library function the command-line tool calls, and returns what the
// tool's JSON holds as plain Python objects (so the package's results agree
// with the tools' bit for bit). The engines run on a worker thread with the
// GIL released, and Ctrl-C interrupts the call (interruptible below).
// qsvtc::Error becomes qsvtc.Error (a ValueError: bad input), with the
// tools' located message; an InternalError becomes qsvtc.InternalError.
// The Python-facing API (conventions, numpy arrays, mpmath) is
// tools/python/qsvtc/__init__.py.
//
//===----------------------------------------------------------------------===//
#include "qsvtc/approx/Approximate.h"
#include "qsvtc/approx/Catalog.h"
#include "qsvtc/approx/PolyJson.h"
#include "qsvtc/driver/Compile.h"
#include "qsvtc/numeric/Chebyshev.h"
#include "qsvtc/qsp/Conventions.h"
#include "qsvtc/qsp/GqspHamiltonian.h"
#include "qsvtc/qsp/GqspJson.h"
#include "qsvtc/qsp/PhasesJson.h"
#include "qsvtc/qsp/Solve.h"
#include "qsvtc/runtime/Diagnostic.h"
#include "qsvtc/runtime/Error.h"
#include "qsvtc/runtime/Manifest.h"
#include "qsvtc/runtime/VerifyText.h"
#include "qsvtc/support/Error.h"

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace py = pybind11;
using namespace qsvtc;

namespace {

/// A JSON value as the Python object json.loads would give.
py::object toPython(const nlohmann::ordered_json &j) {
  switch (j.type()) {
  case nlohmann::ordered_json::value_t::null:
    return py::none();
  case nlohmann::ordered_json::value_t::boolean:
    return py::bool_(j.get<bool>());
  case nlohmann::ordered_json::value_t::number_integer:
    return py::int_(j.get<int64_t>());
  case nlohmann::ordered_json::value_t::number_unsigned:
    return py::int_(j.get<uint64_t>());
  case nlohmann::ordered_json::value_t::number_float:
    return py::float_(j.get<double>());
  case nlohmann::ordered_json::value_t::string:
    return py::str(j.get<std::string>());
  case nlohmann::ordered_json::value_t::array: {
    py::list list;
    for (const auto &v : j)
      list.append(toPython(v));
    return list;
  }
  case nlohmann::ordered_json::value_t::object: {
    py::dict dict;
    for (const auto &[key, v] : j.items())
      dict[py::str(key)] = toPython(v);
    return dict;
  }
  default:
    throw InternalError("a JSON value of no Python type");
  }
}

/// Runs `work` (which must touch no Python object) on a worker thread
/// while this thread, GIL released, wakes every 50 ms to let Python run its
/// signal handlers: Ctrl-C raises KeyboardInterrupt at once. The engines
/// have no cancellation points, so an interrupted run goes on in the
/// background to its end, and its result is dropped.
template <class Work> auto interruptible(Work work) -> decltype(work()) {
  using Result = decltype(work());
  struct State {
    std::mutex mutex;
    std::condition_variable doneSignal;
    bool done = false;
    std::optional<Result> result;
    std::exception_ptr error;
  };
  auto state = std::make_shared<State>();
  std::thread([state, work = std::move(work)]() mutable {
    std::optional<Result> result;
    std::exception_ptr error;
    try {
      result.emplace(work());
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(state->mutex);
    state->result = std::move(result);
    state->error = error;
    state->done = true;
    state->doneSignal.notify_all();
  }).detach();
  for (;;) {
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(state->mutex);
      if (state->doneSignal.wait_for(lock, std::chrono::milliseconds(50),
                                     [&] { return state->done; }))
        break;
    }
    if (PyErr_CheckSignals() != 0)
      throw py::error_already_set();
  }
  if (state->error)
    std::rethrow_exception(state->error);
  return std::move(*state->result);
}

/// The certified phases of `coef`: the qsp-phases JSON as a dict.
py::dict solvePhases(std::vector<numeric::Mpfr> coef, const std::string &solver, double epsilon,
                     unsigned precisionBits) {
  qsp::PhaseOptions opts;
  opts.solver = qsp::parseSolver(solver);
  opts.epsilon = epsilon;
  opts.precisionBits = precisionBits;
  return toPython(interruptible([coef = std::move(coef), opts]() mutable {
    return qsp::toJson(qsp::solvePhases(std::move(coef), opts), opts);
  }));
}

/// Double coefficients, exactly (as qsp-phases reads JSON numbers).
py::dict solvePhasesDoubles(const std::vector<double> &coef, const std::string &solver,
                            double epsilon, unsigned precisionBits) {
  return solvePhases(std::vector<numeric::Mpfr>(coef.begin(), coef.end()), solver, epsilon,
                     precisionBits);
}

/// Decimal-string coefficients, read at the precision their digits need
/// (as qsp-phases reads JSON strings).
py::dict solvePhasesDecimals(const std::vector<std::string> &coef, const std::string &solver,
                             double epsilon, unsigned precisionBits) {
  approx::PolyFile file;
  file.coef = coef;
  file.allDoubles = false;
  std::vector<numeric::Mpfr> values;
  try {
    values = file.toMpfr();
  } catch (const std::runtime_error &e) { // boost: not a decimal number
    throw Error(std::string("a coefficient is not a decimal number (") + e.what() + ")");
  }
  for (std::size_t k = 0; k < values.size(); ++k)
    if (!boost::multiprecision::isfinite(values[k]))
      throw Error("coef[" + std::to_string(k) + "] = \"" + coef[k] + "\" is not finite");
  return solvePhases(std::move(values), solver, epsilon, precisionBits);
}

/// GQSP angles for P(z) = sum_k (re_k + i im_k) z^k: the qsp-phases --gqsp
/// JSON as a dict.
py::dict solveGqsp(const std::vector<double> &re, const std::vector<double> &im, bool certify) {
  if (re.size() != im.size())
    throw Error("solve_gqsp: real and imaginary parts differ in length");
  std::vector<qsp::GqspComplex> p(re.size());
  for (std::size_t k = 0; k < re.size(); ++k)
    p[k] = {re[k], im[k]};
  qsp::GqspOptions opts;
  opts.certify = certify;
  return toPython(interruptible([p, opts] { return qsp::toJson(qsp::solveGqsp(p, opts)); }));
}

/// exp(-i tau cos theta) by GQSP: the qsp-phases --gqsp -f hamiltonian JSON.
py::dict gqspHamiltonian(double tau, double epsilon) {
  return toPython(
      interruptible([tau, epsilon] { return qsp::toJson(qsp::gqspHamiltonian(tau, epsilon)); }));
}

py::dict approximate(const std::string &function, double epsilon,
                     const std::map<std::string, double> &params,
                     const std::optional<std::string> &domain, const std::string &method) {
  std::optional<approx::Domain> d;
  if (domain)
    d = approx::Domain::parse(*domain);
  approx::ApproxOptions opts;
  opts.epsilon = epsilon;
  if (method == "chebyshev")
    opts.method = approx::Method::Chebyshev;
  else if (method != "remez")
    throw Error("unknown method '" + method + "' (remez or chebyshev)");
  return toPython(interruptible([function, params, d, opts] {
    const approx::TargetFunction f = approx::makeCatalogFunction(function, params, d);
    return approx::toJson(approx::approximate(f, opts), opts);
  }));
}

/// f(x) of a catalog function at each x (its double evaluator): the
/// target that plots draw beside a polynomial.
std::vector<double> evaluateFunction(const std::string &function,
                                     const std::map<std::string, double> &params,
                                     const std::vector<double> &xs) {
  const approx::TargetFunction f = approx::makeCatalogFunction(function, params, std::nullopt);
  std::vector<double> ys;
  ys.reserve(xs.size());
  for (double x : xs)
    ys.push_back(f.evalDouble(x));
  return ys;
}

py::list catalog() {
  py::list out;
  for (const approx::CatalogEntry &e : approx::catalogEntries()) {
    py::dict d;
    d["name"] = e.name;
    d["formula"] = e.formula;
    d["params"] = e.params;
    d["domain"] = e.domain;
    d["parity"] = e.parity == approx::Parity::None
                      ? py::object(py::none())
                      : py::object(py::int_(approx::parityIndex(e.parity)));
    d["use"] = e.use;
    out.append(d);
  }
  return out;
}

/// qsvtc on a spec's (or IR's) text: {"result": the stage's text, or
/// --emit=resources' JSON as a dict, or for qasm a list of {"name", "qasm",
/// "manifest"}, "log": the pass log and notes}.
py::dict compileText(const std::string &text, const std::string &name, const std::string &qasmName,
                     const std::string &emit, bool irInput, const std::string &mode, int64_t token,
                     bool boundsOnly, bool decompose, bool allowOpaque, bool printLocations) {
  driver::CompileOptions options;
  std::optional<passes::Stage> stage = passes::parseStage(emit);
  if (!stage)
    throw Error("unknown emit '" + emit + "' (expected " + passes::stageList() + ")");
  options.stage = *stage;
  options.irInput = irInput;
  options.json = true;
  options.printLocations = printLocations;
  options.emit = {decompose, allowOpaque};
  if (mode == "auto")
    options.mode = driver::Mode::Auto;
  else if (mode == "state")
    options.mode = driver::Mode::State;
  else if (mode == "matrix")
    options.mode = driver::Mode::Matrix;
  else
    throw Error("unknown mode '" + mode + "' (auto, state or matrix)");
  options.state.token = token;
  options.state.boundsOnly = boundsOnly;
  options.qasmName = qasmName;
  auto [c, log] = interruptible([text, name, options] {
    std::ostringstream log;
    driver::Compiled compiled = driver::compile(name, text, options, log);
    return std::make_pair(std::move(compiled), log.str());
  });
  py::dict out;
  out["log"] = log;
  if (*stage == passes::Stage::Resources) {
    out["result"] = toPython(nlohmann::ordered_json::parse(c.text));
  } else if (*stage == passes::Stage::Qasm) {
    py::list files;
    for (const backend::QasmFiles &f : c.qasm) {
      py::dict d;
      d["name"] = f.qasmName;
      d["qasm"] = f.qasm;
      d["manifest"] = toPython(nlohmann::ordered_json::parse(f.manifest));
      files.append(d);
    }
    out["result"] = files;
  } else {
    out["result"] = c.text;
  }
  return out;
}

/// qsvt-verify on texts: the JSON report as a dict (its "pass" says the
/// verdict). Bad input raises qsvtc.Error with the tool's message.
py::dict verifyText(const std::string &qasm, const std::string &qasmName,
                    const std::string &manifest, const std::string &manifestName,
                    bool compositional) {
  runtime::VerifyOutcome outcome;
  try {
    outcome = interruptible([qasm, qasmName, manifest, manifestName, compositional] {
      return runtime::verifyText(qasm, qasmName, [&] { return manifest; }, manifestName,
                                 compositional, {});
    });
  } catch (const runtime::DiagnosticError &e) {
    throw Error(e.what());
  } catch (const runtime::Error &e) {
    throw Error(std::string("qsvt-verify: error: ") + e.what());
  }
  py::dict report = toPython(outcome.report);
  report["pass"] = outcome.pass;
  report["summary"] = outcome.summary;
  return report;
}

/// Our (Wx-symmetric) phases in another convention, and back.
std::vector<double> fromWx(const std::vector<double> &phi, const std::string &to) {
  if (to == "wx" || to == "qsppack")
    return phi; // QSPPACK's full phases are ours (Conventions.h)
  if (to == "reflection")
    return qsp::wxToReflection(phi);
  if (to == "pyqsp")
    return qsp::wxToPyqsp(phi);
  throw Error("unknown convention '" + to + "'");
}

std::vector<double> toWx(const std::vector<double> &phi, const std::string &from) {
  if (from == "wx" || from == "qsppack")
    return phi;
  if (from == "reflection")
    return qsp::reflectionToWx(phi);
  if (from == "pyqsp")
    return qsp::pyqspToWx(phi);
  throw Error("unknown convention '" + from + "'");
}

} // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "qsvtc's engines (use the qsvtc package, not this module)";
  // Subclasses (NotSupportedError) are caught as their base.
  py::register_exception<Error>(m, "Error", PyExc_ValueError);
  py::register_exception<InternalError>(m, "InternalError", PyExc_RuntimeError);
  m.def("solve_phases", &solvePhasesDoubles, py::arg("coef"), py::arg("solver"), py::arg("epsilon"),
        py::arg("precision_bits"),
        "Certified Wx-symmetric phases for Chebyshev coefficients: the qsp-phases JSON as a dict");
  m.def("solve_phases_decimal", &solvePhasesDecimals, py::arg("coef"), py::arg("solver"),
        py::arg("epsilon"), py::arg("precision_bits"),
        "solve_phases for coefficients given as decimal strings (exact to their digits)");
  m.def("solve_gqsp", &solveGqsp, py::arg("re"), py::arg("im"), py::arg("certify"),
        "GQSP angles, complement and certificate for monomial coefficients");
  m.def("gqsp_hamiltonian", &gqspHamiltonian, py::arg("tau"), py::arg("epsilon"),
        "GQSP angles for exp(-i tau cos theta) (Jacobi-Anger)");
  m.def("approximate", &approximate, py::arg("function"), py::arg("epsilon"), py::arg("params"),
        py::arg("domain"), py::arg("method"),
        "A certified approximation of a catalog function: the qsvt-approx JSON as a dict");
  m.def("evaluate_function", &evaluateFunction, py::arg("function"), py::arg("params"),
        py::arg("xs"), "f(x) of a catalog function at each x");
  m.def("catalog", &catalog, "The function catalog (qsvt-approx --list)");
  m.def("compile", &compileText, py::arg("text"), py::arg("name"), py::arg("qasm_name"),
        py::arg("emit"), py::arg("ir"), py::arg("mode"), py::arg("token"), py::arg("bounds_only"),
        py::arg("decompose"), py::arg("allow_opaque"), py::arg("locations"),
        "qsvtc on a spec's text: {'result': the stage, 'log': notes}");
  m.def("verify", &verifyText, py::arg("qasm"), py::arg("qasm_name"), py::arg("manifest"),
        py::arg("manifest_name"), py::arg("compositional"),
        "qsvt-verify on texts: the JSON report as a dict");
  m.def("manifest_path_for", &runtime::manifestPathFor, py::arg("qasm_path"),
        "model.qasm -> model.manifest.json (the tools' rule)");
  m.def("from_wx", &fromWx, py::arg("phases"), py::arg("to"));
  m.def("to_wx", &toWx, py::arg("phases"), py::arg("from_"));
  m.def("wx_to_qsppack_reduced", &qsp::wxToQsppackReduced, py::arg("phases"));
}
