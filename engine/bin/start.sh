#!/usr/bin/env bash
# Starts the local engine in the background (ENGINE=operaton by default, or camunda7; H2 by
# default, --postgres for PostgreSQL), unless one already answers at ENGINE_URL, and waits until its
# REST API is up. The pid goes to .run/engine.pid and the log to .run/engine.log at the top of the
# repository.
set -euo pipefail
source "$(dirname "$0")/env.sh"
profile=""
if [[ ${1:-} == --postgres ]]; then profile=postgres; fi

if running="$(running_engine)"; then
  if [[ $running != "$ENGINE" ]]; then
    echo "engine: $ENGINE_URL already runs $running, not $ENGINE; stop it first (engine/bin/stop.sh)" >&2
    exit 1
  fi
  echo "engine: $ENGINE already running at $ENGINE_URL"
  exit 0
fi

"$engine_dir/bin/build.sh"
mkdir -p "$top_dir/.run" "$ENGINE_DATA_DIR"
# The engine's database holds applicants' data: readable by the engine's own user only, the files
# it creates (umask) and the folder they are in.
chmod -R go-rwx "$ENGINE_DATA_DIR"
umask 077
if [[ $profile == postgres ]]; then
  db="${ENGINE_DB_NAME:-camunda}"
  psql -h "${ENGINE_DB_HOST:-127.0.0.1}" -U "${ENGINE_DB_USER:-postgres}" -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
    createdb -h "${ENGINE_DB_HOST:-127.0.0.1}" -U "${ENGINE_DB_USER:-postgres}" "$db"
fi
cd "$engine_dir"
# Two small cores: a bounded heap and the serial collector keep the engine light.
nohup java ${ENGINE_JAVA_OPTS:--Xms256m -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Shanghai \
  -jar "$engine_jar" ${profile:+--spring.profiles.active=$profile} \
  >"$top_dir/.run/engine.log" 2>&1 &
echo $! >"$top_dir/.run/engine.pid"
echo "engine: starting $ENGINE on port $ENGINE_PORT (pid $(cat "$top_dir/.run/engine.pid"), log .run/engine.log)..."
if ! "$engine_dir/bin/wait.sh" "${ENGINE_START_TIMEOUT:-240}"; then
  tail -n 40 "$top_dir/.run/engine.log" >&2
  exit 1
fi
echo "engine: $ENGINE up at $ENGINE_URL"
