#!/usr/bin/env bash
# README command one: install what is missing, build the release preset, load the sample council
# (the SSDA903 sample extract in ../shared plus SSD allocations generated for it, seeded) into the
# embedded SQLite store in ./var/iro-data, run the daily evaluation as of a day inside the sample
# and show the open prompts, and run the host, printing where everything is.
# Re-running is safe: the imports are idempotent. Ctrl-C stops the host.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target runtime
bin="$PWD/build/release/bin"
data_dir="${IRO_DATA_DIR:-$PWD/var/iro-data}"
sample="$(realpath -m "${IRO_SAMPLE_903:-$PWD/../shared/data/ssda903-sample}")"
ssd_dir="$PWD/var/sample-council/ssd"
if [[ ! -f "$sample/header.csv" ]]; then
  echo "run-main: the SSDA903 sample extract is not at $sample (set IRO_SAMPLE_903)" >&2
  exit 1
fi

echo
echo "== Loading the sample council into $data_dir"
"$bin/iro-sample-council" --from "$sample" --out "$ssd_dir"
echo
"$bin/iro-host" --data-dir "$data_dir" import ssda903 "$sample" --show-warnings 5
echo
"$bin/iro-host" --data-dir "$data_dir" import ssd "$ssd_dir" --show-warnings 5
echo
echo "== Review measures of the sample's last full year (iro-host report reviews --year 2017-18)"
"$bin/iro-host" --data-dir "$data_dir" report reviews --year 2017-18
echo
echo "== Mid-point review prompts as of 15 March 2018, a day inside the sample (iro-host tick --as-of 2018-03-15)"
# The imports' case events are delivered first, as of their own days; then the daily evaluation.
"$bin/iro-host" --data-dir "$data_dir" tick --as-of 2018-03-15 ||
  echo "(the store has a later tick already: ticks only move forward; the prompts below are as of it)"
echo
"$bin/iro-host" --data-dir "$data_dir" prompts list --limit 10
echo
echo "Look at a child:   $bin/iro-host --data-dir $data_dir child show 566910"
echo "All warnings:      $bin/iro-host --data-dir $data_dir import warnings --import 1 --rule 440"
echo "Record a note:     $bin/iro-host --data-dir $data_dir --actor IRO1001 notes add --child 566910 --kind midpoint --file examples/notes/midpoint.json"
echo "Oversight report:  $bin/iro-host --data-dir $data_dir report oversight --year 2017-18"
echo "A child's prompts: $bin/iro-host --data-dir $data_dir prompts list --child 566910 --state all"
echo "Mid-point report:  $bin/iro-host --data-dir $data_dir report midpoint --year 2017-18"
echo "Write-back to a CMS: see docs/oversight-notes.md and examples/cms-writeback.json"
echo
exec "$bin/iro-host" --data-dir "$data_dir" serve
