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
# IRO_TEST_PRESETS overrides the list: each entry is a preset (whole suite) or PRESET:install.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
# A checkout in another directory still hits the compiler cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

for entry in ${IRO_TEST_PRESETS:-release}; do
  preset=${entry%%:*}
  scope=${entry#"$preset"}
  echo "== preset $preset${scope:+ ($scope tests)}: build"
  cmake --preset "$preset" >/dev/null
  if [ "$scope" = ":install" ]; then
    cmake --build --preset "$preset" --target runtime iro_install_tests
    echo "== preset $preset: test (installed product)"
    ctest --preset "$preset" -L install
  else
    cmake --build --preset "$preset"
    echo "== preset $preset: test"
    ctest --preset "$preset"
  fi
done
