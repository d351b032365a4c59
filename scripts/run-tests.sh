#!/usr/bin/env bash
# README command two (and CI): install what is missing, then build and run every test.
#
# By default the release preset: the build the main job runs and the Debian packages are made
# from, so the tests of the installed product (label "install": installation with the SDK and the
# example module; the packages installed, upgraded and purged) test what ships. The asan preset
# (AddressSanitizer + UndefinedBehaviorSanitizer) passes the same suite and runs it with
#   IRO_TEST_PRESETS=asan scripts/run-tests.sh
# before a change lands; both builds in one run do not fit CI's 20 minutes on two cores (the
# sanitizer build alone takes about as long as the release build and its suite).
#
# IRO_TEST_PRESETS overrides the list of presets, each built and tested whole. The installed
# product's tests alone: ctest --preset release -L install.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage says how long it took, so a slow CI run shows where the time went.
stage_start=$SECONDS
stage_done() { echo "== $1 took $((SECONDS - stage_start)) s"; stage_start=$SECONDS; }

scripts/bootstrap.sh
stage_done "bootstrap"
# A checkout in another directory still hits the compiler cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

for preset in ${IRO_TEST_PRESETS:-release}; do
  echo "== preset $preset: build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  stage_done "preset $preset: build"
  echo "== preset $preset: test"
  ctest --preset "$preset"
  stage_done "preset $preset: test"
done
