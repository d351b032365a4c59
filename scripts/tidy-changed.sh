#!/usr/bin/env bash
# clang-tidy (.clang-tidy) on the C++ sources a change touched: the files that differ between
# BASE (default: the commit before HEAD) and the work tree, read through the dev preset's compile
# commands (clang, no precompiled headers or unity files). A changed header is checked through the
# source file of the same name, and through every changed source that includes it.
#
#   scripts/tidy-changed.sh            # what the last commit and the work tree changed
#   scripts/tidy-changed.sh main~5     # since main~5
set -euo pipefail
cd "$(dirname "$0")/.."

base=${1:-HEAD~1}
if ! git rev-parse -q --verify "$base^{commit}" >/dev/null; then
  echo "tidy: no commit $base to compare with; nothing to check"
  exit 0
fi
cmake --preset dev >/dev/null
db=build/dev/compile_commands.json

mapfile -t changed < <(git diff --name-only --diff-filter=ACMR "$base" -- \
  '*.cpp' '*.hpp' | grep -E '^(plugin_api|host_adapter|plugins|tests|examples|bench)/' || true)
sources=()
for file in "${changed[@]}"; do
  case $file in
    *.hpp) candidate=${file%.hpp}.cpp ;;
    *) candidate=$file ;;
  esac
  # Only files the build compiles (a header-only change with no source of its name is checked
  # through the changed sources that include it).
  if [ -f "$candidate" ] && grep -q "\"file\": \"$PWD/$candidate\"" "$db"; then
    sources+=("$candidate")
  fi
done
if [ ${#sources[@]} -eq 0 ]; then
  echo "tidy: no changed C++ source since $base"
  exit 0
fi
mapfile -t sources < <(printf '%s\n' "${sources[@]}" | sort -u)
echo "tidy: ${#sources[@]} file(s) changed since $base"
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 1 clang-tidy -p build/dev --quiet 2>&1 |
  grep -v -E '^[0-9]+ warnings? generated|^Suppressed [0-9]+ warnings|^Use -header-filter' |
  tee build/dev/tidy.log || true
if grep -qE 'error:|warning:' build/dev/tidy.log; then
  echo "tidy: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "tidy: clean"
