//===- FileIO.cpp - Reading inputs, writing outputs whole -----------------===//
#include "qsvtc/support/FileIO.h"

#include "qsvtc/runtime/Error.h"
#include "qsvtc/runtime/FileIO.h"
#include "qsvtc/support/Error.h"

namespace qsvtc {

// The runtime's file access, with the compiler's error type: one
// implementation of reading whole and writing safely.

namespace {
template <class Body> auto withCompilerError(Body body) {
  try {
    return body();
  } catch (const runtime::Error &e) {
    throw Error(e.what());
  }
}
} // namespace

std::string readFile(const std::string &path) {
  return withCompilerError([&] { return runtime::readTextFile(path); });
}

void writeFileAtomically(const std::string &path, const std::string &text) {
  withCompilerError([&] { runtime::writeTextFile(path, text); });
}

void checkOutputPath(const std::string &path, const std::vector<std::string> &inputs) {
  withCompilerError([&] { runtime::checkOutputPath(path, inputs); });
}

std::string lineColumn(const std::string &text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n')
      ++line, col = 1;
    else
      ++col;
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

} // namespace qsvtc
