//===- Rewriter.h - Rebuilding a module op by op ----------------*- C++ -*-===//
//
// The lowering passes replace qt ops by qsvt ops. A Rewriter walks the
// module in order and builds a new op list: each op is either kept or
// replaced by ops the pattern creates. Between partial lowerings a tensor
// and the block that encodes it meet through qsvt.cast (as MLIR's
// unrealized_conversion_cast): asBlock() looks through a cast or inserts
// one, replaceWithBlock() gives remaining tensor users a cast back, and
// casts left without users are dropped at the end.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_COMPILER_PASSES_REWRITER_H
#define QSVTC_COMPILER_PASSES_REWRITER_H

#include "qsvtc/ir/Module.h"

#include <functional>

namespace qsvtc::passes {

class Rewriter {
public:
  explicit Rewriter(ir::Module &module) : module(module) {}
  ~Rewriter();
  Rewriter(const Rewriter &) = delete;
  Rewriter &operator=(const Rewriter &) = delete;

  /// Calls `pattern` on every op in order; an op for which it returns true
  /// has been replaced (its result must have no users left) and is dropped.
  /// Returns true if any op was replaced.
  bool run(const std::function<bool(ir::Operation &)> &pattern);

  /// Appends an op to the rebuilt module; the result type of ops whose
  /// verifier computes it may be left empty (it is inferred).
  ir::Value *create(const std::string &name, std::vector<ir::Value *> operands,
                    std::optional<ir::Type> type, ir::AttrDict attributes,
                    const ir::Location &location, std::string resultName = "");
  /// `value` as a block (through an existing cast, or a new one).
  ir::Value *asBlock(ir::Value *value, const ir::Location &location);
  /// Replaces the tensor result of `op` by `block` for every user.
  void replaceWithBlock(ir::Operation &op, ir::Value *block);

private:
  void dropUnusedCasts();

  ir::Module &module;
  std::vector<std::unique_ptr<ir::Operation>> rebuilt;
  std::vector<std::unique_ptr<ir::Operation>> retired; // replaced, freed after the walk
  std::size_t next = 0; // index of the first op of `module` not yet visited
};

} // namespace qsvtc::passes

#endif // QSVTC_COMPILER_PASSES_REWRITER_H
