//===- Error.h - The runtime's error type -----------------------*- C++ -*-===//
//
// The runtime (reader, simulator, verifier) shares no code with the
// compiler, not even its error type, so that it can catch the compiler's
// mistakes (design.md). Bad input (a malformed circuit or manifest, a
// circuit too wide to simulate) is a runtime::Error with a message for the
// user; qsvt-verify reports it and exits 2.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_RUNTIME_ERROR_H
#define QSVTC_RUNTIME_ERROR_H

#include <stdexcept>
#include <string>

namespace qsvtc::runtime {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message) : std::runtime_error(message) {}
};

} // namespace qsvtc::runtime

#endif // QSVTC_RUNTIME_ERROR_H
