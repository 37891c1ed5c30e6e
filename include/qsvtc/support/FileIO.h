//===- FileIO.h - Reading inputs, writing outputs whole --------*- C++ -*-===//
//
// The runtime's file access (runtime/FileIO.h: outputs written atomically,
// never over a device, a directory or an input) with the compiler's errors.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_FILEIO_H
#define QSVTC_SUPPORT_FILEIO_H

#include <string>
#include <vector>

namespace qsvtc {

/// Whole file as text; throws qsvtc::Error naming the path if unreadable.
std::string readFile(const std::string &path);

/// Writes `text` to `path` safely ("-" means standard output).
void writeFileAtomically(const std::string &path, const std::string &text);

/// Before the work starts: throws qsvtc::Error if `path` cannot be written
/// or is one of `inputs` (runtime::checkOutputPath).
void checkOutputPath(const std::string &path, const std::vector<std::string> &inputs = {});

/// "line:col" (1-based) of byte `offset` in `text`.
std::string lineColumn(const std::string &text, std::size_t offset);

} // namespace qsvtc

#endif // QSVTC_SUPPORT_FILEIO_H
