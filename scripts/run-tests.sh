#!/usr/bin/env bash
# README command two (and CI): install what is missing, then build and run every test twice:
# the release preset (the optimised build the main job runs) and the asan preset
# (AddressSanitizer + UndefinedBehaviorSanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
for preset in ${IRO_TEST_PRESETS:-release asan}; do
  echo "== preset $preset: build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "== preset $preset: test"
  ctest --preset "$preset"
done
