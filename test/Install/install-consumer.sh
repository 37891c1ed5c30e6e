#!/bin/bash
# Installs a built tree into a fresh prefix, runs the installed tools, and
# builds and runs test/Install/consumer against the installed package only
# (find_package(qsvtc); no path into the source or build tree).
#   install-consumer.sh SOURCE_DIR BUILD_DIR WORK_DIR [extra cmake args for the consumer]
set -euo pipefail
src=$1 build=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
for tool in qsvtc qsvt-verify qsp-phases qsvt-approx qsvt-opt; do
  "$work/prefix/bin/$tool" --version
done
for file in include/qsvtc/qsp/Solve.h include/qsvtc/runtime/Simulator.h \
            lib/libqsvtc.a lib/libqsvtc_runtime.a lib/cmake/qsvtc/qsvtcConfig.cmake \
            share/man/man1/qsvtc.1 share/man/man1/qsp-phases.1; do
  test -f "$work/prefix/$file" || { echo "not installed: $file"; exit 1; }
done
cmake -S "$src/test/Install/consumer" -B "$work/consumer" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$work/prefix" "$@" > "$work/consumer-configure.log"
cmake --build "$work/consumer" -j 2 > "$work/consumer-build.log"
# The man pages carry a header and the tool's options (rendered with
# man -l where man-db is installed).
page=$work/prefix/share/man/man1/qsvtc.1
grep -q '^\.TH QSVTC 1' "$page" && grep -q -- "--emit" "$page" ||
  { echo "$page lacks its header or the options"; exit 1; }
if command -v man > /dev/null; then
  man -l "$page" 2> /dev/null | grep -q -- "--emit" || { echo "$page does not render"; exit 1; }
fi
# The consumer saw the installed headers, not the source tree's.
if grep -q -- "-I$src/include" "$work/consumer/CMakeFiles/consumer.dir/flags.make"; then
  echo "the consumer was compiled against the source tree"; exit 1
fi
"$work/consumer/consumer"
# The Python package, when configured (the cache says so; a python/ left
# over from an earlier configuration does not): imported from the prefix
# alone (the build tree is not on the path), and it solves.
if grep -q '^QSVTC_BUILD_PYTHON:BOOL=ON$' "$build/CMakeCache.txt"; then
  site=$work/prefix/lib/python3/dist-packages
  test -f "$site/qsvtc/__init__.py" || { echo "not installed: the Python package"; exit 1; }
  cd "$work"
  PYTHONPATH=$site /usr/bin/python3 -c '
import sys, qsvtc
assert qsvtc.__file__.startswith(sys.argv[1]), qsvtc.__file__
r = qsvtc.poly_to_angles([0.0, 0.5])
assert r["degree"] == 1 and r["error"] <= 1e-12
print("installed qsvtc package:", qsvtc.__file__)' "$site"
fi
