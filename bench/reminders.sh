#!/usr/bin/env bash
# Event reminders benchmark (quality bar: 100,000 reminders due within one minute are all in the
# outbox within 60 s of their due time, none twice, with two instances).
# 1. packages the service (production build, SKIP_BUILD=1 to reuse target/quarkus-app),
# 2. recreates the database tongxin_bench_rem and starts two instances of the jar on 127.0.0.1:18181 and
#    :18182 (reminder claims every EVERY, default 1s; the outbox dispatcher off: the outbox rows are what
#    is measured; quiet hours off),
# 3. writes one published event with SESSIONS sessions tomorrow, REGISTRANTS registrants on a bridge
#    channel and SESSIONS x REGISTRANTS reminder rows (default 100 x 1000 = 100,000) in one commit,
#    their due times spread evenly over SPREAD seconds (default 60) starting LEAD seconds (default 15)
#    from now, as the planner would have left them,
# 4. waits until none is pending (or DEADLINE seconds), then reports from the database: rows sent,
#    outbox rows and distinct idempotency keys, lateness (fired_at - due_at) percentiles and maximum,
#    how many went later than 60 s, and each instance's share; results in target/bench/reminders.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS="${SESSIONS:-100}"
REGISTRANTS="${REGISTRANTS:-1000}"
SPREAD="${SPREAD:-60}"
LEAD="${LEAD:-15}"
EVERY="${EVERY:-1s}"
DEADLINE="${DEADLINE:-300}"
DB=tongxin_bench_rem
OUT=target/bench/reminders.txt
mkdir -p target/bench
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -o package -DskipTests
fi
JAR=target/quarkus-app/quarkus-run.jar
psql_db() { PGPASSWORD=tongxin psql -X -q -At -F ' ' -h 127.0.0.1 -U tongxin -d "$DB" "$@"; }

runuser -u postgres -- psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null || true
./scripts/db.sh "$DB" >/dev/null
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
start() { # name port
  TONGXIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" TONGXIN_ADMIN_TOKEN=bench-admin-token-0123456789abcde \
    QUARKUS_HTTP_PORT="$2" QUARKUS_HTTP_HOST=127.0.0.1 TONGXIN_EVENT_REMINDERS_EVERY="$EVERY" \
    TONGXIN_OUTBOX_ENABLED=false TONGXIN_QUIET_HOURS=none TONGXIN_INBOX_PURGE_EVERY=off \
    TONGXIN_OUTBOX_PURGE_EVERY=off java -Xmx1g -jar "$JAR" > "target/bench/reminders-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$2/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "instance $1 did not start: see target/bench/reminders-$1.log" >&2
  exit 1
}
start a 18181 # migrates the fresh database
start b 18182
CHANNEL="bench-rem-$(date +%s)"
curl -sf -o /dev/null -H 'Authorization: Bearer bench-admin-token-0123456789abcde' -H 'Content-Type: application/json' \
  -d "{\"key\":\"$CHANNEL\",\"type\":\"bridge\",\"name\":\"bench\",\"secret\":\"bench-bridge-secret-0001\",\"sendUrl\":\"http://127.0.0.1:9/send\",\"dryRun\":true}" \
  http://127.0.0.1:18181/api/channels
N=$((SESSIONS * REGISTRANTS))
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
psql_db <<SQL
begin;
insert into event (code, kind, title, venue, status, created_at, updated_at)
  values ('$CHANNEL', 'class', '街舞公益课堂', '山丹县文化馆', 'published', now(), now());
insert into event_session (event_id, number, code, starts_at, ends_at)
  select e.id, n, e.code || '-' || n, now() + interval '1 day' + n * interval '10 minutes',
         now() + interval '1 day' + n * interval '10 minutes' + interval '1 hour'
    from event e cross join generate_series(1, $SESSIONS) n where e.code = '$CHANNEL';
insert into event_registration (event_id, code, participant_name, channel_key, user_id, status, created_at)
  select e.id, 'R' || lpad(n::text, 7, '0'), '小明', '$CHANNEL', 'wx-' || n, 'registered', now()
    from event e cross join generate_series(1, $REGISTRANTS) n where e.code = '$CHANNEL';
insert into event_reminder (event_id, session_id, offset_iso, recipient_kind, recipient_ref, due_at, status)
  select e.id, s.id, 'PT24H', 'registration', g.code,
         now() + interval '$LEAD seconds'
           + ((row_number() over (order by s.id, g.id)) - 1) * (interval '$SPREAD seconds' / $N), 'pending'
    from event e join event_session s on s.event_id = e.id join event_registration g on g.event_id = e.id
   where e.code = '$CHANNEL';
commit;
SQL
echo "wrote $N reminders due from now+${LEAD}s over ${SPREAD}s; waiting"
END=$((SECONDS + LEAD + SPREAD + DEADLINE))
while [ "$(psql_db -c "select count(*) from event_reminder where status = 'pending'")" != 0 ]; do
  [ $SECONDS -lt $END ] || { echo "still pending after the deadline" >&2; break; }
  sleep 1
done
DONE_AFTER_LAST_DUE="$(psql_db -c "select round(extract(epoch from (clock_timestamp() - max(due_at)))::numeric, 1) from event_reminder")"
{
  echo "# $(date -u +%FT%TZ) $(nproc) cpus, load at start $LOAD, at end $(cut -d' ' -f1-3 /proc/loadavg); $N reminders over ${SPREAD}s, 2 instances, EVERY=$EVERY, batch default"
  psql_db <<SQL
select 'reminders ' || count(*) || ', sent ' || count(*) filter (where status = 'sent')
       || ', skipped ' || count(*) filter (where status = 'skipped')
       || ', pending ' || count(*) filter (where status = 'pending') from event_reminder;
select 'outbox rows ' || count(*) || ', distinct keys ' || count(distinct idempotency_key)
       || ', reminders without exactly one message '
       || (select count(*) from event_reminder r
            where (select count(*) from outbox_message m where m.idempotency_key = 'event-reminder:' || r.id) <> 1)
  from outbox_message where origin_type = 'event';
select 'lateness fired-due: p50 ' || round(percentile_cont(0.5) within group (order by l)::numeric, 2)
       || ' s, p95 ' || round(percentile_cont(0.95) within group (order by l)::numeric, 2)
       || ' s, p99 ' || round(percentile_cont(0.99) within group (order by l)::numeric, 2)
       || ' s, max ' || round(max(l)::numeric, 2) || ' s, later than 60 s: ' || count(*) filter (where l > 60)
  from (select extract(epoch from (fired_at - due_at)) l from event_reminder where status = 'sent') x;
SQL
  echo "poller saw none pending ${DONE_AFTER_LAST_DUE} s after the last due time (1 s polling)"
  for i in a b; do
    echo "instance $i handled $(grep -o 'reminders: [0-9]*' "target/bench/reminders-$i.log" | awk '{s+=$2} END {print s+0}') rows"
  done
} | tee "$OUT"
