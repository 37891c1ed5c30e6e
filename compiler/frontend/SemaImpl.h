//===- SemaImpl.h - The semantic analyser's state ---------------*- C++ -*-===//
//
// Shared by Sema.cpp (declarations, blocks) and SemaExpr.cpp (expressions,
// calls). Not a public header.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_FRONTEND_SEMAIMPL_H
#define QSVTC_COMPILER_FRONTEND_SEMAIMPL_H

#include "qsvtc/frontend/Sema.h"
#include "qsvtc/ir/Module.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace qsvtc::frontend {

/// What an expression evaluates to: a folded scalar, a tensor (an IR
/// value), or an error already reported (so callers stay silent).
struct SemaValue {
  enum class Kind { Error, Scalar, Tensor };
  Kind kind = Kind::Error;
  double scalar = 0;
  ir::Value *tensor = nullptr;

  static SemaValue error() { return {}; }
  static SemaValue ofScalar(double v) { return {Kind::Scalar, v, nullptr}; }
  static SemaValue ofTensor(ir::Value *v) { return v ? SemaValue{Kind::Tensor, 0, v} : error(); }
  bool isError() const { return kind == Kind::Error; }
  bool isScalar() const { return kind == Kind::Scalar; }
  bool isTensor() const { return kind == Kind::Tensor; }
};

struct Symbol {
  enum class Kind { Scalar, Tensor, Block };
  Kind kind;
  SemaValue value; // Scalar, Tensor
  const Decl *block = nullptr;
  SourceRange defined;
};

class Sema {
public:
  Sema(const ModelAst &model, DiagnosticEngine &diags);
  std::unique_ptr<ir::Module> run();

private:
  // ---- declarations (Sema.cpp) --------------------------------------------
  void declare(const Decl &decl);
  void declareScalar(const Decl &decl);
  void declareTensor(const Decl &decl);
  void declareAssign(const Decl &decl);
  void declareOutput(const Decl &decl);
  void declareBlock(const Decl &decl);
  bool define(const std::string &name, SourceRange where, Symbol symbol);
  std::optional<std::vector<int64_t>> evalShape(const Decl &decl);
  bool addSourceInit(const Decl &decl, const std::vector<int64_t> &shape, ir::AttrDict &attrs);
  bool checkFileShape(const Expr &at, const std::vector<int64_t> &declared,
                      const std::vector<int64_t> &found, const std::string &path);
  SemaValue instantiateBlock(const Expr &call, const Decl &block, std::vector<SemaValue> args);

  // ---- expressions (SemaExpr.cpp) -----------------------------------------
  SemaValue eval(const Expr &e);
  SemaValue evalBinary(const Expr &e);
  SemaValue evalCall(const Expr &e);
  SemaValue evalMatrixFunction(const Expr &e);
  SemaValue evalBlockCall(const Expr &e, const Decl &block);
  /// Positional/named argument checks for a built-in; false if reported.
  bool checkArguments(const Expr &call, std::size_t positional,
                      std::initializer_list<const char *> named);
  std::optional<double> scalarArg(const Expr &call, const char *key);
  std::optional<int64_t> integerArg(const Expr &call, const char *key);
  std::optional<int64_t> asInteger(const Expr &at, const SemaValue &v, const std::string &what);
  ir::Value *tensorOperand(const Expr &e);
  bool flattenList(const Expr &list, std::vector<int64_t> &shape, std::size_t depth,
                   std::vector<double> &values);

  // ---- helpers ------------------------------------------------------------
  /// Builds an op whose result type its verifier computes; reports the
  /// verifier's message at `at` and returns nullptr on failure.
  ir::Value *build(const Expr &at, const std::string &opName, std::vector<ir::Value *> operands,
                   ir::AttrDict attrs = {}, std::string resultName = "");
  /// False (reported at `at`) when a result with explicit data would have
  /// more than ir::maxTensorEntries entries.
  bool checkEntries(SourceRange at, const std::string &what, const ir::Type &type);
  /// Stops the analysis (throws every diagnostic so far) when `more`
  /// operations would take the module past maxOps.
  void checkExpansion(SourceRange at, double more);
  ir::Location locationOf(std::size_t offset) const;
  void error(const Expr &at, const std::string &message);
  void error(SourceRange at, const std::string &message);
  const Symbol *lookup(const std::string &name) const;
  std::string scopedName(const std::string &name) const;

  const ModelAst &model;
  DiagnosticEngine &diags;
  const SourceFile &source;
  std::unique_ptr<ir::Module> module;
  /// Scopes: [0] is the model; a block instance pushes one.
  std::vector<std::map<std::string, Symbol>> scopes;
  /// "decoder.3." while instantiating a block, "" at model level.
  std::vector<std::string> prefixes;
  std::map<const Decl *, int> instances;     // per block: instances made so far
  std::map<const Decl *, bool> failedBlocks; // a block whose body had errors
  std::vector<const Decl *> activeBlocks;
  /// Values that depend on symbolic data: no entries, so no entry cap.
  std::set<const ir::Value *> symbolicValues;
  int outputs = 0;
};

} // namespace qsvtc::frontend

#endif // QSVTC_COMPILER_FRONTEND_SEMAIMPL_H
