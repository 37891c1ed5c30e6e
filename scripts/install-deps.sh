#!/usr/bin/env bash
# Installs exactly the Debian 12 packages qsvtc needs to build and test
# (antlr4 and python3-antlr4: the OpenQASM 3 reference-grammar check of the
# emitted files, test/grammar/; antlr4 pulls in a Java runtime; python3-numpy:
# the differential tests' independent forward pass, test/differential/;
# clang-format: the format check, scripts/check-format.sh; pybind11-dev,
# python3-dev, python3-pytest, python3-mpmath: the Python package, tools/python/;
# python3-matplotlib: its plots, qsvtc.plot).
# Idempotent: packages already present are skipped, and apt-get runs only
# when something is missing (so `make check` on a provisioned machine is fast).
set -euo pipefail

PACKAGES=(
  build-essential cmake make git
  libboost-dev libmpfr-dev libgmp-dev libeigen3-dev libfftw3-dev
  nlohmann-json3-dev libcli11-dev
  libgtest-dev libbenchmark-dev
  llvm-14-tools clang-format python3
  antlr4 python3-antlr4 python3-numpy
  pybind11-dev python3-dev python3-pytest python3-mpmath python3-matplotlib
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
