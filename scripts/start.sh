#!/usr/bin/env bash
# `npm start`: runs the app on a fresh clone with nothing else to do first.
# Installs dependencies when they are missing (from the npm registry: the first start needs it),
# builds the pages when they are missing or stale, bundles the server, then
# starts the one server process (embedded PGlite unless DATABASE_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ]; then
  echo "start: installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi
# Rebuilt when missing or when the sources of the pages changed since (after a `git pull`):
# scripts/needs-build.mjs keeps a hash of those sources beside the build.
if ! reason=$(node scripts/needs-build.mjs --check); then
  echo "start: building the pages (next build, about half a minute): ${reason}…"
  node_modules/.bin/next build
  node scripts/needs-build.mjs --record
fi
# The server runs as plain JavaScript (no TypeScript loader: less memory, faster start); the
# bundle takes ≈ 0.3 s, so it is made from the current sources on every start and never stale.
node scripts/bundle-server.mjs
# exec, not a child: SIGTERM/SIGINT reach the server directly (graceful shutdown).
# With the flags in scripts/server-node-flags (why: see there).
exec node $(grep -v '^#' scripts/server-node-flags) dist/server.mjs "$@"
