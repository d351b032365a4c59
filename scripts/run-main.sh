#!/usr/bin/env bash
# README command one: install what is missing, build the release preset, load the sample council
# (the SSDA903 sample extract in ../shared plus SSD allocations generated for it, seeded) into the
# embedded SQLite store in ./var/iro-data, run the daily evaluation as of a day inside the sample
# and show the open prompts, make tokens for a social worker, an IRO and an IRO manager, and run
# the host with its HTTP service and panel, printing where everything is.
# Re-running is safe: the imports are idempotent. Ctrl-C stops the host.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target runtime
bin="$PWD/build/release/bin"
data_dir="${IRO_DATA_DIR:-$PWD/var/iro-data}"
# The sample's data ends in 2018, so this copy is a demonstration: the whole host takes
# 15 March 2018 as today (`as_of`), and the tick, the prompts, the panel and the reports agree on
# the day. A council's own host.json leaves it unset.
mkdir -p "$PWD/var"
printf '{"as_of": "2018-03-15"}\n' >"$PWD/var/demo-host.json"
export IRO_CONFIG="${IRO_CONFIG:-$PWD/var/demo-host.json}"
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

# People for the HTTP service: child 566910's social worker and IRO (from the sample's
# allocations) and an IRO manager, each with a fresh 30-day token (tokens are shown only once;
# earlier runs' tokens stay valid until they expire or are revoked).
listen="${IRO_HTTP_LISTEN:-127.0.0.1:8080}"
url="http://$listen"
host=("$bin/iro-host" --data-dir "$data_dir" --actor run-main)
existing="$("${host[@]}" users list)"
add_user() {
  local user="$1"
  shift
  if ! grep -q "^$user " <<<"$existing"; then
    "${host[@]}" users add "$user" "$@" >/dev/null
  fi
}
token_for() {
  "${host[@]}" --json tokens create --user "$1" --days 30 --label "main job" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
add_user SW2019 --role social_worker --worker SW2019
add_user IRO1023 --role iro --worker IRO1023
add_user iro-manager --role iro_manager
sw_token="$(token_for SW2019)"
iro_token="$(token_for IRO1023)"
manager_token="$(token_for iro-manager)"
echo "== The HTTP service at $url (API under /api/v1, described by $url/api/v1/openapi.json)"
echo "The panel for child 566910: open $url/panel/children/566910 and sign in with a token."
echo "  social worker SW2019:  $sw_token"
echo "  IRO IRO1023:           $iro_token"
echo "  IRO manager:           $manager_token"
echo "From a terminal:"
echo "  curl -H 'Authorization: Bearer $sw_token' $url/api/v1/children/566910/prompts"
echo "  curl -H 'Authorization: Bearer $manager_token' '$url/api/v1/reports/reviews?year=2017-18&format=csv'"
echo "Audit log:         $bin/iro-host --data-dir $data_dir audit search --child 566910"
echo
exec "$bin/iro-host" --data-dir "$data_dir" serve --listen "$listen"
