#!/usr/bin/env bash
# The README's RUN command: builds Tongxin in its embedded mode (file H2 database under ./data, demo
# seeds imported at start-up, the log sender instead of real platforms) and starts it on port 8080
# (QUARKUS_HTTP_PORT to change). Stop it with Ctrl-C; data stays in ./data (delete it to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests -Dquarkus.profile=embedded package
exec java -jar target/quarkus-app/quarkus-run.jar "$@"
