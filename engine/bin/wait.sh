#!/usr/bin/env bash
# Waits until the engine's REST API answers. Usage: wait.sh [seconds] (default 240).
set -euo pipefail
url="${ENGINE_URL:-http://localhost:8080/engine-rest}"
limit="${1:-240}"
for ((i = 0; i < limit; i++)); do
  if curl -fsS -o /dev/null "$url/version" 2>/dev/null; then
    exit 0
  fi
  sleep 1
done
echo "engine: no answer from $url/version after ${limit}s" >&2
exit 1
