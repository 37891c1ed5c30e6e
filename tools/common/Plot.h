//===- Plot.h - --plot FILE: a tool's JSON drawn by qsvtc.plot --*- C++ -*-===//
//
// qsvt-approx and qsp-phases take --plot FILE.png and hand their JSON to the
// Python package's plotter (`python3 -m qsvtc.plot KIND JSON -o FILE`,
// tools/python/qsvtc/plot.py). Python is looked for before any work, so a
// machine without it (or without python3-matplotlib) is told so at once,
// and a failed plot leaves no file behind.
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_TOOLS_PLOT_H
#define QSVTC_TOOLS_PLOT_H

#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace qsvtc::tools {

namespace plotdetail {

/// $QSVTC_PYTHON, else Debian's interpreter (it sees python3-numpy and
/// python3-matplotlib; a pyenv python3 first on PATH may not), else
/// python3 on PATH.
inline std::string interpreter() {
  if (const char *chosen = std::getenv("QSVTC_PYTHON"); chosen && *chosen)
    return chosen;
  return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/// Where the package is beside this executable: build/bin -> build/python,
/// <prefix>/bin -> <prefix>/lib/python3/dist-packages; then PYTHONPATH.
inline std::string packagePath() {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir = n > 0 ? std::string(self, n) : std::string(".");
  dir = dir.substr(0, dir.find_last_of('/'));
  std::string path = dir + "/../python:" + dir + "/../lib/python3/dist-packages";
  if (const char *old = std::getenv("PYTHONPATH"); old && *old)
    path += std::string(":") + old;
  return path;
}

/// Runs argv with the package on PYTHONPATH; its exit status and what it
/// printed (stdout and stderr together).
inline int run(const std::vector<std::string> &args, std::string &printed) {
  int pipefd[2];
  if (pipe(pipefd) != 0)
    throw Error("--plot: cannot create a pipe");
  const std::string pythonPath = packagePath();
  pid_t pid = fork();
  if (pid < 0)
    throw Error("--plot: cannot start Python (fork failed)");
  if (pid == 0) {
    dup2(pipefd[1], 1);
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    close(pipefd[1]);
    setenv("PYTHONPATH", pythonPath.c_str(), 1);
    std::vector<char *> argv;
    for (const std::string &a : args)
      argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    std::fprintf(stderr, "cannot run %s (no such interpreter)\n", argv[0]);
    _exit(127);
  }
  close(pipefd[1]);
  char buf[4096];
  ssize_t got;
  while ((got = read(pipefd[0], buf, sizeof buf)) > 0)
    printed.append(buf, got);
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

inline std::string lastLine(std::string text) {
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  return text.substr(text.find_last_of('\n') + 1);
}

} // namespace plotdetail

/// Before any work: `png` is a path the tool may write (not one of
/// `inputs`), and `python3 -m qsvtc.plot` can draw here; throws Error if not.
inline void checkPlotting(const std::string &png, const std::vector<std::string> &inputs) {
  checkOutputPath(png, inputs);
  std::string printed;
  int status = plotdetail::run({plotdetail::interpreter(), "-m", "qsvtc.plot", "--check"}, printed);
  if (status != 0)
    throw Error("--plot needs Python 3 with python3-matplotlib and the qsvtc package; "
                "here: " +
                plotdetail::lastLine(printed));
}

/// Draws `json` (the tool's output text) as `kind` into `png`.
inline void plotJson(const std::string &kind, const std::string &json, const std::string &png) {
  char name[] = "/tmp/qsvtc-plot-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0)
    throw Error("--plot: cannot create a temporary file");
  close(fd);
  std::string printed;
  int status = 0;
  try {
    writeFileAtomically(name, json);
    status = plotdetail::run({plotdetail::interpreter(), "-m", "qsvtc.plot", kind, name, "-o", png},
                             printed);
  } catch (...) {
    std::remove(name);
    throw;
  }
  std::remove(name);
  if (status != 0)
    throw Error("--plot " + png + ": " + plotdetail::lastLine(printed));
}

} // namespace qsvtc::tools

#endif // QSVTC_TOOLS_PLOT_H
