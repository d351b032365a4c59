#!/usr/bin/env bash
# README command one: install what is missing, build the release preset, and run the host on its
# embedded SQLite store in ./var/iro-data, printing where everything is. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target runtime
data_dir="${IRO_DATA_DIR:-$PWD/var/iro-data}"
echo
exec build/release/bin/iro-host --data-dir "$data_dir" serve
