#!/usr/bin/env bash
# Fuzzes the parsers: every libFuzzer target (tests/fuzz), or those named, for SECONDS each, as
# many at once as there are cores. The asan preset builds the targets (clang, ASan, UBSan).
#
#   scripts/fuzz.sh                      # 30 s each, as CI runs it
#   scripts/fuzz.sh -t 1800 csv_reader   # the long run: 30 minutes of one target
#
# Each target starts from its committed corpus (tests/fuzz/corpus/<target>) and keeps what it
# finds in build/asan/fuzz/<target>/corpus, so a later run goes on from there; the committed
# corpus is never written. A crash, leak, sanitizer report or undocumented exception stops the
# target and fails the run; the input is in build/asan/fuzz/<target>/crash-* (or leak-*,
# timeout-*). Fix the defect, then commit that input into the target's corpus as
# regression-<what>: the suite runs every corpus input once (ctest -L fuzz).
#
# At the end a table gives each target's executions, executions per second and new coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
while getopts "t:" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    *) echo "usage: scripts/fuzz.sh [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

build=${IRO_FUZZ_BUILD_DIR:-build/asan}
if [ ! -f "$build/tests/fuzz/targets.txt" ]; then
  echo "fuzz: no fuzz targets in $build; build them first: cmake --preset asan && cmake --build --preset asan" >&2
  exit 2
fi
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < "$build/tests/fuzz/targets.txt"
fi

# Scratch files (stores, extracts) go inside the build tree, never to /tmp.
export TMPDIR="$PWD/$build/tmp"
mkdir -p "$TMPDIR"
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp:${UBSAN_OPTIONS:-}"

run_target() {
  local name=$1
  local binary="$build/bin/fuzz_$name"
  local work="$build/fuzz/$name"
  [ -x "$binary" ] || { echo "fuzz: no target $name ($binary)" >&2; return 2; }
  mkdir -p "$work/corpus"
  local dict=()
  [ -f "tests/fuzz/dict/$name.dict" ] && dict=("-dict=tests/fuzz/dict/$name.dict")
  # -timeout: an input taking 10 s is a defect (a hang). -rss_limit_mb: as the suite's limits.
  "$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/" "${dict[@]}" "$work/corpus" "tests/fuzz/corpus/$name" \
    > "$work/log.txt" 2>&1
}

failed=()
running=0
declare -A pid_of
for name in "${targets[@]}"; do
  if [ "$running" -ge "$(nproc)" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  echo "fuzz: $name for $seconds s"
  run_target "$name" &
  pid_of[$name]=$!
  running=$((running + 1))
done

printf '\n%-22s %12s %10s %8s %s\n' TARGET EXECUTIONS "EXEC/S" EDGES RESULT
for name in "${targets[@]}"; do
  status=0
  wait "${pid_of[$name]}" || status=$?
  log="$build/fuzz/$name/log.txt"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  edges=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status): see $log"
    failed+=("$name")
  fi
  printf '%-22s %12s %10s %8s %s\n' "$name" "${execs:--}" "${rate:--}" "${edges:--}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  for name in "${failed[@]}"; do
    echo "== $name:"
    grep -E "ERROR|undocumented|SUMMARY|Test unit written|==[0-9]+==" "$build/fuzz/$name/log.txt" | head -20
  done
  exit 1
fi
