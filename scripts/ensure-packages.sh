#!/usr/bin/env bash
# Make sure npm packages and the Debian packages PodPath's tests need are installed (chromium
# drives the end-to-end tests, the browser parity test and npm run bench:play).
# Installs what is missing when it can (root with apt-get); otherwise fails naming what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "podpath: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# Debian package : a command it provides
needed=("iproute2:ip" "iptables:iptables" "conntrack:conntrack" "iputils-ping:ping" "procps:sysctl" "chromium:chromium")
missing=()
for pair in "${needed[@]}"; do
  pkg=${pair%%:*}; cmd=${pair##*:}
  PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "podpath: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "podpath: missing Debian packages: ${missing[*]} (run as root on Debian to install them, or: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
