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
  # Two files at a time (the machine has 2 cores): each makes its own database on the machine's
  # PostgreSQL and its own mail stack on free ports, so they never share state. One at a time took
  # 8.5 min of CI's 18.5; two, 6–7 min. A test that fails only beside another is a race to fix.
  concurrency=(--test-concurrency=2)
fi
exec node --import tsx --import ./scripts/register-server-only.mjs --test "${concurrency[@]}" "$@" "${files[@]}"
