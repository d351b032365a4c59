#!/usr/bin/env bash
# The HTTP service under load (release build), side by side with nginx in the same run:
#   1. GET /panel/children/566910 (a social worker's panel, signed in with a session cookie),
#   2. GET /api/v1/children/566910/prompts (the same social worker's API token),
# each with wrk, 64 connections, for IRO_BENCH_SECONDS (default 30) seconds, then nginx serving a
# static file of exactly the same size as each response, on the same machine, with the same wrk
# settings. The store is the sample council (../shared/data/ssda903-sample and its generated SSD
# allocations) ticked as of 15 March 2018, built fresh in a temporary directory.
#
# Every request to iro-host is a real one: the token or session is checked against the store, the
# child's allocations are read to decide access, and an audit entry is appended to the hash chain
# (one SQLite write per request). nginx only sends a file from the page cache.
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
cmake --build --preset release --target runtime >/dev/null
bin="$PWD/build/release/bin"
sample="$(realpath -m "${IRO_SAMPLE_903:-$PWD/../shared/data/ssda903-sample}")"
seconds="${IRO_BENCH_SECONDS:-30}"
connections=64
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

echo "== Loading the sample council into a fresh store"
data="$work/data"
"$bin/iro-sample-council" --from "$sample" --out "$work/ssd" >/dev/null
"$bin/iro-host" --data-dir "$data" import ssda903 "$sample" >/dev/null
"$bin/iro-host" --data-dir "$data" import ssd "$work/ssd" >/dev/null
"$bin/iro-host" --data-dir "$data" tick --as-of 2018-03-15 >/dev/null
"$bin/iro-host" --data-dir "$data" --actor bench users add SW2019 --role social_worker \
  --worker SW2019 >/dev/null
token="$("$bin/iro-host" --data-dir "$data" --actor bench --json tokens create --user SW2019 \
  --days 1 --label bench | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

# iro-host on a free loopback port, logging only warnings (a log line per request would measure
# the terminal).
printf '{"log_level": "warning"}\n' > "$work/host.json"
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
cookie="$(curl -s -o /dev/null -D - --data-urlencode "token=$token" --data "child=$child" \
  "$base/panel/sign-in" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')"
[ -n "$cookie" ] || { echo "bench: the panel sign-in gave no session cookie" >&2; exit 1; }

panel_url="$base/panel/children/$child"
prompts_url="$base/api/v1/children/$child/prompts"
curl -sf -H "Cookie: $cookie" "$panel_url" -o "$work/panel.html"
curl -sf -H "Authorization: Bearer $token" "$prompts_url" -o "$work/prompts.json"

# nginx on another free loopback port, serving the same bytes as static files. Its workers run
# as nobody, so the files are in a directory of their own that others may read (the store's
# directory stays private).
www="$(mktemp -d)"
chmod 755 "$www"
mkdir -p "$work/nginx"
install -m 644 "$work/panel.html" "$www/panel.html"
install -m 644 "$work/prompts.json" "$www/prompts.json"
nginx_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types { text/html html; application/json json; }
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
EOF
/usr/sbin/nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2> "$work/nginx/stderr" &
nginx_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$nginx_port/panel.html" -o /dev/null && break
  sleep 0.1  # polling for start-up; the measurement itself is wrk's
done
cmp -s <(curl -sf "http://127.0.0.1:$nginx_port/panel.html") "$work/panel.html"
cmp -s <(curl -sf "http://127.0.0.1:$nginx_port/prompts.json") "$work/prompts.json"

# One wrk run: prints "req/s p50 p99 requests errors".
load() {
  local url="$1"
  shift
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" > "$work/wrk.out"
  python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
errors = 0
for m in re.finditer(r"Non-2xx or 3xx responses: (\d+)", text):
    errors += int(m.group(1))
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m:
    errors += sum(int(g) for g in m.groups())
print(f"{rps:10.0f} {ms('50'):9.2f} {ms('99'):9.2f} {total:10d} {errors:7d}")
PY
}

echo "== wrk -t2 -c$connections -d${seconds}s, $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-44s %10s %9s %9s %10s %7s\n' "target (response bytes)" "req/s" "p50 ms" "p99 ms" \
  "requests" "errors"
row() {
  printf '%-44s %s\n' "$1" "$(shift; load "$@")"
}
panel_bytes=$(stat -c %s "$work/panel.html")
prompts_bytes=$(stat -c %s "$work/prompts.json")
row "iro-host GET /panel/children/$child ($panel_bytes)" "$panel_url" -H "Cookie: $cookie"
row "nginx static file ($panel_bytes)" "http://127.0.0.1:$nginx_port/panel.html"
row "iro-host GET /api/v1/.../prompts ($prompts_bytes)" "$prompts_url" \
  -H "Authorization: Bearer $token"
row "nginx static file ($prompts_bytes)" "http://127.0.0.1:$nginx_port/prompts.json"
audited="$("$bin/iro-host" --data-dir "$data" --json audit search --actor SW2019 --limit 100000000 |
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')"
echo "audit entries appended for SW2019 during the run: $audited"
"$bin/iro-host" --data-dir "$data" audit verify | head -1
