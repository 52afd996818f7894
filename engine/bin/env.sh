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

# The engine that answers at ENGINE_URL: operaton or camunda7 (Camunda 7 reports 7.x), or nothing.
running_engine() {
  local version
  version="$(curl -fsS "$ENGINE_URL/version" 2>/dev/null | sed -nE 's/.*"version" *: *"([^"]*)".*/\1/p')" || return 1
  [[ -n $version ]] || return 1
  if [[ $version == 7.* ]]; then echo camunda7; else echo operaton; fi
}

# The web apps' path on the engine's host: ENGINE_WEBAPP_PATH, else the first of /operaton and
# /camunda whose Tasklist answers (the rule of workers/engine/webapps.ts).
webapp_path() {
  if [[ -n ${ENGINE_WEBAPP_PATH:-} ]]; then echo "$ENGINE_WEBAPP_PATH"; return 0; fi
  local origin="${ENGINE_URL%/engine-rest}" p
  for p in /operaton /camunda; do
    if curl -fsS -o /dev/null "$origin$p/app/tasklist/" 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
