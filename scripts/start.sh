#!/usr/bin/env bash
# `make start`: the engine (started here unless one already answers), deployment of bpmn/ and
# forms/, the workers and the HTTP API, in the foreground until Ctrl-C, then a clean shutdown.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
mkdir -p .run
# ENGINE (operaton or camunda7), ENGINE_URL and ENGINE_PORT as the engine scripts read them, and
# the local credentials: var/credentials.env (scripts/credentials.sh), made on the first start and
# reused after; the engine, the service and examples/portal-client.ts read the same file.
source engine/bin/env.sh
load_credentials all
engine_url="$ENGINE_URL"
export API_TOKENS="${API_TOKENS:-$API_TOKEN}"

started_engine=0
if ! running="$(running_engine)"; then
  engine/bin/start.sh
  started_engine=1
elif [[ $running != operaton && $running != camunda7 ]]; then
  echo "the engine at $engine_url refuses the administrator of $CREDENTIALS_FILE; stop it (engine/bin/stop.sh) so that it starts with these credentials" >&2
  exit 1
fi
# Operaton serves its web apps under /operaton, Camunda 7 under /camunda.
web_url="${engine_url%/engine-rest}$(webapp_path || echo /operaton)/app"

export DEPLOY_ON_START="${DEPLOY_ON_START:-true}"
export POLICY_ID="${POLICY_ID:-demo}"
export PROVISION_IDENTITY="${PROVISION_IDENTITY:-demo}"
# An office-scoped token for 长春市人社局 (hr-220100), added to the credentials file once and kept.
credentials="$CREDENTIALS_FILE"
if [[ -z ${OFFICE_TOKENS:-} ]]; then
  if ! grep -q '^OFFICE_TOKEN=' "$credentials"; then
    (umask 077; printf 'OFFICE=hr-220100\nOFFICE_TOKEN=%s\n' "$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))")" >> "$credentials")
  fi
  export OFFICE_TOKENS="$(sed -n 's/^OFFICE=//p' "$credentials"):$(sed -n 's/^OFFICE_TOKEN=//p' "$credentials")"
fi
node dist/workers/main.js &
service=$!
echo "$service" > .run/service.pid

cleanup() {
  trap - INT TERM EXIT
  if kill -0 "$service" 2>/dev/null; then
    kill -TERM "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
  fi
  rm -f .run/service.pid
  if [[ $started_engine == 1 ]]; then engine/bin/stop.sh; fi
}
trap cleanup INT TERM EXIT

for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://localhost:${API_PORT:-3000}/healthz" 2>/dev/null && break
  kill -0 "$service" 2>/dev/null || { echo "the worker service exited during start-up" >&2; exit 1; }
  sleep 1
done
cat <<MSG

  Title review is running.
    Tasklist   $web_url/tasklist/
               $ENGINE_ADMIN_USER (administrator, every task; password ENGINE_ADMIN_PASSWORD in the file below)
               office users, password ${DEMO_USER_PASSWORD:-demo}: unit-hr, lvyuan-hr, changchun-hr, province-hr, engineering-committee
    Cockpit    $web_url/cockpit/   (the engine: $(running_engine || echo "$ENGINE"))
    API        http://localhost:${API_PORT:-3000}/api   (Authorization: Bearer \$API_TOKEN)
    Credentials  $CREDENTIALS_FILE   (engine accounts, API token, payment secret; \`source\` it)
    Offices    http://localhost:${API_PORT:-3000}/api/offices/hr-220100/applications   (token: OFFICE_TOKEN in $credentials)
    Policy     $POLICY_ID$([[ $POLICY_ID == demo ]] && echo " (the 2024 rules with windows opened from today)")
  Press Ctrl-C to stop.

MSG
wait "$service"
