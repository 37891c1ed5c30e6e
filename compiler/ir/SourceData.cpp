//===- SourceData.cpp - The entries of a model input or weight ------------===//
#include "qsvtc/ir/SourceData.h"

#include "qsvtc/ir/Attribute.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/TensorFile.h"

namespace qsvtc::ir {

std::optional<std::vector<double>> explicitValues(const Operation &source) {
  const std::string &init = source.getAttr("init").getString();
  if (init == "symbolic")
    return std::nullopt;
  if (init == "inline")
    return toDoubles(source.getAttr("values"));
  if (init == "csv")
    return readCsv(source.getAttr("path").getString()).values;
  if (init == "npy")
    return readNpy(source.getAttr("path").getString()).values;
  throw NotSupportedError(source.location.str() + ": random(...) data is not supported yet: "
                          "it needs the reference interpreter's generator");
}

const Operation *findSource(const Module &module, const std::string &name) {
  for (const auto &op : module.operations)
    if ((op->getName() == "qt.input" || op->getName() == "qt.weight") &&
        op->getAttr("name").getString() == name)
      return op.get();
  return nullptr;
}

} // namespace qsvtc::ir
