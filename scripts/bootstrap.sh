#!/usr/bin/env bash
# Installs the Debian 12 packages IRO Oversight needs to build and test, and only those that are
# missing. Safe to run again: when everything is present it changes nothing and needs no network.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config binutils
  # libraries (see DEVELOPERS.md for the chosen stack)
  libboost-dev libboost-filesystem-dev libboost-regex-dev
  nlohmann-json3-dev libvalijson-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libsqlite3-dev sqlite3
  libcurl4-openssl-dev ca-certificates  # write-back to the CMS over HTTPS
  libssl-dev  # API token hashes, HMAC-signed CMS requests, the audit hash chain
  libxlsxwriter-dev  # the QAF report's XLSX workbook
  libhowardhinnant-date-dev tzdata  # the council's day in its time zone, from the system's zoneinfo
  libcjose-dev libjansson-dev  # single sign-on: ID token signatures (cjose.pc requires jansson)
  # tests
  libgtest-dev libgmock-dev clang-format clang-tidy
  # the asan preset: clang with its sanitizer and libFuzzer runtimes (tests/fuzz)
  clang libclang-rt-14-dev
  # the plugin API's ABI against the last release's (scripts/abi-check.sh)
  abigail-tools
  python3-holidays  # the independent bank-holiday source the calendar is checked against
  chromium nodejs npm  # browser tests: Debian's chromium driven by playwright-core from npm
  # benchmarks
  time  # GNU time: peak memory of a timed CLI run
  # packages: cpack's DEB generator runs dpkg-shlibdeps (dpkg-dev) on what `file` says is ELF;
  # the packaging test installs them here, and their maintainer scripts use adduser and
  # deb-systemd-helper (init-system-helpers)
  dpkg-dev file adduser init-system-helpers
  # a package a Debian maintainer would accept: lintian, the manual page from --help, every
  # binary's hardening flags (hardening-check is in devscripts), the purge question (debconf)
  lintian help2man devscripts debconf
)

# A package another source already provides the command of counts as present: a machine with
# NodeSource's nodejs (which carries its own npm) cannot take Debian's npm package beside it.
declare -A provided_by_command=([nodejs]=node [npm]=npm)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] && continue
  command=${provided_by_command[$pkg]:-}
  if [ -n "$command" ] && command -v "$command" >/dev/null 2>&1; then
    continue
  fi
  missing+=("$pkg")
done

# The npm packages, each set pinned by its package-lock.json: the panel's stylesheet
# (host_adapter/faces/panel/stylesheet: govuk-frontend and sass, run by the build), the browser
# tests (tests/e2e: playwright-core, which downloads no browser, axe-core, oidc-provider) and the
# API checks (tests/api: @redocly/cli, which lints the OpenAPI document). Fetched when one is
# missing or not the pinned version; later runs need no network.
npm_packages() {
  local root dir
  root="$(cd "$(dirname "$0")/.." && pwd)"
  for dir in "$root/host_adapter/faces/panel/stylesheet" "$root/tests/e2e" "$root/tests/api"; do
    if ! node -e '
        const fs = require("fs");
        const dir = process.argv[1];
        const deps = require(dir + "/package.json").dependencies;
        process.exit(Object.entries(deps).every(([name, version]) => {
          const installed = dir + "/node_modules/" + name + "/package.json";
          return fs.existsSync(installed) && require(installed).version === version;
        }) ? 0 : 1);
      ' "$dir"; then
      echo "bootstrap: installing the npm packages of ${dir#"$root"/} (package-lock.json)"
      local flags=()
      # What the build runs gets no install scripts: sass is plain JavaScript, and its optional
      # file watcher (the one package there with a script) is left out.
      [[ $dir == */stylesheet ]] && flags=(--ignore-scripts --omit=optional)
      npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error "${flags[@]}"
    fi
  done
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} build packages are installed"
  npm_packages
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "bootstrap: these packages are missing and this user cannot install them: ${missing[*]}" >&2
    echo "bootstrap: run as root, or ask an administrator to: apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
npm_packages
