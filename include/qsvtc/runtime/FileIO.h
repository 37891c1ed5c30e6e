//===- FileIO.h - Inputs read whole, outputs replaced safely ---*- C++ -*-===//
//
// Every tool's file access (the runtime links nothing of the compiler, the
// compiler wraps this). Outputs are safe by construction:
//  - a regular file (or a new one) is written to a temporary beside it and
//    renamed into place, so a failure or a signal leaves no partial file and
//    no temporary; a symbolic link is followed, and its target replaced;
//  - a character device (/dev/null, a terminal), a FIFO with a reader and
//    the standard streams (-, /dev/stdout, /dev/fd/N) are written through;
//  - a directory, socket, block device or reader-less FIFO is refused, and so
//    is a file this process has read as an input, by whatever name.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_FILEIO_H
#define QSVTC_RUNTIME_FILEIO_H

#include <string>
#include <vector>

namespace qsvtc::runtime {

/// The directory part of `path` with its slash ("" for a bare name).
std::string directoryOf(const std::string &path);

/// Whole file as text; throws runtime::Error naming the path if unreadable.
std::string readTextFile(const std::string &path);

/// Writes `text` to `path` as described above ("-" is standard output);
/// throws runtime::Error naming the path and the reason.
void writeTextFile(const std::string &path, const std::string &text);

/// Checks, before the work starts, that writeTextFile(path) will not be
/// refused: its directory is writable, it is not a directory, socket or
/// block device, and it is none of `inputs`. Throws runtime::Error.
void checkOutputPath(const std::string &path, const std::vector<std::string> &inputs = {});

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_FILEIO_H
