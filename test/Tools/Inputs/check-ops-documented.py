"""Fails unless every op `qsvt-opt --list-ops` prints is in the docs' op tables."""
import sys

doc = open(sys.argv[1]).read()
ops = [line.split()[0] for line in open(sys.argv[2]) if line.strip()]
missing = [op for op in ops if "`" + op + "`" not in doc]
print("ops:", len(ops))
if missing or len(ops) < 20:
    sys.exit("undocumented ops: " + ", ".join(missing))
