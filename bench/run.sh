#!/usr/bin/env bash
# Runs the webhook benchmarks on this machine, loopback only, each run bounded (<= 60 s).
# 1. packages the service and the bench tool, 2. starts the service (prod profile, PostgreSQL database
# tongxin_bench, /bench/insert enabled) on 127.0.0.1:18080, 3. runs the open-loop load generator
# against the webhook and the bare insert endpoint at each rate in RATES, 4. runs the JMH benchmark,
# 5. stops the service it started.
# The report intake is off by default (TONGXIN_INTAKE_ENABLED=true to include filing an opinion per
# message in the measured path): the figures are for ingest (verify, decrypt, store, ack, process).
# Environment: RATES (default "500 1000 1500 2000 3000"), SECONDS (default 20), SKIP_BUILD=1, JMH=0.
set -euo pipefail
cd "$(dirname "$0")/.."
RATES="${RATES:-500 1000 1500 2000 3000}"
SECONDS_PER_RUN="${SECONDS:-20}"
PORT=18080
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -DskipTests
  mvn -B -q -f bench/pom.xml package
fi
runuser -u postgres -- psql -X -q -d postgres -c "DROP DATABASE IF EXISTS tongxin_bench" 2>/dev/null || true
runuser -u postgres -- psql -X -q -d postgres -c "CREATE DATABASE tongxin_bench OWNER tongxin"
TONGXIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/tongxin_bench TONGXIN_ADMIN_TOKEN=bench-admin-token \
  TONGXIN_BENCH_ENABLED=true TONGXIN_INTAKE_ENABLED=${TONGXIN_INTAKE_ENABLED:-false} QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar > target/bench-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  sleep 1
done
LOAD="java -cp bench/target/tongxin-bench.jar io.tongxin.loadbench.LoadGenerator --base http://127.0.0.1:$PORT"
for rate in $RATES; do
  echo "== rate $rate/s"
  $LOAD --target webhook --rate "$rate" --seconds "$SECONDS_PER_RUN" --warmup 5
  $LOAD --target insert --rate "$rate" --seconds "$SECONDS_PER_RUN" --warmup 5
done
if [ "${JMH:-1}" = 1 ]; then
  echo "== JMH: per-message CPU cost"
  java -jar bench/target/tongxin-bench.jar CallbackCpuBenchmark
fi
