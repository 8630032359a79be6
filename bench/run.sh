#!/usr/bin/env bash
# Runs the webhook benchmarks on this machine, loopback only, each run bounded (<= 60 s measured).
# 1. packages the service with the bench profile (-Pbench: the bare POST /bench/insert endpoint and its
# bench_row table from bench/service, never in a production build) and the bench tool (bench/pom.xml),
# 2. starts the service (prod profile, PostgreSQL database tongxin_bench, /bench/insert enabled) on 127.0.0.1:18080, 3. warms both endpoints up, 4. at each
# rate in RATES runs the open-loop load generator REPEAT times against the webhook and the bare
# insert endpoint, interleaved, and prints the medians, 5. optionally bisects the highest rate each
# target sustains (MAX=1), 6. runs the JMH benchmark, 7. stops the service it started.
# The bot is off by default (TONGXIN_BOT_ENABLED=false: no handler wants a message, so it is stored as
# processed by the insert that accepts it): the figures are for ingest (verify, decrypt, store, ack).
# There is no TONGXIN_INTAKE_ENABLED any more (the bot's tongxin.bot.enabled / tongxin.bot.channels
# decide what is processed, docs/intake.md); the service's default is the bot on for every channel.
# TONGXIN_BOT_ENABLED=true runs the bot on every message instead: the "report" target sets up a sector,
# members and dictionary, each Official Account message is a turn of the guided report flow
# (report-direct: a lone message is asked to describe and confirm, so it files no opinion by itself),
# the ack includes the bot's passive reply, and after each run an "E2E" line gives message in -> first
# outbox notice of its opinion where there is one. For reports end to end (flows that file opinions,
# group reports routed to members, the drain timer) use bench/report-load.sh.
# WARMUP_RATE (default 300) for the warm-up.
# Environment: RATES (default "300 500"), DURATION (default 15), REPEAT (default 3), SKIP_BUILD=1,
# JMH=0, MAX=1 (bisect between MAX_LOW and MAX_HIGH, default 300..1500; "sustained" = achieved >= 99 %
# of offered and p99 <= MAX_P99_MS, default 100), LOADGEN_CPUS (e.g. "1": pin the load generator
# with taskset; the service and PostgreSQL then get the other core(s) via SERVICE_CPUS, e.g. "0").
set -euo pipefail
cd "$(dirname "$0")/.."
RATES="${RATES:-300 500}"
# DURATION, not SECONDS: bash's own $SECONDS (time since the shell started) would shadow it
SECONDS_PER_RUN="${DURATION:-15}"
REPEAT="${REPEAT:-3}"
PORT=18080
LOG=target/bench-results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -Pbench -DskipTests
  mvn -B -q -f bench/pom.xml package
fi
# the -Pbench build has its own output folder, so target/classes stays a production build
SERVICE_JAR=target/bench-build/quarkus-app/quarkus-run.jar
pin() { local cpus="$1"; shift; if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi; }

runuser -u postgres -- psql -X -q -d postgres -c "DROP DATABASE IF EXISTS tongxin_bench WITH (FORCE)" 2>/dev/null || true
./scripts/db.sh tongxin_bench
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "something already listens on 127.0.0.1:$PORT (an earlier service?): stop it first" >&2
  exit 1
fi
export TONGXIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/tongxin_bench TONGXIN_ADMIN_TOKEN=bench-admin-token-0123456789abcde \
  TONGXIN_BENCH_ENABLED=true TONGXIN_BOT_ENABLED=${TONGXIN_BOT_ENABLED:-false} QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_HTTP_HOST=127.0.0.1
# started directly (taskset execs java), so $SERVICE is the JVM itself and the trap stops it
if [ -n "${SERVICE_CPUS:-}" ]; then
  taskset -c "$SERVICE_CPUS" java -Xmx1g -jar $SERVICE_JAR > target/bench-service.log 2>&1 &
else
  java -Xmx1g -jar $SERVICE_JAR > target/bench-service.log 2>&1 &
fi
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  kill -0 $SERVICE 2>/dev/null || { echo "the service did not start: see target/bench-service.log" >&2; exit 1; }
  sleep 1
done
if [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data warm-up "http://127.0.0.1:$PORT/bench/insert")" != 200 ]; then
  echo "POST /bench/insert is not served: $SERVICE_JAR is not a -Pbench build (run without SKIP_BUILD=1)" >&2
  exit 1
fi
{ echo "# $(date -u +%FT%TZ) $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), RATES=$RATES DURATION=$SECONDS_PER_RUN REPEAT=$REPEAT LOADGEN_CPUS=${LOADGEN_CPUS:-} SERVICE_CPUS=${SERVICE_CPUS:-}"; } | tee "$LOG"

# one run: prints "achieved p50 p99" (ms) and appends the generator's full output to the log
run() {
  local target="$1" rate="$2" seconds="$3" warmup="$4" out
  out=$(pin "${LOADGEN_CPUS:-}" java -cp bench/target/tongxin-bench.jar io.tongxin.loadbench.LoadGenerator \
    --base "http://127.0.0.1:$PORT" --target "$target" --rate "$rate" --seconds "$seconds" --warmup "$warmup")
  echo "$out" >> "$LOG"
  local achieved p50 p99
  achieved=$(sed -n 's/.*achieved=\([0-9.]*\).*/\1/p' <<<"$out")
  p50=$(sed -n 's/.* p50=\([0-9.]*\).*/\1/p' <<<"$out")
  p99=$(sed -n 's/.* p99=\([0-9.]*\).*/\1/p' <<<"$out")
  if [ "$target" = report ]; then
    sleep 3 # let the last messages' processing finish
    e2e "$(sed -n 's/^channel=//p' <<<"$out")" >> "$LOG"
  fi
  echo "$achieved $p50 $p99"
}

# message in (inbox received_at) -> first outbox notice of its opinion (created_at), for one channel
e2e() {
  runuser -u postgres -- psql -X -q -At -F ' ' -d tongxin_bench -v key="$1" <<'SQL'
with per_message as (
  select i.id, extract(epoch from (min(o.created_at) - i.received_at)) * 1000 as ms
  from inbox_message i
  left join opinion_source s on s.inbox_message_id = i.id
  left join outbox_message o on o.origin_type = 'opinion' and o.origin_id = s.origin_number
  where i.channel_key = :'key'
  group by i.id, i.received_at)
select 'E2E messages=' || count(*) || ' noticed=' || count(ms)
  || ' p50=' || round(percentile_disc(0.50) within group (order by ms)::numeric, 1)
  || ' p95=' || round(percentile_disc(0.95) within group (order by ms)::numeric, 1)
  || ' p99=' || round(percentile_disc(0.99) within group (order by ms)::numeric, 1)
  || ' max=' || round(max(ms)::numeric, 1) || ' (ms, message in -> first notice in the outbox)'
from per_message;
SQL
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# with the bot on, the webhook target also sets up routing and reports the E2E lines (see LoadGenerator)
WEBHOOK=webhook
[ "${TONGXIN_BOT_ENABLED:-false}" = true ] && WEBHOOK=report
echo "== warm-up (JIT, pools, caches): not recorded"
run "$WEBHOOK" "${WARMUP_RATE:-300}" 10 2 >/dev/null
run insert "${WARMUP_RATE:-300}" 10 2 >/dev/null

for rate in $RATES; do
  for target in "$WEBHOOK" insert; do : > "target/bench-$target-$rate.txt"; done
  for i in $(seq 1 "$REPEAT"); do
    for target in "$WEBHOOK" insert; do
      r=$(run "$target" "$rate" "$SECONDS_PER_RUN" 3)
      echo "$r" >> "target/bench-$target-$rate.txt"
      echo "rate $rate/s run $i $target: achieved/s p50 ms p99 ms = $r" | tee -a "$LOG"
    done
  done
  for target in "$WEBHOOK" insert; do
    f="target/bench-$target-$rate.txt"
    echo "MEDIAN rate $rate/s $target: achieved $(cut -d' ' -f1 "$f" | median)/s p50 $(cut -d' ' -f2 "$f" | median) ms p99 $(cut -d' ' -f3 "$f" | median) ms" | tee -a "$LOG"
  done
done

if [ "${MAX:-0}" = 1 ]; then
  limit="${MAX_P99_MS:-100}"
  for target in "$WEBHOOK" insert; do
    lo="${MAX_LOW:-300}" hi="${MAX_HIGH:-1500}"
    while [ $((hi - lo)) -gt 50 ]; do
      mid=$(((lo + hi) / 2))
      read -r achieved _ p99 < <(run "$target" "$mid" 10 3)
      if awk -v a="$achieved" -v r="$mid" -v p="$p99" -v l="$limit" 'BEGIN { exit !(a >= 0.99 * r && p <= l) }'; then
        lo=$mid; verdict=sustained
      else
        hi=$mid; verdict="not sustained"
      fi
      echo "max search $target at $mid/s: achieved $achieved/s p99 $p99 ms: $verdict" | tee -a "$LOG"
    done
    echo "MAX $target: sustains $lo/s (fails at $hi/s; p99 <= $limit ms, achieved >= 99 %)" | tee -a "$LOG"
  done
fi

if [ "${JMH:-1}" = 1 ]; then
  echo "== JMH: per-message CPU cost"
  java -jar bench/target/tongxin-bench.jar CallbackCpuBenchmark | tee -a "$LOG"
fi

