//===- Compile.h - A model spec through the stages, as qsvtc runs it -*- C++ -*-===//
//
// The compiler driver as a library function: frontend (or an IR file), the
// passes up to the requested stage, and that stage's text, or for QASM each
// output's circuit and manifest. The qsvtc tool and the Python package's
// qsvtc.compile call it, so both compile a spec the same way; writing files
// (and their names on disk) stays with the caller.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_DRIVER_COMPILE_H
#define QSVTC_DRIVER_COMPILE_H

#include "qsvtc/backend/Backend.h"
#include "qsvtc/passes/PassManager.h"
#include "qsvtc/passes/Pipeline.h"
#include "qsvtc/state/StateMode.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace qsvtc::driver {

/// --mode: Auto picks state mode for --emit=qasm and resources of row-wise
/// models (state::whyNotRowWise) whose every op state mode has a
/// construction for, matrix mode otherwise (with a note on the log).
enum class Mode { Auto, Matrix, State };

struct CompileOptions {
  passes::Stage stage = passes::Stage::Qt;
  bool irInput = false;        ///< the text is printed IR, not a model spec
  bool json = false;           ///< --emit=resources as JSON, not a table
  bool printLocations = false; ///< IR text with loc(...)
  passes::PassManagerOptions passes;
  backend::EmitOptions emit;
  Mode mode = Mode::Auto;
  state::StateOptions state; ///< token, bounds only; its progress is the run's
  std::string qasmName;      ///< --emit=qasm: the first circuit's file name
};

/// The stage's text, or for --emit=qasm each output's circuit and manifest.
struct Compiled {
  std::string text;
  std::vector<backend::QasmFiles> qasm;
};

/// Compiles `text`, read from `inputPath` (its name goes into diagnostics,
/// locations and the QASM header). Pass output (--print-after, notes) goes
/// to `log`. Throws qsvtc::Error on bad input, NotSupportedError for a
/// construction not built yet.
Compiled compile(const std::string &inputPath, const std::string &text,
                 const CompileOptions &options, std::ostream &log);

/// True if `path` names printed IR by its suffix (.mlir).
bool isIrPath(const std::string &path);

/// The file name of `path`, without directories.
std::string baseName(const std::string &path);

} // namespace qsvtc::driver

#endif // QSVTC_DRIVER_COMPILE_H
