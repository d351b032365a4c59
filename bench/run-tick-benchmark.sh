#!/usr/bin/env bash
# The daily tick, timed as a CLI run (release build) with its peak memory, over:
#   1. the sample council (../shared/data/ssda903-sample, with its generated SSD allocations),
#      as of 15 March 2018, a day inside its data;
#   2. a national-scale synthetic population (bench/national_population.cpp: 100,000 children,
#      about 1.2 million reviews), as of 15 March 2020. Target: under 2 s;
#   3. the same population with the prompts to send each review's decisions and record on,
#      beside the ticks of 2 as the baseline.
# Each is ticked: the first tick (every prompt due from go-live on opens; at national scale five
# times, on fresh copies, with their median), the same day again three times (nothing may change;
# three runs because a shared machine's timings vary from run to run), and the next two days
# (only what each day moves). The SQLite files are built fresh in
# a temporary directory and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target runtime iro-bench-national-population >/dev/null
bin="$PWD/build/release/bin"
sample="$(realpath -m "${IRO_SAMPLE_903:-$PWD/../shared/data/ssda903-sample}")"
children="${IRO_BENCH_CHILDREN:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints "seconds peak-MiB" for one tick, and the tick's own summary line.
tick() {
  local data="$1" day="$2"
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin/iro-host" --data-dir "$data" tick --as-of "$day" \
    > "$work/out"
  read -r secs kib < "$work/time"
  printf '  %-34s %6.2f s  %6d MiB   %s\n' "tick --as-of $day" "$secs" $((kib / 1024)) \
    "$(sed -n 2p "$work/out")"
}

echo "== Sample council ($(tail -n +2 "$sample/header.csv" | wc -l) children)"
"$bin/iro-sample-council" --from "$sample" --out "$work/ssd" >/dev/null
"$bin/iro-host" --data-dir "$work/sample" import ssda903 "$sample" >/dev/null
"$bin/iro-host" --data-dir "$work/sample" import ssd "$work/ssd" >/dev/null
# The import's case events are delivered first, as of their own days, so the three ticks below
# measure the tick alone.
"$bin/iro-host" --data-dir "$work/sample" tick --as-of 2018-03-14 >/dev/null
for day in 2018-03-15 2018-03-15 2018-03-15 2018-03-15 2018-03-16 2018-03-17; do
  tick "$work/sample" "$day"
done

echo "== National scale"
mkdir -p "$work/national"
"$bin/iro-bench-national-population" --db "$work/national/iro-oversight.sqlite3" \
  --children "$children" --as-of 2020-03-15
# The first tick five times, each on a fresh copy of the store (a shared machine's timings vary
# from run to run); then the same day again and the next two days on the last copy.
cp "$work/national/iro-oversight.sqlite3" "$work/national.sqlite3"
firsts=()
for run in 1 2 3 4 5; do
  rm -rf "$work/national/"*
  cp "$work/national.sqlite3" "$work/national/iro-oversight.sqlite3"
  # The copy's own writes reach the disk first, or the tick's first fsync waits for them.
  sync
  tick "$work/national" 2020-03-15
  firsts+=("$(cut -d' ' -f1 "$work/time")")
done
printf '  first tick, median of 5: %s s\n' \
  "$(printf '%s\n' "${firsts[@]}" | sort -n | sed -n 3p)"
for day in 2020-03-15 2020-03-15 2020-03-15 2020-03-16 2020-03-17; do
  tick "$work/national" "$day"
done

# Beside it, the same store with the prompts to send each review's decisions and record switched
# on from 1 April 2019 (midpoint-prompts, distribution_prompts_from): the tick then reads each
# reviewed child's distributions too. None is recorded in the synthetic population, so every
# review held since is owed both: the most this setting can cost.
echo "== National scale, prompts to send the decisions and record from 2019-04-01"
rm -rf "$work/national/"*
cp "$work/national.sqlite3" "$work/national/iro-oversight.sqlite3"
"$bin/iro-host" --data-dir "$work/national" --actor bench modules config midpoint-prompts \
  --set distribution_prompts_from=2019-04-01 >/dev/null
sync
for day in 2020-03-15 2020-03-15 2020-03-16 2020-03-17; do
  tick "$work/national" "$day"
done
