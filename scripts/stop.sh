#!/usr/bin/env bash
# `make stop`: stops the worker service and the engine that a backgrounded `make start` left.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
pidfile="$top/.run/service.pid"
if [[ -f $pidfile ]]; then
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "service: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
fi
"$top/engine/bin/stop.sh"
