#!/usr/bin/env bash
# Stops the engine that start.sh started (by its pid file) and waits for it to exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"
pidfile="$top_dir/.run/engine.pid"
[[ -f $pidfile ]] || { echo "engine: not started by start.sh"; exit 0; }
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  echo "engine: stopped (pid $pid)"
fi
rm -f "$pidfile"
