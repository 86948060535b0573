#!/usr/bin/env bash
# npm test: install what is needed, type-check, then run every test: vitest (unit, property, the
# browser parity test, the kernel oracle), then the production build and the Playwright
# end-to-end tests in Chromium. Arguments go to vitest. The last line counts both:
# `N passed, N failed`.
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

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
status=0

npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json" "$@" || status=$?

# The end-to-end tests run against the production build: build it if it is missing or older than its sources.
sources=(app engine game content server public next.config.js tsconfig.json package-lock.json)
for f in postcss.config.*; do [ -e "$f" ] && sources+=("$f"); done
built=1
if [ ! -f .next/BUILD_ID ] || [ -n "$(find "${sources[@]}" -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "podpath: building the app for the end-to-end tests (next build)"
  NODE_ENV=production npx next build || { built=0; status=1; echo "podpath: next build failed; the end-to-end tests did not run" >&2; }
fi
if [ "$built" = 1 ]; then
  echo "podpath: end-to-end tests (Playwright, Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json || status=$?
fi

node -e '
  const fs = require("fs");
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return undefined; } };
  const v = read(process.argv[1]), p = read(process.argv[2]), built = process.argv[3] === "1";
  let passed = 0, failed = 0, skipped = 0;
  if (v) { passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0); }
  else { failed += 1; console.log("vitest: no report (it did not finish)"); }
  if (v) console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed` + (v.numPendingTests ? `, ${v.numPendingTests} skipped` : ""));
  if (p) {
    const s = p.stats, e2eFailed = s.unexpected + s.flaky + (p.errors?.length ?? 0);
    passed += s.expected; failed += e2eFailed; skipped += s.skipped;
    console.log(`playwright: ${s.expected} passed, ${e2eFailed} failed` + (s.skipped ? `, ${s.skipped} skipped` : "") + (p.errors?.length ? ` (${p.errors.length} outside any test)` : ""));
  } else {
    failed += 1;
    console.log(built ? "playwright: no report (it did not run to the end)" : "playwright: not run (the build failed)");
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$reports/vitest.json" "$reports/playwright.json" "$built" || status=1
exit $status
