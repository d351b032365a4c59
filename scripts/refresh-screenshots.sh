#!/usr/bin/env bash
# Refreshes the screenshots the docs show (docs/screenshots/) after a change to the panel, the QAF
# report's page or the annual report: runs the browser tests, which write into the build tree, and
# copies what they wrote. The tests themselves never write into the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh >/dev/null
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
shots="$PWD/build/release/screenshots"
ctest --preset release -R 'PanelBrowser|QafReportBrowser|CmsLaunchBrowser|AnnualReportBrowser' \
  --output-on-failure
for shot in panel-social-worker.png panel-iro.png qaf-report-2015-16.png \
  launch-social-worker-360-js.png launch-iro-1280.png annual-report-2017-18.png; do
  install -m 644 "$shots/$shot" "docs/screenshots/$shot"
  echo "docs/screenshots/$shot ($(stat -c %s "$shots/$shot") bytes)"
done
