#!/usr/bin/env bash
# Builds the libFuzzer target (Fuzz/*.swift, AimsbookKit instrumented) and fuzzes each stage for a
# bounded time: `Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]` (default 60 seconds, all targets).
# Linux only (libFuzzer through swiftc -sanitize=fuzzer). Everything lands under .build/fuzz:
#   corpus/<target>/   inputs libFuzzer found interesting, kept and reused by the next run
#   crashes/           a failing input: <target>-crash-…, -leak-…, -timeout-… (a hang), -oom-…
#   logs/<target>.log  libFuzzer's output
# Exits 1 when any target failed, printing the reproducer and how to replay it; 2 when it could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter model links)
case $seconds in '' | *[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2 ;; esac
if [ "$(uname -s)" != Linux ]; then echo "Fuzz/run.sh: libFuzzer through swiftc needs Linux" >&2; exit 2; fi

scratch=.build/fuzz
mkdir -p "$scratch/logs" "$scratch/crashes"
started=$SECONDS
# Release: the same preconditions and overflow checks as debug, and 3 to 15 times the inputs a second.
echo "Building aimsbook-fuzz (AIMSBOOK_FUZZ=1, release, scratch path $scratch; the log: $scratch/logs/build.log)"
if ! AIMSBOOK_FUZZ=1 "${SWIFT:-swift}" build -c release --scratch-path "$scratch" --product aimsbook-fuzz \
  >"$scratch/logs/build.log" 2>&1; then
  # The sanitizer runtimes make the linker warn once per symbol: leave those out.
  grep -v "Cannot export local symbol" "$scratch/logs/build.log" | tail -40 >&2
  echo "Fuzz/run.sh: the build failed" >&2
  exit 2
fi
binary=$scratch/release/aimsbook-fuzz
echo "  built in $((SECONDS - started))s"

# Seeds: the sample handbook and the broken-on-purpose fixtures, copied (never written in place).
seeds=$scratch/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
while IFS= read -r -d '' file; do
  name=${file//\//_}
  cp "$file" "$seeds/$name"
done < <(find content Tests/AimsbookKitTests/Fixtures/check -name '*.md' -print0)

# libFuzzer and AddressSanitizer report a crash themselves; Swift's own backtracer, run under
# AddressSanitizer, only adds a second, spurious error.
export SWIFT_BACKTRACE=enable=no
failed=0
for target in "${targets[@]}"; do
  corpus=$scratch/corpus/$target
  log=$scratch/logs/$target.log
  mkdir -p "$corpus"
  echo "Fuzzing $target for ${seconds}s (corpus $corpus)"
  status=0
  # -timeout: one input taking longer is a hang, and a failure. LeakSanitizer is on (a retain cycle fails too).
  FUZZ_TARGET=$target "$binary" "$corpus" "$seeds" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -dict=Fuzz/aimsbook.dict -print_final_stats=1 \
    -artifact_prefix="$scratch/crashes/$target-" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true)
  if [ "$status" = 0 ]; then
    echo "  ok: ${runs:-?} inputs, ${coverage:-no coverage line}"
  else
    failed=1
    reproducer=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    echo "  FAILED (exit $status) after ${runs:-?} inputs; the log: $log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|aimsbook-fuzz:|Fatal error|.*Deadly signal|.*ERROR: libFuzzer)' "$log" | head -5 | sed 's/^/    /'
    if [ -n "$reproducer" ]; then
      echo "  reproducer: $reproducer"
      echo "  replay: FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no $binary $reproducer"
    fi
  fi
done
exit $failed
