#!/bin/bash
# Compiles every example (and the lit tests' .qtf inputs) at every stage a
# user can ask for, into DIR, so that two builds can be compared byte for
# byte: `scripts/snapshot-outputs.sh build/bin /tmp/a`, change the code,
# rebuild, `scripts/snapshot-outputs.sh build/bin /tmp/b`, `diff -r /tmp/a /tmp/b`.
# A refactoring must leave the diff empty. Exit codes and diagnostics are
# kept too (a refusal must stay the same refusal).
set -u
# Progress lines depend on the machine's speed; keep them out of the snapshot.
export QSVTC_PROGRESS_AFTER=1000000
bin=$(cd "${1:?usage: snapshot-outputs.sh BIN_DIR OUT_DIR}" && pwd)
out=${2:?usage: snapshot-outputs.sh BIN_DIR OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
for spec in "$root"/examples/*.qtf $(find "$root/test" -name '*.qtf' | sort); do
  name=$(echo "${spec#$root/}" | tr '/' '_')
  name=${name%.qtf}
  for stage in qt qsvt poly resources; do
    (cd "$(dirname "$spec")" && timeout 600 "$bin/qsvtc" "$spec" --emit=$stage --format=json \
      -o "$out/$name.$stage" 2>"$out/$name.$stage.err"; echo "exit $?" >>"$out/$name.$stage.err")
  done
  (cd "$(dirname "$spec")" && timeout 600 "$bin/qsvtc" "$spec" --emit=qasm --allow-opaque \
    -o "$out/$name.qasm" 2>"$out/$name.qasm.err"; echo "exit $?" >>"$out/$name.qasm.err")
  # The whole-matrix construction, which the default (state mode) skips
  # for row-wise models.
  for stage in resources qasm; do
    (cd "$(dirname "$spec")" && timeout 600 "$bin/qsvtc" "$spec" --mode=matrix --emit=$stage \
      --allow-opaque --format=json -o "$out/$name.matrix-$stage" \
      2>"$out/$name.matrix-$stage.err"; echo "exit $?" >>"$out/$name.matrix-$stage.err")
  done
done
# Paths differ between checkouts; progress lines (printed for work slower
# than 0.5 s) differ between runs.
sed -i -e "s|$root|ROOT|g" -e '/^approximate: .*s)$/d' -e '/^estimate-degrees: .*s)$/d' \
  "$out"/*.err 2>/dev/null
echo "snapshot: $(ls "$out" | wc -l) files in $out"
