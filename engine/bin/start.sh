#!/usr/bin/env bash
# Starts the local engine in the background (H2 by default, --postgres for PostgreSQL), unless one
# already answers, and waits until its REST API is up. The pid goes to .run/engine.pid and the
# log to .run/engine.log at the top of the repository.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
top="$(cd "$here/.." && pwd)"
url="${ENGINE_URL:-http://localhost:8080/engine-rest}"
profile=""
if [[ ${1:-} == --postgres ]]; then profile=postgres; fi

if curl -fsS -o /dev/null "$url/version" 2>/dev/null; then
  echo "engine: already running at $url"
  exit 0
fi

"$here/bin/build.sh"
mkdir -p "$top/.run" "$here/data"
if [[ $profile == postgres ]]; then
  db="${ENGINE_DB_NAME:-camunda}"
  psql -h "${ENGINE_DB_HOST:-127.0.0.1}" -U "${ENGINE_DB_USER:-postgres}" -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
    createdb -h "${ENGINE_DB_HOST:-127.0.0.1}" -U "${ENGINE_DB_USER:-postgres}" "$db"
fi
cd "$here"
# Two small cores: a bounded heap and the serial collector keep the engine light.
nohup java ${ENGINE_JAVA_OPTS:--Xms256m -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Shanghai \
  -jar target/title-review-engine.jar ${profile:+--spring.profiles.active=$profile} \
  >"$top/.run/engine.log" 2>&1 &
echo $! >"$top/.run/engine.pid"
echo "engine: starting (pid $(cat "$top/.run/engine.pid"), log .run/engine.log)..."
if ! "$here/bin/wait.sh" "${ENGINE_START_TIMEOUT:-240}"; then
  tail -n 40 "$top/.run/engine.log" >&2
  exit 1
fi
echo "engine: up at $url"
