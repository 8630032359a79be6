#!/usr/bin/env bash
# The two-instance figure of issue 16 with the process-level harness the ITs use (src/test/java/io/
# tongxin/it/Instances.java: the packaged jar as processes on free ports against <TONGXIN_TEST_DB>_it).
# Runs ReportLoadTwoInstancesBench (failsafe, only when named; never part of scripts/test.sh): one
# instance, then two on the same database, each under bench/'s ReportLoad (open loop, signed, the
# second instance receives every other message), drained; prints reports/s one vs two (the ratio, goal
# >= 0.9x) and per report the sampled lock waits (lock, relation, waiting and blocking statement),
# retried / deferred / failed inbox messages, commits and rollbacks (pg_stat_database deltas), CPU.
# Results also in target/bench/two-instances.txt. About 3-4 minutes with the defaults.
# Environment: TONGXIN_TEST_DB (default tongxin_test; the database used is ${TONGXIN_TEST_DB}_it,
# emptied first), SCENARIO (group-report | oa-direct | group-mix), RATE (500), DURATION (8),
# ROUNDS (1: one then two; 2: one, two, one, two), JAR (another service build to measure, e.g. a copy
# of target/quarkus-app from before a change; default the jar `mvn verify` packages), SKIP_BUILD=1 (the generator jar is built already;
# the service jar is always packaged by `mvn verify`), extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${TONGXIN_TEST_DB:-tongxin_test}"
./scripts/db.sh "${DB}_it" >/dev/null
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q "$@" -f bench/pom.xml package
fi
rc=0
mvn -B -q "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ReportLoadTwoInstancesBench -Dbench.scenario="${SCENARIO:-group-report}" \
  -Dbench.rate="${RATE:-500}" -Dbench.seconds="${DURATION:-8}" -Dbench.rounds="${ROUNDS:-1}" ${JAR:+-Dbench.jar="$JAR"} || rc=$?
cat target/bench/two-instances.txt 2>/dev/null || true
exit $rc
