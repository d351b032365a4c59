#!/usr/bin/env bash
# The HTTP service under a council's worst day, side by side with nginx in the same run (release
# build). For IRO_LOAD_SECONDS (default 60) seconds, all at once:
#   - 64 connections of social workers (wrk): 32 on GET /panel/children/566910 with a panel
#     session, 32 on GET /api/v1/children/566910/prompts with an API token;
#   - an IRO manager's QAF report of 1,000,000 responses as XLSX, requested once every second
#     (each on its own connection, whether or not the one before has finished);
#   - an unauthenticated flood: 4 connections sending a token that does not exist, as fast as the
#     service answers (401, then 429 once the address is over its limit);
# while the store's write-ahead log is sampled every 20 ms. Then nginx serves the same bytes as
# static files under the same load. The store is the sample council (../shared/data/
# ssda903-sample and its generated SSD allocations) ticked as of 15 March 2018, with 1,000,000
# generated york-qaf responses added, built fresh in a temporary directory.
#
# Every iro-host request is a real one: the token or session is checked against the store, the
# child's allocations decide access, the answer is read from the store, and each read of the
# child is an audit entry committed to the hash chain before it is answered.
# Needs wrk and nginx (Debian's wrk and nginx-light), installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh >/dev/null
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}"
  # The package's own service is not wanted: this script runs nginx itself, on its own port.
  export DEBIAN_FRONTEND=noninteractive
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi
cmake --preset release >/dev/null
cmake --build --preset release --target runtime iro-bench-qaf >/dev/null
bin="$PWD/build/release/bin"
tools="$PWD/bench/load_tools.py"
sample="$(realpath -m "${IRO_SAMPLE_903:-$PWD/../shared/data/ssda903-sample}")"
seconds="${IRO_LOAD_SECONDS:-60}"
responses="${IRO_LOAD_RESPONSES:-1000000}"
child=566910
work="$(mktemp -d)"
host_pid=""
nginx_pid=""
www=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work" "${www:-}"
}
trap cleanup EXIT

echo "== Loading the sample council and $responses QAF responses into a fresh store"
data="$work/data"
store="$data/iro-oversight.sqlite3"
"$bin/iro-sample-council" --from "$sample" --out "$work/ssd" >/dev/null
"$bin/iro-host" --data-dir "$data" import ssda903 "$sample" >/dev/null
"$bin/iro-host" --data-dir "$data" import ssd "$work/ssd" >/dev/null
"$bin/iro-host" --data-dir "$data" tick --as-of 2018-03-15 >/dev/null
"$bin/iro-bench-qaf" --definition plugins/qaf/york-qaf-1.json --into "$store" \
  --responses "$responses"
token_for() {
  "$bin/iro-host" --data-dir "$data" --actor bench --json tokens create --user "$1" --days 1 \
    --label bench | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
"$bin/iro-host" --data-dir "$data" --actor bench users add SW2019 --role social_worker \
  --worker SW2019 >/dev/null
"$bin/iro-host" --data-dir "$data" --actor bench users add MGR --role iro_manager >/dev/null
token="$(token_for SW2019)"
manager="$(token_for MGR)"

# iro-host on a free loopback port, logging only warnings (a log line per request would measure
# the terminal).
threads="${IRO_LOAD_THREADS:-}"
printf '{"log_level": "warning"%s}\n' "${threads:+, \"http\": {\"threads\": $threads\}}" \
  > "$work/host.json"
"$bin/iro-host" --config "$work/host.json" --data-dir "$data" serve --listen 127.0.0.1:0 \
  > "$work/host.out" 2> "$work/host.err" &
host_pid=$!
for _ in $(seq 1 600); do
  grep -q "Serving." "$work/host.out" 2>/dev/null && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.err" >&2; exit 1; }
  sleep 0.1  # polling for start-up; the measurement itself is wrk's
done
base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/host.out" | head -1)"
[ -n "$base" ] || { echo "bench: iro-host did not say where it listens" >&2; exit 1; }
for _ in $(seq 1 600); do  # the backlog of the import's events, delivered in the background
  curl -sf "$base/readyz" | grep -q '"delivering_backlog":false' && break
  sleep 0.1
done
# Signing in as a browser does: the form (its sign-in cookie and token), then the post.
jar="$work/cookies"
form_token="$(curl -s -c "$jar" "$base/panel/sign-in?child=$child" |
  sed -n 's/.*name="sign_in_token" value="\([0-9a-f]*\)".*/\1/p')"
cookie="$(curl -s -b "$jar" -o /dev/null -D - --data-urlencode "token=$token" \
  --data "child=$child&sign_in_token=$form_token" "$base/panel/sign-in" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(iro_panel=[^;]*\).*/\1/p')"
[ -n "$cookie" ] || { echo "bench: the panel sign-in gave no session cookie" >&2; exit 1; }

panel="/panel/children/$child"
prompts="/api/v1/children/$child/prompts"
report="/api/v1/reports/qaf?year=2015-16&by=quarter&format=xlsx"
bad_token="Authorization: Bearer iro_0000000000000000.not-a-token"
curl -sf -H "Cookie: $cookie" "$base$panel" -o "$work/panel.html"
curl -sf -H "Authorization: Bearer $token" "$base$prompts" -o "$work/prompts.json"
report_time="$(curl -sf -H "Authorization: Bearer $manager" "$base$report" -o "$work/report.xlsx" \
  -w '%{time_total}')"
curl -s -H "$bad_token" "$base$prompts" -o "$work/refused.json"
echo "one QAF XLSX report alone: ${report_time} s, $(stat -c %s "$work/report.xlsx") bytes"

# nginx on another free loopback port, serving the same bytes as static files. Its workers run
# as nobody, so the files are in a directory of their own that others may read (the store's
# directory stays private).
www="$(mktemp -d)"
chmod 755 "$www"
mkdir -p "$work/nginx"
for f in panel.html prompts.json report.xlsx refused.json; do
  install -m 644 "$work/$f" "$www/$f"
done
nginx_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types { text/html html; application/json json; application/octet-stream xlsx; }
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $www;
  }
}
CONF
/usr/sbin/nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2> "$work/nginx/stderr" &
nginx_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$nginx_port/panel.html" -o /dev/null && break
  sleep 0.1  # polling for start-up; the measurement itself is wrk's
done
for f in panel.html prompts.json report.xlsx refused.json; do
  cmp -s <(curl -sf "http://127.0.0.1:$nginx_port/$f") "$work/$f"
done

# One run of the whole mix against one server; the rows go to $work/<name>.row.
mix() {
  local name="$1" panel_url="$2" prompts_url="$3" report_url="$4" flood_url="$5"
  local stop="$work/$name.stop"
  rm -f "$stop"
  if [ "$name" = iro-host ]; then
    python3 "$tools" wal "$store-wal" "$stop" > "$work/wal.peak" &
  fi
  local sampler=$!
  wrk -t1 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "$panel_url" > "$work/panel.wrk" &
  local a=$!
  wrk -t1 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$prompts_url" \
    > "$work/prompts.wrk" &
  local b=$!
  wrk -t1 -c4 -d"${seconds}s" --latency -H "$bad_token" "$flood_url" > "$work/flood.wrk" &
  local c=$!
  python3 "$tools" report "$report_url" "$seconds" "Authorization: Bearer $manager" \
    > "$work/$name.report.row" &
  local d=$!
  wait "$a" "$b" "$c" "$d"
  touch "$stop"
  [ "$name" = iro-host ] && wait "$sampler"
  python3 "$tools" wrk "$work/panel.wrk" > "$work/$name.panel.row"
  python3 "$tools" wrk "$work/prompts.wrk" > "$work/$name.prompts.row"
  python3 "$tools" wrk "$work/flood.wrk" refusals > "$work/$name.flood.row"
}

echo "== ${seconds}s of the mix, $(nproc) cores, $(date -u +%FT%TZ)"
mix iro-host "$base$panel" "$base$prompts" "$base$report" "$base$prompts"
ng="http://127.0.0.1:$nginx_port"
mix nginx "$ng/panel.html" "$ng/prompts.json" "$ng/report.xlsx" "$ng/refused.json"

printf '\n%-52s %10s %9s %9s %10s %7s\n' "target (response bytes)" "req/s" "p50 ms" "p99 ms" \
  "requests" "errors"
row() {
  printf '%-52s %s\n' "$1" "$(cat "$work/$2.row")"
}
size() { stat -c %s "$work/$1"; }
row "iro-host panel, 32 conns ($(size panel.html))" iro-host.panel
row "nginx same bytes, 32 conns" nginx.panel
row "iro-host prompts API, 32 conns ($(size prompts.json))" iro-host.prompts
row "nginx same bytes, 32 conns" nginx.prompts
row "iro-host QAF XLSX, 1/s ($(size report.xlsx))" iro-host.report
row "nginx same bytes, 1/s" nginx.report
row "iro-host unauthenticated flood, 4 conns (401/429)" iro-host.flood
row "nginx same bytes, 4 conns" nginx.flood

wal_limit=$((64 * 1024 * 1024))
peak="$(cat "$work/wal.peak")"
echo
echo "write-ahead log peak during the iro-host run: $((peak / 1024)) KiB (limit $((wal_limit / 1048576)) MiB)"
echo "write-ahead log now: $(stat -c %s "$store-wal" 2>/dev/null || echo 0) bytes"
audited="$("$bin/iro-host" --data-dir "$data" --json audit search --actor SW2019 \
  --limit 100000000 | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')"
echo "audit entries appended for SW2019 during the run: $audited"
"$bin/iro-host" --data-dir "$data" audit verify | head -1
"$bin/iro-host" --data-dir "$data" audit failures --from 2000-01-01 --to 2100-01-01 | head -5
# Warnings and above, shown (the first five) and counted; the audit anchors the service writes to
# its journal whatever the level are not warnings.
awk '!/event=audit_anchor/ && NF { n++; if (n <= 5) print "  " $0 }
     END { print n + 0 " lines the host logged at warning level and above" }' "$work/host.err"
[ "$peak" -le "$wal_limit" ] || { echo "bench: the write-ahead log passed its limit" >&2; exit 1; }
