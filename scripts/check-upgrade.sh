#!/usr/bin/env bash
# A site's move from Camunda 7.24 to Operaton, on a scratch H2 database: Camunda 7.24 deploys the
# flows, starts a waiting instance with a Json variable and has its admin user; then Operaton
# starts on the same database and must carry all of it on: the instance, the variable, the
# deployments, the external task (fetched and completed), the history, and the administrators
# (members of operaton-admin, so the web apps do not offer their first-run page).
# Usage: scripts/check-upgrade.sh   (.ci/run runs it; no engine may be running at ENGINE_URL)
set -euo pipefail
cd "$(dirname "$0")/.."
source engine/bin/env.sh
export ENGINE_DATA_DIR="$top_dir/.run/upgrade-check"
rm -rf "$ENGINE_DATA_DIR" && mkdir -p "$ENGINE_DATA_DIR"
url="$ENGINE_URL"
trap 'engine/bin/stop.sh >/dev/null' EXIT

fail() { echo "upgrade check: $*" >&2; exit 1; }
json() { engine_curl -H 'content-type: application/json' "$@"; }
field() { sed -nE "s/.*\"$1\" *: *\"([^\"]*)\".*/\1/p" | head -n 1; }

ENGINE=camunda7 engine/bin/start.sh >/dev/null
[[ $(json "$url/version" | field version) == 7.24.* ]] || fail "Camunda 7.24 did not start"
LOG_LEVEL=warn node --import tsx workers/cli/deploy.ts >/dev/null
LOG_LEVEL=warn node --import tsx workers/cli/deploy.ts test/fixtures/bpmn --name title-review-test-fixtures >/dev/null
definitions="$(json "$url/process-definition/count" | sed -nE 's/.*"count":([0-9]+).*/\1/p')"
topic="upgrade-check-$$"
instance="$(json -X POST "$url/process-definition/key/runtime-probe/start" \
  -d "{\"businessKey\":\"$topic\",\"variables\":{\"probeTopic\":{\"value\":\"$topic\",\"type\":\"String\"},\"panel\":{\"type\":\"Json\",\"value\":\"[{\\\"name\\\":\\\"王一\\\"}]\"}}}" | field id)"
[[ -n $instance ]] || fail "no instance started on Camunda 7.24"
ENGINE=camunda7 engine/bin/stop.sh >/dev/null

ENGINE=operaton engine/bin/start.sh >/dev/null
[[ $(json "$url/version" | field version) == 1.* ]] || fail "Operaton did not start on the Camunda 7.24 database"
[[ $(json "$url/process-definition/count" | sed -nE 's/.*"count":([0-9]+).*/\1/p') == "$definitions" ]] || fail "deployments differ"
[[ $(json "$url/process-instance/$instance" | field businessKey) == "$topic" ]] || fail "the running instance is gone"
[[ $(json "$url/process-instance/$instance/variables/panel?deserializeValue=false") == *'\"王一\"'* ]] || fail "the Json variable did not survive"
admin="$ENGINE_ADMIN_USER"
[[ $(json "$url/group?member=$admin") == *'"operaton-admin"'* ]] || fail "$admin is not a member of operaton-admin"
task="$(json -X POST "$url/external-task/fetchAndLock" -d "{\"workerId\":\"upgrade-check\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"$topic\",\"lockDuration\":10000}]}" | field id)"
[[ -n $task ]] || fail "the waiting external task was not fetched"
json -X POST "$url/external-task/$task/complete" -d '{"workerId":"upgrade-check"}' >/dev/null
[[ $(json "$url/history/process-instance/$instance" | field state) == COMPLETED ]] || fail "the instance did not complete"
echo "upgrade check: a Camunda 7.24 database runs on Operaton (instance, Json variable, $definitions definitions, history, administrators)"
