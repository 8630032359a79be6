#!/usr/bin/env bash
# Event publishing benchmark (quality bar: an invitation to 10,000 groups is in the outbox within 2 s).
# 1. packages the service (production build; SKIP_BUILD=1 to reuse target/quarkus-app),
# 2. recreates the database tongxin_bench_pub and starts one instance on 127.0.0.1:18183 (the outbox
#    dispatcher off: the outbox rows are what is measured),
# 3. writes a bridge channel, WORKSTATIONS workstations (default 10) with COMMUNITIES communities each
#    (default 10) and GROUPS_PER groups per community (default 100): 10,000 groups,
# 4. REPEAT times (default 5, plus one warm-up): creates a class whose audience is every community,
#    then times POST /api/events/{code}/publish over HTTP (resolving the audience, one outbox row per
#    group with Outbox.enqueueAll, one delivery row per group, a confirmation row per community and
#    workstation, all in one transaction) and checks the outbox rows; prints each run and the median.
#    Results in target/bench/publish.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKSTATIONS="${WORKSTATIONS:-10}"
COMMUNITIES="${COMMUNITIES:-10}"
GROUPS_PER="${GROUPS_PER:-100}"
REPEAT="${REPEAT:-5}"
PORT=18183
DB=tongxin_bench_pub
OUT=target/bench/publish.txt
BASE="http://127.0.0.1:$PORT"
mkdir -p target/bench
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -o package -DskipTests
fi
JAR=target/quarkus-app/quarkus-run.jar
psql_db() { PGPASSWORD=tongxin psql -X -q -At -h 127.0.0.1 -U tongxin -d "$DB" "$@"; }
runuser -u postgres -- psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null || true
./scripts/db.sh "$DB" >/dev/null
TONGXIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" TONGXIN_ADMIN_TOKEN=bench-admin-token-0123456789abcde \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 TONGXIN_OUTBOX_ENABLED=false \
  TONGXIN_EVENT_REMINDERS_EVERY=off TONGXIN_EVENT_FOLLOW_UP_EVERY=off \
  java -Xmx1g -jar "$JAR" > target/bench/publish-service.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do
  curl -sf "$BASE/q/health/ready" >/dev/null && break
  sleep 1
done
H='Authorization: Bearer bench-admin-token-0123456789abcde'
curl -sf -o /dev/null -H "$H" -H 'Content-Type: application/json' \
  -d '{"key":"bench-pub","type":"bridge","name":"bench","secret":"bench-bridge-secret-0001","sendUrl":"http://127.0.0.1:9/send","dryRun":true}' \
  "$BASE/api/channels"
psql_db <<SQL
begin;
insert into workstation (code, name, created_at, updated_at)
  select 'ws-' || w, '工作站 ' || w, now(), now() from generate_series(1, $WORKSTATIONS) w;
insert into community (code, name, council_name, workstation_code, created_at, updated_at)
  select 'c-' || w || '-' || c, '社区 ' || w || '-' || c, '协商议事会', 'ws-' || w, now(), now()
    from generate_series(1, $WORKSTATIONS) w cross join generate_series(1, $COMMUNITIES) c;
insert into chat_group (code, channel_key, chat_id, name, community_code, created_at, updated_at)
  select 'g-' || w || '-' || c || '-' || g, 'bench-pub', 'room-' || w || '-' || c || '-' || g || '@chatroom',
         '居民群', 'c-' || w || '-' || c, now(), now()
    from generate_series(1, $WORKSTATIONS) w cross join generate_series(1, $COMMUNITIES) c
         cross join generate_series(1, $GROUPS_PER) g;
commit;
SQL
NGROUPS=$((WORKSTATIONS * COMMUNITIES * GROUPS_PER))
COMMUNITY_LIST=$(psql_db -c "select string_agg('\"' || code || '\"', ',') from community")
STARTS=$(date -u -d '+2 days' +%Y-%m-%dT02:00:00Z)
ENDS=$(date -u -d '+2 days' +%Y-%m-%dT03:30:00Z)
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
TIMES=()
{
  echo "# $(date -u +%FT%TZ) $(nproc) cpus, load at start $LOAD; $NGROUPS groups in $((WORKSTATIONS * COMMUNITIES)) communities, one instance, publish over HTTP"
  for run in $(seq 0 "$REPEAT"); do
    CODE="bench-class-$run"
    curl -sf -o /dev/null -H "$H" -H 'Content-Type: application/json' "$BASE/api/events" -d "{
      \"code\": \"$CODE\", \"kind\": \"class\", \"title\": \"少儿街舞公益课堂\", \"venue\": \"毅禾街舞学校\",
      \"sessions\": [{\"startsAt\": \"$STARTS\", \"endsAt\": \"$ENDS\"}], \"capacity\": 0,
      \"audience\": {\"communityCodes\": [$COMMUNITY_LIST]}}"
    T=$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "$H" "$BASE/api/events/$CODE/publish")
    ROWS=$(psql_db -c "select count(*) from outbox_message where origin_type = 'event' and origin_id = '$CODE'")
    if [ "$run" = 0 ]; then
      echo "warm-up: publish ${T} s, outbox rows $ROWS"
    else
      echo "run $run: publish ${T} s, outbox rows $ROWS"
      TIMES+=("$T")
    fi
  done
  MEDIAN=$(printf '%s\n' "${TIMES[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  echo "median publish to $NGROUPS groups: ${MEDIAN} s (runs: ${TIMES[*]}); load at end $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
