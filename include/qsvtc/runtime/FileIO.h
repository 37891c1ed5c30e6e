//===- FileIO.h - The verifier's files: read whole, written whole -*- C++ -*-===//
//
// The runtime's own file access (it links nothing of the compiler): inputs
// are read whole, and a report is written to a temporary file beside the
// target and renamed into place, so a failure leaves no partial file.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_FILEIO_H
#define QSVTC_RUNTIME_FILEIO_H

#include <string>

namespace qsvtc::runtime {

/// Whole file as text; throws runtime::Error naming the path if unreadable.
std::string readTextFile(const std::string &path);

/// Writes `text` to `path` atomically ("-" means standard output).
void writeTextFile(const std::string &path, const std::string &text);

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_FILEIO_H
