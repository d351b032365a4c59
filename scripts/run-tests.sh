#!/usr/bin/env bash
# README command two (and CI): install what is missing, then build and run every test.
#
# The whole suite runs in the asan preset (AddressSanitizer + UndefinedBehaviorSanitizer). The
# release preset, which the main job runs and the Debian packages are made from, builds the
# runtime and the benchmarks (so they stay compilable) and runs the tests of the installed
# product on it (label "install": installation with the SDK and the example module, and the
# packages installed, upgraded and purged); building the whole suite twice does not fit CI's time.
#
# IRO_TEST_PRESETS overrides the list: each entry is a preset, whole suite, or PRESET:install.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
# A checkout in another directory still hits the compiler cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

for entry in ${IRO_TEST_PRESETS:-release:install asan}; do
  preset=${entry%%:*}
  scope=${entry#"$preset"}
  echo "== preset $preset${scope:+ ($scope tests)}: build"
  cmake --preset "$preset" >/dev/null
  if [ "$scope" = ":install" ]; then
    cmake --build --preset "$preset" --target runtime benchmarks iro_install_tests
    echo "== preset $preset: test (installed product)"
    ctest --preset "$preset" -L install
  else
    cmake --build --preset "$preset"
    echo "== preset $preset: test"
    ctest --preset "$preset"
  fi
done
