//===- FileIO.h - Reading inputs, writing outputs whole --------*- C++ -*-===//
//
// Outputs are written to a temporary file beside the target and renamed
// into place, so a failure never leaves a partial output file (design.md).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_FILEIO_H
#define QSVTC_SUPPORT_FILEIO_H

#include <string>

namespace qsvtc {

/// Whole file as text; throws qsvtc::Error naming the path if unreadable.
std::string readFile(const std::string &path);

/// Writes `text` to `path` atomically ("-" means standard output).
void writeFileAtomically(const std::string &path, const std::string &text);

/// "line:col" (1-based) of byte `offset` in `text`.
std::string lineColumn(const std::string &text, std::size_t offset);

} // namespace qsvtc

#endif // QSVTC_SUPPORT_FILEIO_H
