#!/usr/bin/env bash
# Runs node's test runner on one layer: `unit` (*.test.ts) or `service` (*.service.test.ts, needs
# PostgreSQL and the Debian mail packages). Extra arguments (reporters…) go before the file list,
# where node's --test expects options.
set -euo pipefail
cd "$(dirname "$0")/.."
layer=$1
shift
if [ "$layer" = unit ]; then
  mapfile -t files < <(find app lib db graphql e2e scripts bench i18n -name '*.test.ts' -not -name '*.service.test.ts' -not -path '*/node_modules/*' | sort)
  concurrency=()
else
  mapfile -t files < <(find lib db graphql e2e -name '*.service.test.ts' -not -path '*/node_modules/*' | sort)
  # One file at a time: they share the machine's PostgreSQL, and their mail stacks pick free ports
  # by opening and closing them, which two files at once can pick alike (EADDRINUSE seen in CI).
  concurrency=(--test-concurrency=1)
fi
exec node --import tsx --import ./scripts/register-server-only.mjs --test "${concurrency[@]}" "$@" "${files[@]}"
