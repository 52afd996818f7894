#!/usr/bin/env bash
# `make test-cluster`: the product on a homogeneous Operaton cluster. Two engine nodes (ports 8091
# and 8092) share one PostgreSQL database (the local server, or ENGINE_DB_HOST...), with job
# executors on both; the API and the workers get both URLs (ENGINE_URL, ENGINE_URLS) and fail over.
# test/cluster/cluster.ts pushes CLUSTER_APPLICATIONS (50) applications through the whole flow and
# SIGKILLs node 2 part-way; every application must end certified, once, with no incident.
# Prints `cluster: PASS n=… killed=engine-2 …` or FAIL, and exits 0 only on PASS.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
export ENGINE=operaton
source engine/bin/env.sh
engine/bin/build.sh
mkdir -p .run
pg=(-h "${ENGINE_DB_HOST:-127.0.0.1}" -U "${ENGINE_DB_USER:-postgres}")
engine_db=title_review_cluster_engine
registry_db=title_review_cluster_registry
for db in "$engine_db" "$registry_db"; do
  dropdb "${pg[@]}" --if-exists "$db"
  createdb "${pg[@]}" "$db"
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

start_node() { # start_node N PORT
  ENGINE_PORT="$2" ENGINE_DB_NAME="$engine_db" nohup java ${ENGINE_JAVA_OPTS:--Xms256m -Xmx640m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
    -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Shanghai -jar "$engine_jar" --spring.profiles.active=postgres \
    >".run/cluster-engine-$1.log" 2>&1 &
  pids+=($!)
  if ! ENGINE_URL="http://localhost:$2/engine-rest" engine/bin/wait.sh 240; then
    tail -n 40 ".run/cluster-engine-$1.log" >&2
    echo "cluster: FAIL engine-$1 did not start"
    exit 1
  fi
  echo "cluster: engine-$1 up on port $2 (pid ${pids[-1]})"
}
# One after the other: the first creates the schema, the second finds it.
start_node 1 8091
start_node 2 8092

ENGINE_URL=http://localhost:8091/engine-rest \
ENGINE_URLS=http://localhost:8092/engine-rest \
DATABASE_URL="postgres://${ENGINE_DB_USER:-postgres}@${ENGINE_DB_HOST:-127.0.0.1}:${ENGINE_DB_PORT:-5432}/$registry_db" \
REGISTRY_DIR=memory:// \
CLUSTER_KILL_PID="${pids[1]}" \
  node --import tsx test/cluster/cluster.ts
