#!/usr/bin/env bash
# npm test: install what is needed, type-check, then run every test (unit, property, kernel oracle).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-packages.sh
if [ "$(id -u)" != 0 ]; then
  echo "podpath: npm test compares the engine with the Linux kernel in network namespaces, which needs root." >&2
  exit 1
fi
echo "podpath: type-checking"
npx tsc -p engine/tsconfig.json --noEmit
npx tsc -p tsconfig.json --noEmit
report=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || true
rm -f "$report"
exit $status
