#!/usr/bin/env bash
# The README's RUN command: builds Tongxin in its embedded mode (file H2 database under ./data, demo
# seeds imported at start-up, the log sender instead of real platforms) and starts it on port 8080
# (QUARKUS_HTTP_PORT to change). Stop it with Ctrl-C; data stays in ./data (delete it to start over).
# The build prints one line per step; its full output goes to target/run-build.log.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target
if [ -d "${HOME}/.m2/repository/io/quarkus/quarkus-core" ]; then
  echo "[run.sh] building Tongxin (embedded mode): about a minute"
else
  echo "[run.sh] building Tongxin (embedded mode) for the first time: Maven downloads its dependencies"
  echo "[run.sh] first, which takes a few minutes (later builds take about a minute)"
fi
start=$(date +%s)
# one line per plugin step ("compile", "build" ...), so the terminal shows where the build is
if ! mvn -B -ntp -DskipTests -Dquarkus.profile=embedded package 2>&1 \
    | tee target/run-build.log \
    | sed -nu 's/^\[INFO\] --- \([a-z-]*\):[^:]*:\([a-z-]*\).*/[run.sh]   \1 \2/p'; then
  echo "[run.sh] the build failed; its last lines (all of it in target/run-build.log):" >&2
  tail -n 40 target/run-build.log >&2
  exit 1
fi
echo "[run.sh] built in $(($(date +%s) - start)) s; starting on port ${QUARKUS_HTTP_PORT:-8080} (Ctrl-C stops it)"
exec java -jar target/quarkus-app/quarkus-run.jar "$@"
