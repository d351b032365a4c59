#!/usr/bin/env bash
# Builds the release preset and runs the SSDA903 import benchmark on the sample extract.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target iro-host iro-bench-import
sample="$(cd "${IRO_SAMPLE_903:-../shared/data/ssda903-sample}" && pwd)"
exec build/release/bin/iro-bench-import --iro-host build/release/bin/iro-host --extract "$sample" "$@"
