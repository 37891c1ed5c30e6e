//===- Error.h - The library's error type ----------------------*- C++ -*-===//
//
// Library code reports bad input (an impossible epsilon, an unknown
// function, malformed JSON) by throwing qsvtc::Error with a message meant for
// the user; tools catch it, print "tool: error: message" and exit non-zero
// before writing any output file. Compiler bugs are InternalError instead.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_SUPPORT_ERROR_H
#define QSVTC_SUPPORT_ERROR_H

#include <stdexcept>
#include <string>

namespace qsvtc {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message) : std::runtime_error(message) {}
};

/// A request the compiler understands but cannot do yet (a pipeline stage
/// whose issue has not landed); tools exit with their own code for it.
class NotSupportedError : public Error {
public:
  explicit NotSupportedError(const std::string &message) : Error(message) {}
};

/// A compiler bug: an invariant that a pass or the backend relies on does
/// not hold. It is not an Error on purpose, so no handler reports a bug as
/// bad input; tools print it with its own exit code (tools/common/Main.h).
class InternalError : public std::logic_error {
public:
  explicit InternalError(const std::string &message)
      : std::logic_error("internal error: " + message), message_(message) {}
  /// The message without the "internal error: " prefix (for wrapping).
  const std::string &message() const { return message_; }

private:
  std::string message_;
};

} // namespace qsvtc

#endif // QSVTC_SUPPORT_ERROR_H
