#!/bin/bash
# Fails (exit 1) if any C++ file of the project differs from what
# clang-format makes of it with the repo's .clang-format; lists them.
# `scripts/check-format.sh --fix` reformats them instead. ctest runs the
# check (`format`), so the tree stays clean.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cf=$(command -v clang-format-14 || command -v clang-format) ||
  { echo "check-format: clang-format not found (scripts/install-deps.sh installs it)"; exit 1; }
cd "$root"
files=$(find bench compiler include runtime test/unit tools \( -name '*.cpp' -o -name '*.h' \) \
  -not -path 'bench/peers/*' | sort)
if [ "${1:-}" = "--fix" ]; then
  echo "$files" | xargs "$cf" -i --style=file
  exit 0
fi
bad=0
for f in $files; do
  if ! "$cf" --style=file "$f" | cmp -s - "$f"; then
    echo "check-format: $f is not clang-format clean (scripts/check-format.sh --fix)"
    bad=$((bad + 1))
  fi
done
echo "check-format: $(echo "$files" | wc -l) files, $bad not clean"
[ "$bad" -eq 0 ]
