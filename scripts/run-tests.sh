#!/usr/bin/env bash
# README command two (and CI): install what is missing, then build and run every test.
#
# Stages, each timed (CI stops the run at 90 minutes; it should take under 45 on two cores):
#   1. release: the build the main job runs and the Debian packages are made from (with
#      dpkg-buildflags' hardening flags), and the whole suite; then, timed apart, the OpenAPI
#      document's tests (redocly lint of the document in the tree and of the one served, every
#      documented answer of a real service against its schema) and the tests of what ships
#      (label "install": lintian, hardening-check, the manual page and the installed documents'
#      links; installation with the SDK and the example module; the packages installed,
#      upgraded and purged);
#   2. asan: clang with AddressSanitizer + UndefinedBehaviorSanitizer, and the whole suite again,
#      the fuzz targets' corpora included (label "fuzz");
#   3. the plugin API library's ABI against the last release's (scripts/abi-check.sh);
#   4. fuzzing: every fuzz target for IRO_FUZZ_SECONDS (30) from its corpus (scripts/fuzz.sh);
#   5. clang-tidy on the C++ files the last commit changed (scripts/tidy-changed.sh).
#
# IRO_TEST_PRESETS overrides the list of presets, each built and tested whole (the fuzzing needs
# asan among them). The installed product's tests alone: ctest --preset release -L install.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage says how long it took, so a slow CI run shows where the time went.
stage_start=$SECONDS
stage_done() { echo "== $1 took $((SECONDS - stage_start)) s"; stage_start=$SECONDS; }

scripts/bootstrap.sh
stage_done "bootstrap"
# A checkout in another directory still hits the compiler cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

presets=${IRO_TEST_PRESETS:-release asan}
for preset in $presets; do
  echo "== preset $preset: build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  stage_done "preset $preset: build"
  echo "== preset $preset: test"
  if [ "$preset" = release ]; then
    # The packages' checks are a stage of their own: lintian, hardening-check, the manual page,
    # the installed documents' links, then install, upgrade and purge on this machine.
    ctest --preset "$preset" -LE install -E '^integration\.OpenApi'
    stage_done "preset $preset: test"
    echo "== API document: redocly lint, the served document, answers against their schemas"
    ctest --preset "$preset" -R '^integration\.OpenApi'
    stage_done "API document"
    echo "== packages: lintian, hardening, documents, install/upgrade/purge, installed SDK"
    ctest --preset "$preset" -L install
    stage_done "packages"
  else
    ctest --preset "$preset"
    stage_done "preset $preset: test"
  fi
done

if [[ " $presets " == *" release "* ]]; then
  scripts/abi-check.sh
  stage_done "ABI check"
fi
if [[ " $presets " == *" asan "* ]]; then
  scripts/fuzz.sh -t "${IRO_FUZZ_SECONDS:-30}"
  stage_done "fuzzing"
fi
scripts/tidy-changed.sh
stage_done "clang-tidy on changed files"
echo "== all stages took $SECONDS s"
