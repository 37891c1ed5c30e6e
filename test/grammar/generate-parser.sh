#!/bin/sh
# Generate the Python3 parser for the vendored OpenQASM 3 reference grammar.
# Usage: generate-parser.sh OUTDIR
# Needs the ANTLR4 tool and a Java runtime (Debian 12: apt-get install antlr4,
# which pulls in default-jre-headless).  Output goes to OUTDIR (created);
# check files with: qasm3-syntax-check.py --parser-dir OUTDIR file.qasm...
set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
antlr=${ANTLR4:-antlr4}

if ! command -v java >/dev/null 2>&1; then
    echo "generate-parser.sh: error: 'java' not found; install a JRE (Debian: apt-get install default-jre-headless)" >&2
    exit 1
fi
if ! command -v "$antlr" >/dev/null 2>&1; then
    echo "generate-parser.sh: error: ANTLR4 tool '$antlr' not found; install it (Debian: apt-get install antlr4) or set ANTLR4 to its command" >&2
    exit 1
fi

mkdir -p "$out"
# Run from the grammar directory so tokenVocab=qasm3Lexer resolves and the
# generated files land directly in OUTDIR (not OUTDIR/<path of the .g4>).
out_abs=$(cd "$out" && pwd)
if ! (cd "$here" && "$antlr" -Dlanguage=Python3 -o "$out_abs" qasm3Lexer.g4 qasm3Parser.g4); then
    echo "generate-parser.sh: error: $antlr failed on the grammar in $here" >&2
    exit 1
fi

# ANTLR 4.7.x's Python3 target imports TextIO from typing.io, which is
# deprecated and gone in Python 3.13; the plain typing import is equivalent.
for f in "$out_abs"/qasm3Lexer.py "$out_abs"/qasm3Parser.py; do
    sed -i 's/^from typing\.io import TextIO$/from typing import TextIO/' "$f"
done

for f in qasm3Lexer.py qasm3Parser.py; do
    if [ ! -s "$out_abs/$f" ]; then
        echo "generate-parser.sh: error: $antlr did not produce $out_abs/$f" >&2
        exit 1
    fi
done
echo "generated the OpenQASM 3 parser in $out_abs"
