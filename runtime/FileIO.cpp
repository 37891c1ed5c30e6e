//===- FileIO.cpp - Inputs read whole, outputs replaced safely ------------===//
#include "qsvtc/runtime/FileIO.h"

#include "qsvtc/runtime/Error.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace qsvtc::runtime {

std::string directoryOf(const std::string &path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

namespace {

// (device, inode) of every file readTextFile opened: an output never
// replaces one of them, whichever name it is given by.
std::mutex inputsMutex;
std::set<std::pair<dev_t, ino_t>> inputsRead;

bool isInputRead(const struct stat &st) {
  std::lock_guard<std::mutex> lock(inputsMutex);
  return inputsRead.count({st.st_dev, st.st_ino}) != 0;
}

std::string why() { return std::strerror(errno); }

// ---- temporaries removed on signals ----------------------------------------
// The temporary being written, for the handler (async-signal-safe: a fixed
// buffer, unlink and raise only).
char pendingTemp[PATH_MAX + 1];
volatile std::sig_atomic_t havePendingTemp = 0;

extern "C" void removePendingTempAndDie(int sig) {
  if (havePendingTemp)
    ::unlink(pendingTemp);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Signals that end a process mid-write (SIGXFSZ: past `ulimit -f`). A signal
// the caller ignores stays ignored.
void installTempCleanup() {
  static const bool installed = [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ, SIGPIPE}) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_DFL)
        ::signal(sig, removePendingTempAndDie);
    }
    return true;
  }();
  (void)installed;
}

// ---- paths --------------------------------------------------------------------
/// `path` with its symbolic links followed (to a target that may not exist
/// yet): an output replaces the link's target, never the link.
std::string followLinks(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
      return path;
    char target[PATH_MAX + 1];
    ssize_t n = ::readlink(path.c_str(), target, PATH_MAX);
    if (n <= 0)
      return path;
    std::string next(target, static_cast<std::size_t>(n));
    path = next[0] == '/' ? next : directoryOf(path) + next;
  }
  throw Error(path + ": cannot write: too many levels of symbolic links");
}

/// Standard streams named as files: written through, never replaced.
/// -1 for any other path.
int standardStreamFd(const std::string &path) {
  if (path == "-" || path == "/dev/stdout")
    return STDOUT_FILENO;
  if (path == "/dev/stderr")
    return STDERR_FILENO;
  for (const char *prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    const std::size_t n = std::strlen(prefix);
    if (path.size() > n && path.size() <= n + 4 && path.compare(0, n, prefix) == 0 &&
        path.find_first_not_of("0123456789", n) == std::string::npos)
      return std::stoi(path.substr(n));
  }
  return -1;
}

void writeAll(int fd, const std::string &text, const std::string &path) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw Error(path + ": write failed: " + why());
    done += static_cast<std::size_t>(n);
  }
}

/// What the existing non-regular file at `path` is, for a refusal.
const char *kindOf(mode_t mode) {
  return S_ISDIR(mode)    ? "a directory"
         : S_ISFIFO(mode) ? "a FIFO"
         : S_ISSOCK(mode) ? "a socket"
         : S_ISBLK(mode)  ? "a block device"
                          : "not a regular file";
}

/// A character device (/dev/null, a terminal) or a FIFO with a reader is
/// written through; a FIFO without one is refused rather than waited on.
void writeThrough(const std::string &path, const struct stat &st, const std::string &text) {
  const bool fifo = S_ISFIFO(st.st_mode);
  int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | (fifo ? O_NONBLOCK : 0));
  if (fd < 0)
    throw Error(path + ": cannot write: " +
                (fifo && errno == ENXIO ? std::string("a FIFO with no reader") : why()));
  if (fifo)
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  try {
    writeAll(fd, text, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0)
    throw Error(path + ": write failed: " + why());
}

/// Writes `text` to a temporary beside `target` and renames it over
/// `target`: a reader sees the old file or the whole new one.
void replaceAtomically(const std::string &target, mode_t mode, const std::string &text) {
  std::string tmp =
      directoryOf(target) + "." + target.substr(directoryOf(target).size()) + ".tmp.XXXXXX";
  if (tmp.size() > PATH_MAX)
    throw Error(target + ": cannot write: path too long");
  installTempCleanup();
  std::strcpy(pendingTemp, tmp.c_str());
  int fd = ::mkstemp(pendingTemp);
  if (fd < 0)
    throw Error(target + ": cannot write: " + why());
  havePendingTemp = 1;
  auto discard = [&] {
    havePendingTemp = 0;
    ::unlink(pendingTemp);
  };
  try {
    if (::fchmod(fd, mode) != 0)
      throw Error(target + ": cannot write: " + why());
    writeAll(fd, text, target);
  } catch (...) {
    ::close(fd);
    discard();
    throw;
  }
  if (::close(fd) != 0) {
    std::string reason = why();
    discard();
    throw Error(target + ": write failed: " + reason);
  }
  if (::rename(pendingTemp, target.c_str()) != 0) {
    std::string reason = why();
    discard();
    throw Error(target + ": cannot write: " + reason);
  }
  havePendingTemp = 0;
}

mode_t newFileMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

} // namespace

std::string readTextFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY);
  if (fd < 0)
    throw Error(path + ": cannot open: " + why());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Error(path + ": cannot read: " + (S_ISDIR(st.st_mode) ? "is a directory" : why()));
  }
  {
    std::lock_guard<std::mutex> lock(inputsMutex);
    inputsRead.insert({st.st_dev, st.st_ino});
  }
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      std::string reason = why();
      ::close(fd);
      throw Error(path + ": read error: " + reason);
    }
    if (n == 0)
      break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

void checkOutputPath(const std::string &path, const std::vector<std::string> &inputs) {
  if (path.empty())
    throw Error("empty output file name");
  if (standardStreamFd(path) >= 0)
    return;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode))
      throw Error(path + ": cannot write: it is " + kindOf(st.st_mode) +
                  ", not a regular file (it is not replaced)");
    if (!S_ISREG(st.st_mode))
      return; // character device or FIFO: written through
    for (const std::string &input : inputs) {
      struct stat in {};
      if (::stat(input.c_str(), &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino)
        throw Error(path + ": refusing to write the output over the input " + input);
    }
  }
  std::string dir = directoryOf(followLinks(path));
  if (::access(dir.empty() ? "." : dir.c_str(), W_OK | X_OK) != 0)
    throw Error(path + ": cannot write into " + (dir.empty() ? "the current directory" : dir) +
                ": " + why());
}

void writeTextFile(const std::string &path, const std::string &text) {
  if (int fd = standardStreamFd(path); fd >= 0) {
    std::cout << std::flush;
    std::cerr << std::flush;
    writeAll(fd, text, path);
    return;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) // new file (maybe through a dangling link)
    return replaceAtomically(followLinks(path), newFileMode(), text);
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
    return writeThrough(path, st, text);
  if (!S_ISREG(st.st_mode))
    throw Error(path + ": cannot write: it is " + std::string(kindOf(st.st_mode)) +
                ", not a regular file (it is not replaced)");
  if (isInputRead(st))
    throw Error(path + ": refusing to write the output over an input of this command");
  replaceAtomically(followLinks(path), st.st_mode & 07777, text);
}

} // namespace qsvtc::runtime
