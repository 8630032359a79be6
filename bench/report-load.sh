#!/usr/bin/env bash
# The report path under load (issue 16; BENCHMARKS.md, "Report path"). Loopback only, bounded (about
# 6 minutes with the defaults). Per SCENARIO and run, on one fresh service:
#   insert     the bare one-row insert endpoint (/bench/insert) at INSERT_RATE (default 1500/s, above
#              what it sustains here): its achieved rate is this run's baseline (rows/s); then the
#              same endpoint at RATE, whose p50/p99 are the latency baseline (RUN and MEDIAN lines end
#              with "baseline at RATE/s: insert-p50 .. ms insert-p99 .. ms");
#   <scenario> ReportLoad at RATE (default 500/s) for DURATION (default 8): signed, open-loop, unique
#              ids (oa-direct: Official Account guided reports, organizer queue; group-report: bridge
#              group reports routed to members with capacity; group-mix: 95% chatter, 5% reports);
#              acknowledgement achieved/s and p50/p99; then the drain timer: from the first request
#              until the channel has no pending/processing/retrying message, polled every 0.2 s;
#              processing throughput = opinions filed / that time (and messages / that time: a guided
#              oa-direct report is 4 messages, a group report 1). While draining, active database
#              sessions are sampled by wait event (Lock = row-lock waits). pg_stat_database deltas
#              give commits and rows written per opinion.
# Each RUN line also gives the CPU time per opinion of the service JVM(s) and of PostgreSQL over the
# whole run (accepting, processing and sending; /proc, user + system), for the scaling estimate; "of jvm:
# jit= gc=" is the part the JIT compiler threads and the GC threads spent (per thread, a lower bound).
# PROFILE=1 also records a JFR profile (jcmd JFR.start/stop) of the first run of PROFILE_SCENARIO
# (default group-report) and prints the top frames (bench/jfr-top.py).
# INSTANCES=2 starts two instances on the one database (ports 18086, 18087) and the generator sends
# every other message to the second one. SPLIT=1 instead starts an accept-only instance
# (TONGXIN_INBOX_PROCESS=false) that gets every webhook and one that processes (its poller every
# SPLIT_POLL, default 200ms) under `nice -n SPLIT_NICE` (default 10): acceptance apart from processing.
# WARMUP_RATE (default 20/s) and WARMUP_SECONDS (default 8): the warm-up reports (of each report kind,
# drained before measuring; cpu16 found the JIT compiling the report path during measured runs after
# the default warm-up: WARMUP_RATE=100 WARMUP_SECONDS=20 compiles it first);
# WARMUP_MIX_RATE (default 200/s): 8 s of group-mix in the warm-up (the chatter's accept path compiled).
# Each RUN line ends with the p99 of the requests due in each second ("p99 ms by second due"): a new
# channel's first second (cold per-channel caches) apart from the steady tail; "p99-after-1s" is the
# p99 of all requests but those due in the first second (the bare insert's baseline is measured after
# two seconds of its own warm-up, so this is the like-for-like figure).
# Environment: SCENARIOS (default "oa-direct group-report group-mix"), RATE, DURATION, REPEAT
# (default 3), INSERT_RATE, SKIP_BUILD=1, JAR (default: the -Pbench build in target/bench-build),
# INSTANCES (1 or 2), BENCH_PORT (18086; a second instance on the next port), BENCH_DB
# (tongxin_bench_reports; dropped and created), SETTLE (11 s, see below), TONGXIN_* settings pass
# through to the service(s). Per opinion the RUN line also gives the table scans (sequential + index
# scans of every table, pg_stat_user_tables: roughly the statements that read) and rows written.
# PG_STATEMENTS=1 (PostgreSQL with shared_preload_libraries = 'pg_stat_statements'): after each run the
# statements of the bench database by execution time, per opinion (calls, ms, rows), from the reset
# just before the run: where PostgreSQL's share of the CPU per opinion goes.
# GEN_JAVA_OPTS: the load generator JVM's options (default -XX:TieredStopAtLevel=1: no C2 compiling
# while it measures; empty = the JVM's defaults). BENCH_JAVA_OPTS: the service JVM's extra options.
# CPU_BY_THREAD=1: bench/cpu-by-thread.py samples the CPU of the service's thread groups, PostgreSQL and
# the generator once a second for the whole bench, into target/bench/cpu-by-thread.txt.
# VACUUM_ANALYZE (default 1): a VACUUM ANALYZE of the bench database before each run, as autovacuum
# would have done (this machine's PostgreSQL runs with autovacuum = off: without it no table ever has
# statistics, dead rows stay, and a prepared statement's generic plan is the one made when its table
# was tiny). VACUUM_ANALYZE=0 measures that state (every figure before session 11 was taken in it).
# PG_NICE=N (PostgreSQL on this machine): the bench database's sessions of the service's main pool
# (processing, outbox, API) are reniced to N every 0.5 s, the webhooks' pool's are not.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIOS="${SCENARIOS:-oa-direct group-report group-mix}"
RATE="${RATE:-500}"
# DURATION, not SECONDS: bash's own $SECONDS (time since the shell started) would shadow it
SECONDS_PER_RUN="${DURATION:-8}"
REPEAT="${REPEAT:-3}"
INSERT_RATE="${INSERT_RATE:-1500}"
INSTANCES="${INSTANCES:-1}"
VACUUM_ANALYZE="${VACUUM_ANALYZE:-1}"
# BENCH_PORT / BENCH_DB: another port and database, so two people can measure at once without colliding
PORT="${BENCH_PORT:-18086}"
DB="${BENCH_DB:-tongxin_bench_reports}"
# PostgreSQL 15 backends report their statistics up to 10 s after going idle: wait this long after the
# drain before reading the counters (the drain timer has stopped by then)
SETTLE="${SETTLE:-11}"
OUT=target/bench/report-load.txt
mkdir -p target/bench
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -Pbench -DskipTests
  mvn -B -q -f bench/pom.xml package
fi
JAR="${JAR:-target/bench-build/quarkus-app/quarkus-run.jar}"
psqlq() { runuser -u postgres -- psql -X -q -At -F ' ' -d "$DB" "$@"; }
runuser -u postgres -- psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null || true
./scripts/db.sh "$DB" >/dev/null

PIDS=()
RENICE_LOOP=""
stop_all() { for l in $RENICE_LOOP ${CPU_SAMPLER:-}; do kill "$l" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap stop_all EXIT
start() { # $1 = port, $2 = name, then NAME=value settings and an optional command prefix (nice)
  local port=$1 name=$2; shift 2
  env TONGXIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" TONGXIN_ADMIN_TOKEN=bench-admin-token-0123456789abcde \
    TONGXIN_BENCH_ENABLED=true QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
    TONGXIN_EVENT_REMINDERS_EVERY=off TONGXIN_EVENT_FOLLOW_UP_EVERY=off \
    "$@" java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "target/bench/report-load-$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do # a loaded shared machine may take minutes to start a JVM
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "the service $name did not start: see target/bench/report-load-$name.log" >&2
  exit 1
}
SPLIT="${SPLIT:-0}"
if [ "$SPLIT" = 1 ]; then
  # accept-only front (every webhook goes to it) + a processing instance at a lower CPU priority
  start $PORT a TONGXIN_INBOX_PROCESS=false
  start $((PORT + 1)) b TONGXIN_INBOX_POLL_INTERVAL="${SPLIT_POLL:-200ms}" nice -n "${SPLIT_NICE:-10}"
else
  start $PORT a
  if [ "$INSTANCES" = 2 ]; then start $((PORT + 1)) b; fi
fi
CPU_SAMPLER=""
if [ "${CPU_BY_THREAD:-0}" = 1 ]; then
  python3 bench/cpu-by-thread.py 7200 > target/bench/cpu-by-thread.txt 2>&1 &
  CPU_SAMPLER=$!
fi
if [ -n "${PG_NICE:-}" ]; then
  # PostgreSQL on the service's machine: its sessions of the main pool (processing, the outbox, the
  # API; application_name "tongxin") at nice PG_NICE too, the webhooks' ("tongxin-accept") not;
  # renewed every 0.5 s for new sessions (a what-if for the acknowledgements' tail, not a product setting)
  ( while :; do
      runuser -u postgres -- psql -X -q -At -d "$DB" -c "select pid from pg_stat_activity where application_name = 'tongxin'" 2>/dev/null \
        | xargs -r renice -n "$PG_NICE" -p >/dev/null 2>&1 || true
      sleep 0.5
    done ) &
  RENICE_LOOP=$!
fi
if [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data warm-up "http://127.0.0.1:$PORT/bench/insert")" != 200 ]; then
  echo "POST /bench/insert is not served: $JAR is not a -Pbench build" >&2
  exit 1
fi
CP=bench/target/tongxin-bench.jar
# the load generator is a fresh JVM per run: C1 only (GEN_JAVA_OPTS), or its C2 compiler threads take
# 0.2-0.7 of a core of the two during the measured seconds (session 10, per-thread /proc sampling)
gen() { java ${GEN_JAVA_OPTS--XX:TieredStopAtLevel=1} -cp $CP "$@"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }
now_ms() { date +%s%3N; }
# CPU time (ms, user + system) of the service JVM(s) and of every PostgreSQL process, from /proc
cpu_ms() { # $@ = pids
  local t=0 p f; for p in "$@"; do f=$(cut -d' ' -f14,15 "/proc/$p/stat" 2>/dev/null) || continue; t=$((t + ${f% *} + ${f#* })); done
  echo $((t * 1000 / $(getconf CLK_TCK)))
}
jvm_cpu() { cpu_ms "${PIDS[@]}"; }
# per-thread CPU ticks ("tid ticks" lines) of the JVM threads whose name matches $1 (a grep -E pattern):
# the JIT compiler threads and the GC threads, so the RUN line can say how much of jvm= is not our code
thread_ticks() { local p t; for p in "${PIDS[@]}"; do for t in /proc/"$p"/task/*; do
  if grep -qE "$1" "$t/comm" 2>/dev/null; then awk -v t="${t##*/}" '{ print t, $14 + $15 }' "$t/stat" 2>/dev/null || true; fi; done; done; }
# ms of CPU between two thread_ticks snapshots ($1 before, $2 after); a thread that exited in between
# (the JVM stops idle compiler threads) is left out, so this is a lower bound
ticks_ms() { awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { a[$1] = $2; next } { d += $2 - ($1 in a ? a[$1] : 0) } END { printf "%d", d * 1000 / hz }' <(echo "$1") <(echo "$2"); }
JIT_THREADS='^C[12] CompilerThre'
GC_THREADS='^(GC Thread|G1 )'
pg_cpu() { cpu_ms $(pgrep -u postgres postgres); }
# group-mix: the acknowledgement p50/p99 of the chatter and of the reports apart
kinds() { sed -n 's/^latency ms (\([a-z]*\), \([0-9]*\)): p50=\([0-9.]*\) p99=\([0-9.]*\).*/ \1(\2) p50 \3 ms p99 \4 ms/p' <<<"$1" | tr -d '\n'; }

{
echo "# $(date -u +%FT%TZ) $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg); JAR=$JAR INSTANCES=$INSTANCES SPLIT=$SPLIT RATE=$RATE DURATION=$SECONDS_PER_RUN REPEAT=$REPEAT INSERT_RATE=$INSERT_RATE SCENARIOS=$SCENARIOS VACUUM_ANALYZE=$VACUUM_ANALYZE (autovacuum $(psqlq -c 'show autovacuum'))"
echo "== warm-up (not recorded)"
gen io.tongxin.loadbench.ReportLoad --base "http://127.0.0.1:$PORT" --target group-report --rate "${WARMUP_RATE:-20}" --seconds "${WARMUP_SECONDS:-8}" >/dev/null
gen io.tongxin.loadbench.ReportLoad --base "http://127.0.0.1:$PORT" --target oa-direct --rate "${WARMUP_RATE:-20}" --seconds "${WARMUP_SECONDS:-8}" >/dev/null
gen io.tongxin.loadbench.LoadGenerator --base "http://127.0.0.1:$PORT" --target insert --rate 300 --seconds 8 --warmup 2 >/dev/null
# the chatter's accept path too (it is in every group-mix run; without this its first run measures the JIT)
gen io.tongxin.loadbench.ReportLoad --base "http://127.0.0.1:$PORT" --target group-mix --rate "${WARMUP_MIX_RATE:-200}" --seconds 8 >/dev/null
# the warm-up's messages are processed before anything is measured
until [ "$(psqlq -c "select count(*) from inbox_message where status in ('pending', 'processing', 'retrying')")" = 0 ]; do sleep 1; done
} | tee "$OUT"

one_run() { # $1 scenario, $2 run number
  local s="$1" i="$2" ins out channel reports start drained ms stats0 stats1 waits profile=""
  ins=$(gen io.tongxin.loadbench.LoadGenerator --base "http://127.0.0.1:$PORT" --target insert \
    --rate "$INSERT_RATE" --seconds "$SECONDS_PER_RUN" --warmup 2)
  local ins_rate; ins_rate=$(field achieved <<<"$ins")
  # the latency baseline: the bare insert at the scenario's offered rate (RATE), for its p50/p99
  local ins_at ins_p50 ins_p99
  ins_at=$(gen io.tongxin.loadbench.LoadGenerator --base "http://127.0.0.1:$PORT" --target insert \
    --rate "$RATE" --seconds "$SECONDS_PER_RUN" --warmup 2)
  ins_p50=$(sed -n 's/^latency ms: p50=\([0-9.]*\).*/\1/p' <<<"$ins_at")
  ins_p99=$(sed -n 's/^latency ms: .* p99=\([0-9.]*\).*/\1/p' <<<"$ins_at")
  # what autovacuum would have done by now (this machine's PostgreSQL may run with it off): dead rows
  # gone, statistics present, so the plans are made as on a database that has seen some traffic
  if [ "$VACUUM_ANALYZE" = 1 ]; then psqlq -c "vacuum analyze" >/dev/null; fi
  sleep 2
  if [ "${PROFILE:-0}" = 1 ] && [ "$s" = "${PROFILE_SCENARIO:-group-report}" ] && [ "$i" = 1 ]; then
    profile=target/bench/report-load-$s.jfr
    jcmd "${PIDS[0]}" JFR.start name=reports settings=profile >/dev/null
  fi
  if [ "${PG_STATEMENTS:-0}" = 1 ]; then psqlq -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null; fi
  local jvm0 pg0 jvm1 pg1 jit0 gc0 jit1 gc1; jvm0=$(jvm_cpu); pg0=$(pg_cpu)
  jit0=$(thread_ticks "$JIT_THREADS"); gc0=$(thread_ticks "$GC_THREADS")
  stats0=$(psqlq -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, (select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) from pg_stat_user_tables) from pg_stat_database where datname = '$DB'")
  local base2=""
  [ "$INSTANCES" = 2 ] && [ "$SPLIT" != 1 ] && base2="--base2 http://127.0.0.1:$((PORT + 1))"
  out=$(gen io.tongxin.loadbench.ReportLoad --base "http://127.0.0.1:$PORT" $base2 --target "$s" --rate "$RATE" --seconds "$SECONDS_PER_RUN")
  channel=$(sed -n 's/^channel=//p' <<<"$out")
  start=$(field start-epoch-ms <<<"$out")
  waits=""
  # one psql per poll, and "exists" (stops at the first unfinished message) rather than a count: the
  # harness's own polling costs the machine little (session 12: two psql and a count, 5-19 ms a call
  # through the dead index entries of a PostgreSQL without autovacuum, took CPU from the drain)
  while :; do
    local poll left; poll=$(psqlq -c "select exists (select 1 from inbox_message where channel_key = '$channel' and status in ('pending', 'processing', 'retrying'))::int, (select coalesce(string_agg(coalesce(wait_event_type, 'CPU'), ' '), '') from pg_stat_activity where datname = '$DB' and state = 'active' and pid <> pg_backend_pid())")
    left=${poll%% *}
    [ "$poll" != "$left" ] && waits+="${poll#* } "
    [ "$left" = 0 ] && break
    sleep 0.2
  done
  drained=$(now_ms)
  jvm1=$(jvm_cpu); pg1=$(pg_cpu)
  jit1=$(thread_ticks "$JIT_THREADS"); gc1=$(thread_ticks "$GC_THREADS")
  if [ -n "$profile" ]; then jcmd "${PIDS[0]}" JFR.stop name=reports filename="$PWD/$profile" >/dev/null; fi
  sleep "$SETTLE"
  stats1=$(psqlq -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, (select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) from pg_stat_user_tables) from pg_stat_database where datname = '$DB'")
  local filed failed retried deferred notices
  read -r filed failed retried deferred notices < <(psqlq -v ch="$channel" <<'SQL'
select (select count(distinct opinion_id) from opinion_source where channel_key = :'ch'),
       (select count(*) from inbox_message where channel_key = :'ch' and status = 'failed'),
       (select count(*) from inbox_message where channel_key = :'ch' and attempts > 1),
       (select count(*) from inbox_message where channel_key = :'ch' and last_error like 'deferred%'),
       (select count(*) from outbox_message o join opinion_source s on o.origin_type = 'opinion' and o.origin_id = s.origin_number where s.channel_key = :'ch');
SQL
)
  ms=$((drained - ${start%.*}))
  local tput; tput=$(awk -v n="$filed" -v ms="$ms" 'BEGIN { printf "%.1f", n * 1000 / ms }')
  local per; per=$(awk -v a="$stats0" -v b="$stats1" -v n="$filed" 'BEGIN { split(a, x, " "); split(b, y, " ");
    if (n == 0) n = 1; printf "commits/opinion=%.1f rollbacks=%d inserted/opinion=%.1f updated/opinion=%.1f scans/opinion=%.1f", (y[1]-x[1])/n, y[2]-x[2], (y[3]-x[3])/n, (y[4]-x[4])/n, (y[6]-x[6])/n }')
  local wsum; wsum=$(tr ' ' '\n' <<<"$waits" | { grep -v '^$' || true; } | sort | uniq -c | awk '{printf "%s=%d ", $2, $1}')
  echo "$out" | grep -v '^start-epoch-ms' >> "$OUT.raw"
  echo "RUN $s $i: insert ${ins_rate}/s | ack achieved $(field achieved <<<"$out")/s p50 $(sed -n 's/^latency ms: p50=\([0-9.]*\).*/\1/p' <<<"$out") ms p99 $(sed -n 's/^latency ms: .* p99=\([0-9.]*\).*/\1/p' <<<"$out") ms p99-after-1s $(sed -n 's/^latency ms after the first second: .* p99=\([0-9.]*\).*/\1/p' <<<"$out") ms failed-acks $(field failed <<<"$out")$(kinds "$out") | drained in ${ms} ms: filed $filed opinions ($(sed -n 's/^reports=\([0-9]*\).*/\1/p' <<<"$out") expected) = ${tput}/s, ratio $(awk -v t="$tput" -v b="$ins_rate" 'BEGIN { printf "%.2f", t / b }'); messages $(sed -n 's/^reports=[0-9]* messages=\([0-9]*\).*/\1/p' <<<"$out") = $(awk -v n="$(sed -n 's/^reports=[0-9]* messages=\([0-9]*\).*/\1/p' <<<"$out")" -v ms="$ms" 'BEGIN { printf "%.1f", n * 1000 / ms }')/s | inbox failed $failed retried $retried deferred $deferred | notices $notices | $per | cpu ms/opinion jvm=$(awk -v a="$jvm0" -v b="$jvm1" -v n="$filed" 'BEGIN { printf "%.1f", (b - a) / (n ? n : 1) }') pg=$(awk -v a="$pg0" -v b="$pg1" -v n="$filed" 'BEGIN { printf "%.1f", (b - a) / (n ? n : 1) }') (of jvm: jit=$(awk -v m="$(ticks_ms "$jit0" "$jit1")" -v n="$filed" 'BEGIN { printf "%.1f", m / (n ? n : 1) }') gc=$(awk -v m="$(ticks_ms "$gc0" "$gc1")" -v n="$filed" 'BEGIN { printf "%.1f", m / (n ? n : 1) }')) | db-waits $wsum| load $(cut -d' ' -f1 /proc/loadavg) | $(grep "^p99 ms by second" <<<"$out" || true) | baseline at ${RATE}/s: insert-p50 ${ins_p50} ms insert-p99 ${ins_p99} ms" | tee -a "$OUT"
  if [ -n "$profile" ]; then python3 bench/jfr-top.py "$profile" | tee -a "$OUT"; fi
  if [ "${PG_STATEMENTS:-0}" = 1 ]; then
    echo "statements of $s run $i per opinion ($filed): exec ms, calls, rows, statement (top ${PG_STATEMENTS_TOP:-30} by time)" | tee -a "$OUT"
    psqlq -v n="$filed" -v top="${PG_STATEMENTS_TOP:-30}" <<'SQL' | tee -a "$OUT"
select 'all ' || count(*) || ' statements: exec ' || to_char(sum(total_exec_time) / greatest(:n, 1), 'FM990.000') || ' ms/opinion, plan ' || to_char(sum(total_plan_time) / greatest(:n, 1), 'FM990.000') || ' ms/opinion, calls ' || to_char(sum(calls) / greatest(:n, 1), 'FM990.0') || '/opinion'
from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database());
select to_char(total_exec_time / greatest(:n, 1), 'FM990.000'), to_char(calls::numeric / greatest(:n, 1), 'FM990.00'),
       to_char(rows::numeric / greatest(:n, 1), 'FM990.00'), left(regexp_replace(query, '\s+', ' ', 'g'), 160)
from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
order by total_exec_time desc limit :top;
SQL
  fi
}

for s in $SCENARIOS; do
  for i in $(seq 1 "$REPEAT"); do
    one_run "$s" "$i"
  done
done
echo "== medians" | tee -a "$OUT"
for s in $SCENARIOS; do
  grep "^RUN $s " "$OUT" | awk -v s="$s" -v rate="$RATE" '
    { for (f = 1; f <= NF; f++) { if ($f == "insert") ins[NR] = $(f+1) + 0; if ($f == "achieved") ack[NR] = $(f+1) + 0;
        if ($f == "p99" && !(NR in p99)) p99[NR] = $(f+1) + 0; if ($f == "p99-after-1s") s99[NR] = $(f+1) + 0;
        if ($f ~ /^others\(/) op99[NR] = $(f+5) + 0; if ($f ~ /^reports\(/) rp99[NR] = $(f+5) + 0; if ($f == "opinions") { } if ($f == "=" && !(NR in tp)) tp[NR] = $(f+1) + 0;
        if ($f == "insert-p50") ip50[NR] = $(f+1) + 0; if ($f == "insert-p99") ip99[NR] = $(f+1) + 0; } }
    function med(a, n,   i, j, t, b) { n = 0; for (i in a) b[++n] = a[i]; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
      return (n % 2) ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2 }
    END { mi = med(ins); ma = med(ack); mp = med(p99); mt = med(tp);
      kinds = ""; if (length(op99) > 0) kinds = sprintf(" (chatter p99 %.1f ms, reports p99 %.1f ms)", med(op99), med(rp99));
      printf "MEDIAN %s: insert %.1f/s | ack %.1f/s (%.2fx insert) p99 %.1f ms (after the first second %.1f ms)%s | processing %.1f opinions/s (%.2fx insert) | baseline at %s/s: insert-p50 %.1f ms insert-p99 %.1f ms\n", s, mi, ma, ma / mi, mp, med(s99), kinds, mt, mt / mi, rate, med(ip50), med(ip99) }' | tee -a "$OUT"
done
