#!/usr/bin/env bash
# Counts the instructions `aimsbook build` and `aimsbook check` execute on a generated handbook,
# with valgrind's callgrind. Unlike wall or CPU time on a shared machine, the count is the same
# run after run (within about 0.2 %), so it shows changes of a few per cent; it does not show
# what costs time without instructions (cache misses, atomic reference counts, waiting on disk).
#
#   bash Benchmarks/instructions.sh [DOCUMENTS] [BINARY]     default: 300, .build/release/aimsbook
# Needs: python3, valgrind (apt-get install valgrind). Leaves callgrind's profiles in the
# temporary folder it prints, for `callgrind_annotate`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
documents=${1:-300}
binary=${2:-$repo/.build/release/aimsbook}
[ -x "$binary" ] || { echo "build first: swift build -c release" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install valgrind" >&2; exit 2; }
work=$(mktemp -d)
python3 "$repo/Benchmarks/generate.py" "$documents" "$work/handbook" >/dev/null
# valgrind cannot read the release binary's debug information; a copy without it keeps the symbols.
strip --strip-debug -o "$work/aimsbook" "$binary"
for command in build check; do
  rm -rf "$work/handbook/output"
  count=$(valgrind --tool=callgrind --callgrind-out-file="$work/$command.callgrind" \
    "$work/aimsbook" "$command" "$work/handbook" --as-of 2026-11-29 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  printf "%-6s %15d instructions (%d documents)\n" "$command" "$count" "$documents"
done
echo "profiles: $work/build.callgrind, $work/check.callgrind (callgrind_annotate FILE)"
