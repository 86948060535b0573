#!/usr/bin/env bash
# npm start: install on first run, then run the engine on a demo cluster and show a packet's path.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
demo=tests/oracle/l3-hostgw-missing-return.yaml
echo "== podpath scenario run $demo"
node bin/podpath.mjs scenario run "$demo"
echo
echo "== podpath scenario trace $demo a-to-b"
node bin/podpath.mjs scenario trace "$demo" a-to-b
