#!/usr/bin/env bash
# The plugin API library's ABI against the last release's (plugin_api/abi/), with libabigail:
#
#   scripts/abi-check.sh            # CI: fails on any incompatible change, and on any change at all
#                                   # while the API minor is the baseline's
#   scripts/abi-check.sh --update   # at a release: the built library becomes the baseline
#
# The rule (docs/plugin-host.md, "Compatibility"): a released minor's types are frozen. A new
# minor may only add (new types, new functions, virtual functions appended to a host-implemented
# interface); anything abidiff calls incompatible needs a new major. Modules built from each
# earlier minor's headers are also loaded and run by the suite (tests/abi).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${IRO_ABI_BUILD_DIR:-build/release}
library=$(readlink -f "$build/lib/libiro-plugin-api.so")
headers=plugin_api/include/iro/plugin_api
version=${library##*.so.}        # 1.5.0
minor_version=${version%.*}      # 1.5
mkdir -p "$build/abi"
current="$build/abi/libiro-plugin-api.so.$minor_version.abi"
abidw --no-corpus-path --no-comp-dir-path --drop-private-types --headers-dir "$headers" --out-file "$current" "$library"

if [ "${1:-}" = "--update" ]; then
  rm -f plugin_api/abi/*.abi
  cp "$current" "plugin_api/abi/"
  echo "abi: plugin_api/abi/$(basename "$current") is the baseline now"
  exit 0
fi

baseline=$(ls plugin_api/abi/libiro-plugin-api.so.*.abi 2>/dev/null | head -1)
if [ -z "$baseline" ]; then
  echo "abi: no baseline in plugin_api/abi/ (scripts/abi-check.sh --update makes one)" >&2
  exit 1
fi
baseline_version=$(basename "$baseline" .abi)
baseline_version=${baseline_version##*.so.}
echo "abi: libiro-plugin-api $minor_version against the $baseline_version baseline"

status=0
abidiff --headers-dir2 "$headers" "$baseline" "$current" > "$build/abi/report.txt" || status=$?
cat "$build/abi/report.txt"
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 a change, 8 an incompatible change.
if (( status & 3 )); then
  echo "abi: abidiff failed (status $status)" >&2
  exit 1
fi
if (( status & 8 )); then
  echo "abi: an incompatible change to the plugin API's ABI; it needs a new major (see above)" >&2
  exit 1
fi
if (( status & 4 )); then
  if [ "$baseline_version" = "$minor_version" ]; then
    echo "abi: the ABI of released API $minor_version changed; a change needs a new minor" >&2
    exit 1
  fi
  # A new minor may add, never change: libabigail calls a new field in a struct a compatible
  # "change", but a module built against the last minor would pass the host the old layout.
  if grep -E "size changed|offset changed|data member (insertion|deletion|change)|type changed|name changed|[1-9][0-9]* Removed|deleted|vtable offset changed" \
      "$build/abi/report.txt" >/dev/null; then
    echo "abi: API $minor_version changes what $baseline_version shipped (above); a released minor's types are frozen: add a new type instead" >&2
    exit 1
  fi
  echo "abi: additions only for API $minor_version (make it the baseline when it is released)"
fi
echo "abi: ok"
