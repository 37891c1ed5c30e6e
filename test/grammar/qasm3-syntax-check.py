#!/usr/bin/python3
"""Syntax-check OpenQASM 3 files against the reference ANTLR grammar.

Usage: qasm3-syntax-check.py --parser-dir DIR file.qasm...

DIR holds the Python parser generated from the grammar vendored next to this
script (qasm3Lexer.g4, qasm3Parser.g4) by generate-parser.sh.  Each file is
parsed from the grammar's entry rule `program`; every lexer and parser error is
printed as `file:line:col: error: message` (line and column 1-based).

This is a syntax check only: undeclared gates, wrong arities and the like are
semantic questions the reference grammar does not answer.

Exit status: 0 every file parses, 1 some file has a syntax error, 2 no
verdict (no parser in DIR, ANTLR4 Python runtime missing or incompatible with
the generated parser, unreadable input file, internal error).

Needs the ANTLR4 Python runtime (Debian: apt-get install python3-antlr4); the
shebang is /usr/bin/python3 because a pyenv/venv python3 does not see Debian's
packages.
"""

import argparse
import array
import os
import sys
import time


def die(msg):
    print("qasm3-syntax-check: error: " + msg, file=sys.stderr)
    sys.exit(2)


def load_runtime_and_parser(parser_dir):
    try:
        import antlr4
        from antlr4.error.ErrorListener import ErrorListener
        from antlr4.Recognizer import Recognizer
    except ImportError as exc:
        die("the ANTLR4 Python runtime is not importable by %s (%s).\n"
            "  Debian: apt-get install python3-antlr4, and run this script with "
            "/usr/bin/python3 (a pyenv or venv python3 does not see Debian packages)."
            % (sys.executable, exc))

    if not os.path.isdir(parser_dir):
        die("parser directory '%s' does not exist; create it with "
            "generate-parser.sh %s" % (parser_dir, parser_dir))
    for name in ("qasm3Lexer.py", "qasm3Parser.py"):
        if not os.path.isfile(os.path.join(parser_dir, name)):
            die("'%s' has no %s; generate the parser with generate-parser.sh %s"
                % (parser_dir, name, parser_dir))

    # Generated code calls checkVersion(<tool version>), which prints to stdout
    # when the tool and runtime minor versions differ (Debian 12 ships tool
    # 4.7.2 and runtime 4.9.1).  Both use ATN serialization version 3; an
    # incompatible ATN makes the import below fail instead.  Keep stdout for
    # diagnostics and only mention the mismatch under --verbose.
    versions = []

    def check_version(self, tool_version):
        if tool_version not in versions:
            versions.append(tool_version)
    Recognizer.checkVersion = check_version

    sys.path.insert(0, os.path.abspath(parser_dir))
    try:
        from qasm3Lexer import qasm3Lexer
        from qasm3Parser import qasm3Parser
    except Exception as exc:  # ATN deserialization errors are plain Exception
        die("cannot load the generated parser from '%s' with the ANTLR4 "
            "runtime in %s: %s: %s\n"
            "  Tool and runtime must share the ATN serialization version: "
            "Debian 12's antlr4 4.7.2 output needs a 4.7-4.9 runtime "
            "(python3-antlr4 4.9.1, run with /usr/bin/python3); otherwise "
            "regenerate the parser with an ANTLR tool matching the runtime."
            % (parser_dir, os.path.dirname(antlr4.__file__),
               type(exc).__name__, exc))
    finally:
        del sys.path[0]

    class Collector(ErrorListener):
        def __init__(self):
            super().__init__()
            self.errors = []

        def syntaxError(self, recognizer, offendingSymbol, line, column, msg, e):
            self.errors.append((line, column + 1, msg))

    return antlr4, qasm3Lexer, qasm3Parser, Collector, versions


def main():
    ap = argparse.ArgumentParser(
        description="Syntax-check OpenQASM 3 files against the reference ANTLR grammar.")
    ap.add_argument("--parser-dir", required=True, metavar="DIR",
                    help="directory with the parser made by generate-parser.sh")
    ap.add_argument("--max-errors", type=int, default=0, metavar="N",
                    help="print at most N errors per file (0 = all; all are counted)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="report size and parse time per file on stderr")
    ap.add_argument("files", nargs="+", metavar="file.qasm")
    args = ap.parse_args()

    antlr4, Lexer, Parser, Collector, versions = load_runtime_and_parser(
        args.parser_dir)
    from antlr4.atn.PredictionMode import PredictionMode
    from antlr4.error.ErrorStrategy import BailErrorStrategy, DefaultErrorStrategy
    from antlr4.error.Errors import ParseCancellationException
    from antlr4.Token import CommonToken, Token

    # Deeply nested scopes/expressions recurse in the generated parser.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

    class CompactInputStream(antlr4.InputStream):
        """InputStream whose code points take 1 byte (ASCII) or 4 bytes each
        instead of the runtime's list of ints (8 bytes per character)."""

        def __init__(self, text, raw):
            self._raw = raw
            super().__init__(text)

        def _loadString(self):
            self._index = 0
            if self._raw.isascii():
                self.data = self._raw  # indexing bytes gives ints
            else:
                self.data = array.array("I")
                self.data.frombytes(self.strdata.encode(
                    "utf-32-le" if sys.byteorder == "little" else "utf-32-be"))
            self._raw = None
            self._size = len(self.data)

    forgotten = CommonToken(type=Token.INVALID_TYPE)
    forgotten.line, forgotten.column = 0, -1

    class WindowTokenStream(antlr4.CommonTokenStream):
        """CommonTokenStream that forgets tokens far behind the parser.

        The Python runtime buffers every token (hundreds of bytes each), which
        needs several GB for a 50 MB file.  The parser only looks back a few
        tokens (LT(-1)) and seeks back only to the start of a prediction, which
        it brackets with mark()/release(); tokens more than KEEP before both are
        replaced by one placeholder.
        """
        KEEP = 4096

        def __init__(self, lexer):
            super().__init__(lexer)
            self.marks = []
            self.dropped = 0

        def mark(self):
            self.marks.append(self.index)
            return len(self.marks)

        def release(self, marker):
            del self.marks[marker - 1:]

        def consume(self):
            super().consume()
            floor = min(self.marks[0], self.index) if self.marks else self.index
            upto = floor - self.KEEP
            if upto - self.dropped >= self.KEEP:
                toks = self.tokens
                for i in range(self.dropped, upto):
                    toks[i] = forgotten
                self.dropped = upto

    def parse(text, raw):
        """Return the sorted list of (line, col, msg) syntax errors in text."""

        def run(sll):
            lex_errors, parse_errors = Collector(), Collector()
            lexer = Lexer(CompactInputStream(text, raw))
            lexer.removeErrorListeners()
            lexer.addErrorListener(lex_errors)
            parser = Parser(WindowTokenStream(lexer))
            parser.buildParseTrees = False
            parser.removeErrorListeners()
            parser.addErrorListener(parse_errors)
            if sll:
                parser._interp.predictionMode = PredictionMode.SLL
                parser._errHandler = BailErrorStrategy()
            parser.program()
            return sorted(lex_errors.errors + parse_errors.errors)

        # Two-stage parse: SLL prediction that gives up at the first parser
        # error is several times faster than full LL, and SLL accepting means
        # the input is in the language.  Only if it gives up, parse again with
        # full LL and error recovery to collect every error with the standard
        # messages.  Lexer errors do not stop the first stage but are reported.
        try:
            return run(sll=True)
        except ParseCancellationException:
            return run(sll=False)

    failed = 0
    for path in args.files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            die("cannot read %s: %s" % (path, exc.strerror or exc))
        start = time.monotonic()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            errors = [(line, col, "invalid UTF-8 byte 0x%02x" % data[exc.start])]
        else:
            errors = parse(text, data)
        elapsed = time.monotonic() - start
        shown = errors if args.max_errors <= 0 else errors[:args.max_errors]
        for line, col, msg in shown:
            print("%s:%d:%d: error: %s" % (path, line, col, msg))
        if len(shown) < len(errors):
            print("%s: ... %d more errors not shown" % (path, len(errors) - len(shown)))
        if errors:
            failed += 1
        if args.verbose:
            mb = len(data) / 1e6
            print("%s: %s, %.3f MB in %.2f s (%.1f s/MB)" % (
                path, "%d syntax errors" % len(errors) if errors else "ok",
                mb, elapsed, elapsed / mb if mb else 0.0), file=sys.stderr)

    if args.verbose and versions:
        print("qasm3-syntax-check: parser generated by ANTLR %s (its version "
              "check against the runtime is silenced)" % "/".join(versions),
              file=sys.stderr)
    if failed:
        print("qasm3-syntax-check: %d of %d files have syntax errors"
              % (failed, len(args.files)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # a crash must not read as "syntax error" (exit 1)
        import traceback
        traceback.print_exc()
        die("internal error; no verdict")
