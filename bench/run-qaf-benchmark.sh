#!/usr/bin/env bash
# Builds the release preset and runs the QAF aggregation benchmark: the report engine against the
# sqlite3 shell on 1,000,000 generated york-qaf responses, by quarter.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target iro-bench-qaf
exec build/release/bin/iro-bench-qaf --definition plugins/qaf/york-qaf-1.json "$@"
