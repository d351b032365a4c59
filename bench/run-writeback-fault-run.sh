#!/usr/bin/env bash
# The write-back fault run: a serving iro-host and the fake CMS (tests/fake_cms) as separate
# processes, through 5xx, timeouts, 429 with Retry-After, 400 refusals, the CMS down and back, and
# the host killed with SIGKILL mid-request. Prints the figures: notes written, delivered,
# dead-lettered, duplicates the CMS saw, and how long the backlog took to drain once the CMS came
# back. Usage: bench/run-writeback-fault-run.sh [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=1
if [[ "${1:-}" == "--runs" ]]; then runs="$2"; fi
scripts/bootstrap.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target iro_integration_tests >/dev/null
for ((i = 1; i <= runs; i++)); do
  build/release/bin/iro_integration_tests --gtest_filter='WriteBackTest.FaultRun*' |
    grep -E '^FAULT RUN|OK \]|FAILED' || { echo "fault run $i failed" >&2; exit 1; }
done
