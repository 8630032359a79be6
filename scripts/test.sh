#!/usr/bin/env bash
# The README's TEST command: runs the whole suite against a real PostgreSQL.
# scripts/db.sh starts (or installs) PostgreSQL and creates the role and database the tests use;
# then `mvn verify`.
# Environment: TONGXIN_TEST_DB (default tongxin_test); extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/db.sh "${TONGXIN_TEST_DB:-tongxin_test}"
exec mvn -B verify "$@"
