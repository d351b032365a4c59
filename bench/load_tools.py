#!/usr/bin/env python3
"""Helpers for bench/run-load-test.sh (standard library only).

  report URL SECONDS [HEADER ...]   one GET of URL started every second for SECONDS seconds, each
                                    on its own thread (a slow answer does not delay the next);
                                    prints "req/s p50_ms p99_ms requests errors"
  wal FILE STOPFILE                 samples FILE's size every 20 ms until STOPFILE exists; prints
                                    the peak in bytes
  wrk FILE [refusals]               wrk --latency output to "req/s p50_ms p99_ms requests errors";
                                    with "refusals", answers that are not 2xx are not errors
                                    (the unauthenticated flood is meant to be refused)
"""
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(url, seconds, headers):
    latencies, errors, lock = [], [0], threading.Lock()

    def one():
        request = urllib.request.Request(url)
        for header in headers:
            name, value = header.split(":", 1)
            request.add_header(name.strip(), value.strip())
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                body = answer.read()
                ok = answer.status == 200 and len(body) > 0
        except (urllib.error.URLError, OSError):
            ok = False
        with lock:
            if ok:
                latencies.append((time.monotonic() - start) * 1000)
            else:
                errors[0] += 1

    threads, began = [], time.monotonic()
    for i in range(seconds):
        # Pacing the requests, not waiting for a result: one starts at each whole second.
        time.sleep(max(0.0, began + i - time.monotonic()))
        thread = threading.Thread(target=one)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    elapsed = max(seconds, time.monotonic() - began)
    print(f"{len(latencies) / elapsed:10.2f} {percentile(latencies, 50):9.2f} "
          f"{percentile(latencies, 99):9.2f} {len(latencies):10d} {errors[0]:7d}")


def wal(path, stop):
    peak = 0
    while not os.path.exists(stop):
        try:
            peak = max(peak, os.path.getsize(path))
        except OSError:
            pass
        time.sleep(0.02)  # sampling interval
    print(peak)


def wrk(path, refusals_expected):
    text = open(path).read()

    def ms(label):
        m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    errors = 0 if refusals_expected else sum(
        int(m.group(1)) for m in re.finditer(r"Non-2xx or 3xx responses: (\d+)", text))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(g) for g in m.groups())
    print(f"{rps:10.0f} {ms('50'):9.2f} {ms('99'):9.2f} {total:10d} {errors:7d}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "report":
        report(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    elif command == "wal":
        wal(sys.argv[2], sys.argv[3])
    elif command == "wrk":
        wrk(sys.argv[2], sys.argv[3:] == ["refusals"])
    else:
        sys.exit(f"load_tools.py: unknown command {command}")
