#!/usr/bin/env bash
# `npm start`: runs the app on a fresh clone with nothing else to do first.
# Installs dependencies and builds the pages when they are missing, then starts the
# one server process (embedded PGlite unless DATABASE_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ]; then
  echo "start: installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi
if [ ! -f .next/BUILD_ID ]; then
  echo "start: building the pages (next build)…"
  node_modules/.bin/next build
fi
# exec, not a child: SIGTERM/SIGINT reach the server directly (graceful shutdown).
exec node --import tsx --import ./scripts/register-server-only.mjs server.ts "$@"
