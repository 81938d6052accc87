#!/usr/bin/env bash
# `npm test`: the whole suite, from a fresh machine.
#   1. prerequisites: installs the Debian packages it needs when run as root, or says exactly what is missing;
#   2. npm ci when node_modules is missing;
#   3. static checks (tsc strict, eslint, prettier, schema freshness);
#   4. one `next build`;
#   5. unit tests, service tests (real PostgreSQL, real Dovecot + SMTP), Playwright journeys (Debian Chromium);
#   6. one closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
RESULTS=.test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

APT_PACKAGES=(dovecot-imapd dovecot-lmtpd chromium openssl)
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

need_packages=()
command -v dovecot >/dev/null 2>&1 || need_packages+=(dovecot-imapd)
[ -x /usr/lib/dovecot/lmtp ] || need_packages+=(dovecot-lmtpd)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_packages+=(chromium)
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${need_packages[*]} (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null || {
      echo "test: apt-get install failed; install them by hand: apt-get install ${APT_PACKAGES[*]}"
      exit 1
    }
  else
    echo "test: missing Debian packages: ${need_packages[*]}"
    echo "      run: sudo apt-get install ${APT_PACKAGES[*]}"
    exit 1
  fi
fi

if [ ! -d node_modules ]; then
  echo "test: installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund || exit 1
fi

if ! node -e "
  const sql = require('postgres')(process.argv[1], { max: 1, connect_timeout: 5, onnotice() {} });
  sql\`select 1\`.then(() => sql.end()).then(() => process.exit(0), () => process.exit(1));
" "$PG_URL" 2>/dev/null; then
  echo "test: PostgreSQL is not reachable at $PG_URL"
  echo "      start it (e.g. pg_ctlcluster 15 main start) or set TEST_POSTGRES_URL to a superuser URL"
  exit 1
fi

failed_steps=()
step() {
  local name=$1
  shift
  echo
  echo "━━ $name ━━"
  if ! "$@"; then failed_steps+=("$name"); fi
}

step "static checks" npm run --silent check
step "next build" node_modules/.bin/next build
step "unit tests" npm run --silent test:unit -- --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$RESULTS/unit.tap"
step "service tests" npm run --silent test:service -- --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$RESULTS/service.tap"
if [[ " ${failed_steps[*]} " != *" next build "* ]]; then
  step "browser journeys" env PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" node_modules/.bin/playwright test --reporter=list,json
else
  failed_steps+=("browser journeys (skipped: no build)")
fi

# Count what ran, from the runners' own machine-readable reports.
read -r passed failed < <(node -e "
  const fs = require('fs');
  let passed = 0, failed = 0;
  for (const f of ['unit.tap', 'service.tap']) {
    const p = '$RESULTS/' + f;
    if (!fs.existsSync(p)) continue;
    const tap = fs.readFileSync(p, 'utf8');
    passed += Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
    failed += Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
  }
  const e2e = '$RESULTS/e2e.json';
  if (fs.existsSync(e2e)) {
    const stats = JSON.parse(fs.readFileSync(e2e, 'utf8')).stats;
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  console.log(passed, failed);
")

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "test: failed steps: ${failed_steps[*]}"
  echo "$passed passed, $((failed > 0 ? failed : 1)) failed"
  exit 1
fi
echo "$passed passed, $failed failed"
