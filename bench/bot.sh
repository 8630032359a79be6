#!/usr/bin/env bash
# Bot latency per script (BENCHMARKS.md, "Bot latency"): from a message to the bot's reply, for each
# shipped script, one message at a time (closed loop: the latency of one conversation turn, not
# throughput), through signed bridge webhooks on loopback.
# 1. packages the service (production build; SKIP_BUILD=1 reuses target/quarkus-app),
# 2. recreates the database tongxin_bench_bot and starts one instance on 127.0.0.1:18184 (the outbox
#    dispatcher off: notices stay in the outbox; the scripts are read from bot-scripts/),
# 3. creates a bridge channel, a workstation, a community, its residents' group and a member serving
#    it (so reports are routed to a member, who then answers by chat),
# 4. runs bench/BotLatency.java: N rounds (default 300, after 20 warm-up rounds) of help, a group
#    report, its status, the member's acknowledgement and task list, a courtesy message, and the
#    guided direct-chat report flow turn by turn; prints p50 / p99 / max per script.
# Results in target/bench/bot.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-300}"
PORT=18184
DB=tongxin_bench_bot
OUT=target/bench/bot.txt
BASE="http://127.0.0.1:$PORT"
mkdir -p target/bench
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -DskipTests
fi
JAR=target/quarkus-app/quarkus-run.jar
runuser -u postgres -- psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null || true
./scripts/db.sh "$DB" >/dev/null
TONGXIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" TONGXIN_ADMIN_TOKEN=bench-admin-token-0123456789abcde \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 TONGXIN_OUTBOX_ENABLED=false \
  TONGXIN_EVENT_REMINDERS_EVERY=off TONGXIN_EVENT_FOLLOW_UP_EVERY=off TONGXIN_WEBHOOK_MAX_CLOCK_SKEW=0 \
  java -Xmx1g -jar "$JAR" > target/bench/bot-service.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do
  curl -sf "$BASE/q/health/ready" >/dev/null && break
  sleep 1
done
H='Authorization: Bearer bench-admin-token-0123456789abcde'
post() { local code; code=$(curl -s -o target/bench/bot-post.txt -w "%{http_code}" -H "$H" -H "Content-Type: application/json" -d "$2" "$BASE$1"); case "$code" in 2*) ;; *) echo "POST $1 -> $code: $(cat target/bench/bot-post.txt)" >&2; exit 1;; esac; }
SECRET=bench-bridge-secret-0001
post /api/channels "{\"key\":\"bench-bot\",\"type\":\"bridge\",\"name\":\"bench\",\"secret\":\"$SECRET\",\"sendUrl\":\"http://127.0.0.1:9/send\",\"dryRun\":true}"
post /api/sectors '{"code":"b-sector","name":"经济界别"}'
post /api/workstations '{"code":"b-ws","name":"临夏路街道政协委员工作站"}'
post /api/communities '{"code":"b-com","name":"静安门社区","councilName":"静安门社区协商议事会","workstationCode":"b-ws"}'
post /api/groups '{"code":"b-grp","channelKey":"bench-bot","chatId":"room-bench@chatroom","name":"静安门居民群","communityCode":"b-com"}'
post /api/members '{"code":"b-mem","name":"王建国","level":"county","sectorCode":"b-sector","communityCodes":["b-com"],"capacity":1000,"identities":[{"channelKey":"bench-bot","userId":"wxid_bench_member"}]}'
{
  echo "# $(date -u +%FT%TZ) $(nproc) cpus, load at start $(cut -d' ' -f1-3 /proc/loadavg); one instance, closed loop, N=$N rounds after 20 warm-up rounds"
  java bench/BotLatency.java "$BASE" bench-bot "$SECRET" "$N" wxid_bench_member room-bench@chatroom
} | tee "$OUT"
