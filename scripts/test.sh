#!/usr/bin/env bash
# The README's TEST command: runs the whole suite against a real PostgreSQL.
# scripts/db.sh starts (or installs) PostgreSQL and creates the role and databases the tests use;
# then `mvn verify` (unit and @QuarkusTest classes, then *IT classes that run the packaged jar).
# WechatyBridgeIT also runs `npm ci` and `npm test` in bridges/wechaty (the Wechaty bridge against the
# packaged jar), so Node.js 20 and npm are needed besides JDK 17 and Maven. scripts/browser.sh installs
# Debian's chromium and chromium-driver (DashboardBrowserTest drives them headless) if they are missing.
# Environment: TONGXIN_TEST_DB (default tongxin_test); extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "[test.sh] npm not found: WechatyBridgeIT (bridges/wechaty) needs Node.js 20 and npm" >&2
fi

./scripts/browser.sh                                     # chromium + chromedriver for DashboardBrowserTest
./scripts/db.sh "${TONGXIN_TEST_DB:-tongxin_test}"
./scripts/db.sh "${TONGXIN_TEST_DB:-tongxin_test}_it"   # the process-level tests' own database (*IT.java)
exec mvn -B verify "$@"
