#!/usr/bin/env bash
# npm start: install packages on a fresh clone, build the app if the build is missing or older
# than its sources, then serve it (Next.js and socket.io on PORT, default 3000) in production mode.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "podpath: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# Everything the Next build reads; server/main.ts and the tests do not need a rebuild, but checking them costs nothing.
sources=(app engine game content server public next.config.js tsconfig.json package-lock.json)
for f in postcss.config.*; do [ -e "$f" ] && sources+=("$f"); done
if [ ! -f .next/BUILD_ID ] || [ -n "$(find "${sources[@]}" -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "podpath: building the app (next build)"
  NODE_ENV=production npx next build
fi

# exec: the server is this process, so a signal to npm start reaches it. Migrations run at its start.
NODE_ENV=production exec node --import tsx server/main.ts
