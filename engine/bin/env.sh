# Sourced by the engine scripts: which engine, its jar, its URL and port, its data folder.
#   ENGINE        operaton (default) or camunda7 (Camunda 7.24 CE)
#   ENGINE_URL    REST API base; ENGINE_PORT follows its port unless set
#   ENGINE_PORT   HTTP port of the engine; ENGINE_URL follows it unless set (default 8080)
#   ENGINE_DATA_DIR  folder of the H2 database (default engine/data/<engine>)
engine_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
top_dir="$(cd "$engine_dir/.." && pwd)"
ENGINE="${ENGINE:-operaton}"
case $ENGINE in
  operaton | camunda7) ;;
  *) echo "engine: ENGINE must be operaton or camunda7, not '$ENGINE'" >&2; exit 2 ;;
esac
if [[ -z ${ENGINE_URL:-} ]]; then
  ENGINE_URL="http://localhost:${ENGINE_PORT:-8080}/engine-rest"
elif [[ -z ${ENGINE_PORT:-} ]]; then
  ENGINE_PORT="$(sed -nE 's#^https?://[^/:]+:([0-9]+).*#\1#p' <<<"$ENGINE_URL")"
  [[ -n $ENGINE_PORT ]] || { [[ $ENGINE_URL == https:* ]] && ENGINE_PORT=443 || ENGINE_PORT=80; }
fi
ENGINE_PORT="${ENGINE_PORT:-8080}"
ENGINE_DATA_DIR="${ENGINE_DATA_DIR:-$engine_dir/data/$ENGINE}"
engine_jar="$engine_dir/target/$ENGINE/title-review-engine-$ENGINE.jar"
export ENGINE ENGINE_URL ENGINE_PORT ENGINE_DATA_DIR

# curl on the engine's REST API as its administrator (the REST API requires authentication).
engine_curl() {
  curl -fsS ${ENGINE_ADMIN_USER:+-u "$ENGINE_ADMIN_USER:${ENGINE_ADMIN_PASSWORD:-}"} "$@"
}

# Whether anything answers HTTP at ENGINE_URL (with or without our credentials).
engine_answers() {
  [[ $(curl -sS -o /dev/null -w '%{http_code}' "$ENGINE_URL/version" 2>/dev/null) != 000 ]]
}

# The engine that answers at ENGINE_URL: operaton or camunda7 (Camunda 7 reports 7.x), or nothing.
# An engine that refuses the credentials of CREDENTIALS_FILE answers "unknown (credentials refused)".
running_engine() {
  local version
  if ! version="$(engine_curl "$ENGINE_URL/version" 2>/dev/null | sed -nE 's/.*"version" *: *"([^"]*)".*/\1/p')"; then
    engine_answers && { echo "unknown (credentials refused)"; return 0; }
    return 1
  fi
  [[ -n $version ]] || return 1
  if [[ $version == 7.* ]]; then echo camunda7; else echo operaton; fi
}

# The web apps' path on the engine's host: ENGINE_WEBAPP_PATH, else the first of /operaton and
# /camunda whose Tasklist answers (the rule of workers/adapters/camunda7/webapps.ts).
webapp_path() {
  if [[ -n ${ENGINE_WEBAPP_PATH:-} ]]; then echo "$ENGINE_WEBAPP_PATH"; return 0; fi
  local origin="${ENGINE_URL%/engine-rest}" p
  for p in /operaton /camunda; do
    if curl -fsS -o /dev/null "$origin$p/app/tasklist/" 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# The local credentials (scripts/credentials.sh creates them on first use): the engine's accounts and
# the key of its review tickets (REVIEW_TICKET_KEY),
# or with `all` every key of the file (make start, for the service). A key already set in the
# environment keeps its value, so an operator's settings win over the file.
load_credentials() {
  local file line key value
  file="$("$top_dir/scripts/credentials.sh")"
  while IFS= read -r line; do
    [[ $line =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}" value="${BASH_REMATCH[2]}"
    case $key in ENGINE_USER | ENGINE_PASSWORD | ENGINE_ADMIN_USER | ENGINE_ADMIN_PASSWORD | ENGINE_DEPLOY_USER | ENGINE_DEPLOY_PASSWORD | REVIEW_TICKET_KEY) ;; *) [[ ${1:-} == all ]] || continue ;; esac
    [[ -n ${!key+x} ]] || export "$key=$value"
  done <"$file"
  CREDENTIALS_FILE="$file"
  export CREDENTIALS_FILE
}
load_credentials
