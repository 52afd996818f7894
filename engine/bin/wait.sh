#!/usr/bin/env bash
# Waits until the engine's REST API answers. Usage: wait.sh [seconds] (default 240).
set -euo pipefail
source "$(dirname "$0")/env.sh"
limit="${1:-240}"
pidfile="$top_dir/.run/engine.pid"
for ((i = 0; i < limit; i++)); do
  if engine_curl -o /dev/null "$ENGINE_URL/version" 2>/dev/null; then
    exit 0
  fi
  # An engine that start.sh started and that already exited will not answer: say so at once.
  if [[ -f $pidfile ]] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "engine: the engine process exited during start-up" >&2
    exit 1
  fi
  sleep 1
done
echo "engine: no answer from $ENGINE_URL/version after ${limit}s" >&2
exit 1
