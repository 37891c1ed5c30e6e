//===- Sema.cpp - Declarations, weights and blocks of a model -------------===//
#include "SemaImpl.h"

#include "qsvtc/frontend/Parser.h"
#include "qsvtc/ir/SourceData.h"
#include "qsvtc/ir/Verifier.h"
#include "qsvtc/ops/QtOps.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"
#include "qsvtc/support/TensorFile.h"

#include <algorithm>
#include <cmath>

namespace qsvtc::frontend {

Sema::Sema(const ModelAst &model, DiagnosticEngine &diags)
    : model(model), diags(diags), source(diags.getSource()),
      module(std::make_unique<ir::Module>(model.name)) {
  scopes.emplace_back();
  prefixes.emplace_back();
}

std::unique_ptr<ir::Module> Sema::run() {
  for (const Decl &decl : model.decls)
    declare(decl);
  if (outputs == 0 && !diags.hasErrors())
    error(SourceRange{model.range.begin, model.range.begin + 5},
          "model '" + model.name + "' has no output; add 'output <expr> epsilon <bound>;'");
  return std::move(module);
}

// ---- helpers ----------------------------------------------------------------

ir::Location Sema::locationOf(std::size_t offset) const {
  auto [line, column] = source.lineColumn(offset);
  return {source.getName(), line, column};
}

void Sema::error(SourceRange at, const std::string &message) {
  diags.error(at.begin, message, at.length());
}

void Sema::error(const Expr &at, const std::string &message) { error(at.range, message); }

const Symbol *Sema::lookup(const std::string &name) const {
  for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
    auto it = scope->find(name);
    if (it != scope->end())
      return &it->second;
  }
  return nullptr;
}

std::string Sema::scopedName(const std::string &name) const { return prefixes.back() + name; }

bool Sema::define(const std::string &name, SourceRange where, Symbol symbol) {
  auto &scope = scopes.back();
  auto it = scope.find(name);
  if (it != scope.end()) {
    error(where, "redefinition of '" + name + "'");
    diags.note(it->second.defined.begin, "'" + name + "' was defined here");
    return false;
  }
  symbol.defined = where;
  scope.emplace(name, std::move(symbol));
  return true;
}

void Sema::checkExpansion(SourceRange at, double more) {
  const double total = static_cast<double>(module->operations.size()) + more;
  if (total <= static_cast<double>(maxOps))
    return;
  error(at,
        "the model expands to " +
            (more > 1 ? "about " + formatNumber(total, 3) : "more than " + std::to_string(maxOps)) +
            " IR operations, above the cap of " + std::to_string(maxOps) +
            " (raise it with --max-ops=N)");
  diags.throwIfErrors();
}

bool Sema::checkEntries(SourceRange at, const std::string &what, const ir::Type &type) {
  if (!type.isTensor() || type.elementCount() <= static_cast<double>(ir::maxTensorEntries))
    return true;
  error(at, ir::tooManyEntriesMessage(what, type.elementCount()));
  return false;
}

ir::Value *Sema::build(const Expr &at, const std::string &opName, std::vector<ir::Value *> operands,
                       ir::AttrDict attrs, std::string resultName) {
  checkExpansion(at.range, 1);
  const ir::OpDefinition *def = ir::lookupOp(opName);
  auto op = std::make_unique<ir::Operation>(
      opName, std::move(operands),
      def->hasResult ? std::optional<ir::Type>(ir::Type::tensor({1})) : std::nullopt,
      std::move(attrs), locationOf(at.range.begin), std::move(resultName));
  try {
    std::optional<ir::Type> type = ir::inferResultType(*op);
    if (type)
      op->getResult()->type = *type;
  } catch (const Error &e) {
    error(at, std::string(e.what()));
    return nullptr;
  }
  // A result is computed entry by entry unless it depends on symbolic data.
  const bool symbolic =
      std::any_of(op->operands.begin(), op->operands.end(),
                  [&](const ir::Value *v) { return symbolicValues.count(v) > 0; });
  if (op->hasResult() && !symbolic && !checkEntries(at.range, "this result", op->getResult()->type))
    return nullptr;
  ir::Operation *added = module->append(std::move(op));
  if (!added->hasResult())
    return nullptr;
  if (symbolic)
    symbolicValues.insert(added->getResult());
  return added->getResult();
}

// ---- declarations ------------------------------------------------------------

void Sema::declare(const Decl &decl) {
  switch (decl.kind) {
  case Decl::Kind::Dim:
  case Decl::Kind::Param:
    return declareScalar(decl);
  case Decl::Kind::Input:
  case Decl::Kind::Weight:
    return declareTensor(decl);
  case Decl::Kind::Assign:
    return declareAssign(decl);
  case Decl::Kind::Output:
    return declareOutput(decl);
  case Decl::Kind::Block:
    return declareBlock(decl);
  case Decl::Kind::Return:
    return; // handled by instantiateBlock
  }
}

/// dim: a positive integer; param: any finite scalar.
void Sema::declareScalar(const Decl &decl) {
  // On failure the name is still defined, as an error, so its uses stay
  // silent instead of cascading into "undeclared name" errors.
  auto poison = [&] { define(decl.name, decl.nameRange, {Symbol::Kind::Scalar, {}, nullptr, {}}); };
  SemaValue v = eval(*decl.value);
  if (v.isError())
    return poison();
  bool isDim = decl.kind == Decl::Kind::Dim;
  if (!v.isScalar()) {
    error(*decl.value, std::string(isDim ? "dim" : "param") + " '" + decl.name +
                           "' must be a number, not a tensor");
    return poison();
  }
  if (isDim && !asInteger(*decl.value, v, "dim '" + decl.name + "'"))
    return poison();
  if (isDim && v.scalar < 1) {
    error(*decl.value,
          "dim '" + decl.name + "' must be positive, got " + ir::formatFloat(v.scalar));
    return poison();
  }
  define(decl.name, decl.nameRange, {Symbol::Kind::Scalar, v, nullptr, {}});
}

std::optional<std::vector<int64_t>> Sema::evalShape(const Decl &decl) {
  std::vector<int64_t> shape;
  bool ok = true;
  if (decl.shape.size() > 4) {
    error(decl.nameRange, "'" + decl.name + "' has rank " + std::to_string(decl.shape.size()) +
                              "; tensors have rank 1 to 4");
    return std::nullopt;
  }
  for (const ExprPtr &extent : decl.shape) {
    SemaValue v = eval(*extent);
    std::optional<int64_t> n = asInteger(*extent, v, "a dimension");
    if (n && *n < 1) {
      error(*extent, "a dimension must be positive, got " + std::to_string(*n));
      n.reset();
    }
    ok = ok && n.has_value();
    shape.push_back(n.value_or(1));
  }
  if (!ok)
    return std::nullopt;
  return shape;
}

void Sema::declareTensor(const Decl &decl) {
  bool isInput = decl.kind == Decl::Kind::Input;
  auto poison = [&] { define(decl.name, decl.nameRange, {Symbol::Kind::Tensor, {}, nullptr, {}}); };
  std::optional<std::vector<int64_t>> shape = evalShape(decl);
  if (!shape)
    return poison();
  // Refused before a file is read or an entry drawn.
  const bool symbolic =
      !decl.value || (decl.value->kind == Expr::Kind::Call && !decl.value->isMatrixFunction &&
                      decl.value->name == "symbolic");
  if (!symbolic && !checkEntries(decl.nameRange, "'" + decl.name + "'", ir::Type::tensor(*shape)))
    return poison();
  checkExpansion(decl.nameRange, 1);
  ir::AttrDict attrs{{"name", ir::Attribute(scopedName(decl.name))}};
  if (!decl.value && isInput) {
    attrs["init"] = ir::Attribute("symbolic");
    attrs["norm"] = ir::Attribute(1.0);
  } else if (!decl.value) {
    error(decl.nameRange, "weight '" + decl.name +
                              "' needs a value: '= random(seed = 1, norm = 1.0)', "
                              "'= csv(\"file\")', '= npy(\"file\")', "
                              "'= symbolic(norm = 1.0)' or an inline list");
    return poison();
  } else if (!addSourceInit(decl, *shape, attrs)) {
    return poison();
  }
  auto op = std::make_unique<ir::Operation>(isInput ? ops::qt::Input::name : ops::qt::Weight::name,
                                            std::vector<ir::Value *>{}, ir::Type::tensor(*shape),
                                            std::move(attrs), locationOf(decl.range.begin),
                                            scopedName(decl.name));
  try {
    ir::inferResultType(*op);
  } catch (const Error &e) {
    error(decl.nameRange, e.what());
    return poison();
  }
  ir::Value *value = module->append(std::move(op))->getResult();
  if (symbolic)
    symbolicValues.insert(value);
  define(decl.name, decl.nameRange,
         {Symbol::Kind::Tensor, SemaValue::ofTensor(value), nullptr, {}});
}

/// The initialiser of an input/weight as attributes: random(seed, norm),
/// csv(path), npy(path), symbolic(norm), or an inline list.
bool Sema::addSourceInit(const Decl &decl, const std::vector<int64_t> &shape, ir::AttrDict &attrs) {
  const Expr &init = *decl.value;
  if (init.kind == Expr::Kind::List) {
    std::vector<double> values;
    std::vector<int64_t> found;
    if (!flattenList(init, found, 0, values))
      return false;
    if (!checkFileShape(init, shape, found, ""))
      return false;
    attrs["init"] = ir::Attribute("inline");
    attrs["values"] = ir::floatList(values);
    return true;
  }
  if (init.kind != Expr::Kind::Call || init.isMatrixFunction) {
    error(init, "expected random(...), csv(\"file\"), npy(\"file\"), symbolic(...) or an "
                "inline list as the value of '" +
                    decl.name + "'");
    return false;
  }
  if (init.name == "random") {
    if (!checkArguments(init, 0, {"seed", "norm"}))
      return false;
    std::optional<int64_t> seed = integerArg(init, "seed");
    if (!init.findArg("seed")) {
      error(init, "random(...) needs a seed: random(seed = 1, norm = 1.0)");
      return false;
    }
    if (!seed)
      return false;
    attrs["init"] = ir::Attribute("random");
    attrs["seed"] = ir::Attribute(*seed);
    std::optional<double> norm = init.findArg("norm") ? scalarArg(init, "norm") : 1.0;
    if (!norm)
      return false;
    attrs["norm"] = ir::Attribute(*norm);
    return true;
  }
  if (init.name == "symbolic") {
    if (!checkArguments(init, 0, {"norm"}))
      return false;
    if (!init.findArg("norm")) {
      error(init, "symbolic(...) needs a norm bound: symbolic(norm = 1.0)");
      return false;
    }
    std::optional<double> norm = scalarArg(init, "norm");
    if (!norm)
      return false;
    attrs["init"] = ir::Attribute("symbolic");
    attrs["norm"] = ir::Attribute(*norm);
    return true;
  }
  if (init.name == "csv" || init.name == "npy") {
    if (init.operands.size() != 1 || init.operands[0]->kind != Expr::Kind::String ||
        !init.namedArgs.empty()) {
      error(init, init.name + "(...) takes one file name: " + init.name + "(\"file\")");
      return false;
    }
    const Expr &pathExpr = *init.operands[0];
    std::string resolved = resolveRelativeTo(source.getName(), pathExpr.name);
    TensorData data;
    try {
      data = init.name == "csv" ? readCsv(resolved) : readNpy(resolved);
    } catch (const Error &e) {
      error(pathExpr, "cannot read weights: " + std::string(e.what()));
      return false;
    }
    if (!checkFileShape(pathExpr, shape, data.shape, resolved))
      return false;
    attrs["init"] = ir::Attribute(init.name);
    // Resolved against the spec's folder, so the IR names the file the
    // compiler checked, wherever the IR text is written to.
    attrs["path"] = ir::Attribute(resolved);
    return true;
  }
  error(init, "unknown initialiser '" + init.name +
                  "'; expected random, csv, npy, symbolic or an inline list");
  return false;
}

/// A file's or list's shape fits the declaration if it is the same, or
/// (for vectors) a single row or column, or has the same number of entries
/// for rank 3-4 tensors stored flat.
bool Sema::checkFileShape(const Expr &at, const std::vector<int64_t> &declared,
                          const std::vector<int64_t> &found, const std::string &path) {
  auto count = [](const std::vector<int64_t> &s) {
    int64_t n = 1;
    for (int64_t e : s)
      n *= e;
    return n;
  };
  bool ok = found == declared;
  if (!ok && count(found) == count(declared)) {
    bool vector = declared.size() == 1 && found.size() == 2 && (found[0] == 1 || found[1] == 1);
    ok = vector || declared.size() > 2;
  }
  if (!ok)
    error(at, (path.empty() ? std::string("the list") : "'" + path + "'") + " has shape [" +
                  ir::shapeString(found) + "] but the declaration says [" +
                  ir::shapeString(declared) + "]");
  return ok;
}

void Sema::declareAssign(const Decl &decl) {
  SemaValue v = eval(*decl.value); // an error value is defined too (no cascade)
  if (v.isTensor() && v.tensor->name.empty())
    v.tensor->name = scopedName(decl.name);
  define(decl.name, decl.nameRange,
         {v.isTensor() ? Symbol::Kind::Tensor : Symbol::Kind::Scalar, v, nullptr, {}});
}

void Sema::declareOutput(const Decl &decl) {
  ++outputs;
  SemaValue v = eval(*decl.value);
  std::optional<double> eps;
  if (!decl.epsilon) {
    error(decl.range, "output needs an error bound: 'output <expr> epsilon 1e-3;'");
  } else {
    SemaValue e = eval(*decl.epsilon);
    if (e.isTensor())
      error(*decl.epsilon, "epsilon must be a number");
    else if (e.isScalar() && !(e.scalar > 0 && e.scalar < 1))
      error(*decl.epsilon, "epsilon must be in (0, 1), got " + ir::formatFloat(e.scalar));
    else if (e.isScalar())
      eps = e.scalar;
  }
  if (v.isScalar())
    error(*decl.value, "an output must be a tensor, not a number");
  if (!v.isTensor() || !eps)
    return;
  ir::AttrDict attrs{{"epsilon", ir::Attribute(*eps)}};
  if (!decl.name.empty())
    attrs["name"] = ir::Attribute(decl.name);
  build(*decl.value, ops::qt::Output::name, {v.tensor}, std::move(attrs));
}

void Sema::declareBlock(const Decl &decl) {
  bool ok = true;
  for (std::size_t i = 0; i < decl.params.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (decl.params[i].first == decl.params[j].first) {
        error(decl.params[i].second, "duplicate parameter '" + decl.params[i].first + "'");
        ok = false;
      }
  if (decl.body.empty() || decl.body.back().kind != Decl::Kind::Return) {
    error(decl.nameRange, "block '" + decl.name + "' must end with 'return <expr>;'");
    ok = false;
  }
  for (std::size_t i = 0; i + 1 < decl.body.size(); ++i)
    if (decl.body[i].kind == Decl::Kind::Return) {
      error(decl.body[i].range, "'return' must be the last statement of a block");
      ok = false;
    }
  define(decl.name, decl.nameRange, {Symbol::Kind::Block, {}, &decl, {}});
  failedBlocks[&decl] = !ok;
}

/// One copy of the block's body, its names prefixed "block.k." so each
/// layer's weights and values stay distinct in the IR.
SemaValue Sema::instantiateBlock(const Expr &call, const Decl &block, std::vector<SemaValue> args) {
  int instance = instances[&block]++;
  scopes.emplace_back();
  prefixes.push_back(prefixes.back() + block.name + "." + std::to_string(instance) + ".");
  activeBlocks.push_back(&block);
  for (std::size_t i = 0; i < args.size(); ++i)
    define(block.params[i].first, block.params[i].second,
           {Symbol::Kind::Tensor, args[i], nullptr, {}});
  std::size_t errorsBefore = diags.errorCount();
  SemaValue result;
  for (const Decl &decl : block.body) {
    if (decl.kind == Decl::Kind::Return) {
      result = eval(*decl.value);
      if (result.isScalar()) {
        error(*decl.value, "a block must return a tensor");
        result = SemaValue::error();
      }
    } else if (decl.kind == Decl::Kind::Output) {
      error(decl.range, "'output' is not allowed inside a block");
    } else {
      declare(decl);
    }
  }
  if (diags.errorCount() != errorsBefore) {
    diags.note(call.range.begin, "in block '" + block.name + "' called here");
    failedBlocks[&block] = true;
    result = SemaValue::error();
  }
  activeBlocks.pop_back();
  prefixes.pop_back();
  scopes.pop_back();
  return result;
}

std::unique_ptr<ir::Module> buildQtModule(const ModelAst &model, DiagnosticEngine &diags) {
  return Sema(model, diags).run();
}

std::unique_ptr<ir::Module> compileModel(const SourceFile &source) {
  DiagnosticEngine diags(source);
  ModelAst ast = parseModel(source, diags);
  diags.throwIfErrors();
  std::unique_ptr<ir::Module> module = buildQtModule(ast, diags);
  diags.throwIfErrors();
  return module;
}

} // namespace qsvtc::frontend
