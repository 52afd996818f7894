#!/usr/bin/env bash
# S3Proxy (org.gaul:s3proxy, Apache-2.0): a real S3 API on a local folder, for the tests of the
# S3 material store. The jar comes from Maven Central through Maven (the first fetch takes a
# moment) into .run/s3proxy/ (git-ignored); it needs Java 17.
#
#   scripts/s3proxy.sh fetch          the jar only (nothing happens when it is there)
#   scripts/s3proxy.sh start <dir>    fetches the jar when missing and starts S3Proxy on a free port of
#                                     127.0.0.1 with the filesystem backend in <dir>/data and a
#                                     generated identity and credential; waits until it answers, then
#                                     prints S3PROXY_ENDPOINT=, S3PROXY_ACCESS_KEY_ID=,
#                                     S3PROXY_SECRET_ACCESS_KEY= (also in <dir>/env) and keeps its pid
#                                     in <dir>/pid
#   scripts/s3proxy.sh stop <dir>     stops the S3Proxy of <dir> and removes <dir>
#
#   S3PROXY_LOG      its log (default .run/s3proxy.log)
#   S3PROXY_TIMEOUT  seconds to wait for it to answer (default 60)
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
version=4.1.0
jar_dir="$top/.run/s3proxy"
jar="$jar_dir/s3proxy-$version-jar-with-dependencies.jar"
log="${S3PROXY_LOG:-$top/.run/s3proxy.log}"
timeout="${S3PROXY_TIMEOUT:-60}"

fail() { echo "s3proxy: $*" >&2; exit 1; }

fetch() {
  [[ -s $jar ]] && return 0
  command -v mvn >/dev/null || fail "Maven (mvn) is needed to fetch $jar from Maven Central"
  mkdir -p "$jar_dir"
  # One fetch at a time: test runs started together share the jar.
  exec 9>"$jar_dir/.fetch.lock"
  flock 9
  if [[ ! -s $jar ]]; then
    echo "s3proxy: fetching org.gaul:s3proxy:$version from Maven Central with Maven..." >&2
    local tmp out
    tmp="$(mktemp -d "$jar_dir/.fetch.XXXXXX")"
    # Maven's output only when it fails (quiet, it still prints colour codes).
    if ! out="$(mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" -DoutputDirectory="$tmp" 2>&1)"; then
      printf '%s\n' "$out" >&2
      rm -rf "$tmp"
      fail "Maven could not fetch org.gaul:s3proxy:$version:jar:jar-with-dependencies (is Maven Central reachable?)"
    fi
    mv "$tmp/$(basename "$jar")" "$jar"
    rm -rf "$tmp"
  fi
  flock -u 9
  exec 9>&-
}

# A port of 127.0.0.1 nothing listens on (the kernel's choice).
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

start() {
  local dir="$1"
  command -v java >/dev/null || fail "Java 17 or newer is needed to run S3Proxy"
  fetch
  mkdir -p "$dir/data" "$(dirname "$log")"
  dir="$(cd "$dir" && pwd)"
  : >"$log"
  local identity credential attempt port pid code deadline
  identity="test-$(secret | head -c 12)"
  credential="$(secret)"
  # The port is free when chosen, but another process may take it before S3Proxy binds: then again.
  for attempt in 1 2 3; do
    port="$(free_port)"
    (
      umask 077
      cat >"$dir/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$identity
s3proxy.credential=$credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
jclouds.identity=$identity
jclouds.credential=$credential
EOF
    )
    echo "s3proxy: starting on 127.0.0.1:$port (attempt $attempt), data in $dir/data" >>"$log"
    nohup java -Xmx256m -jar "$jar" --properties "$dir/s3proxy.conf" >>"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$dir/pid"
    deadline=$((SECONDS + timeout))
    while :; do
      if ! kill -0 "$pid" 2>/dev/null; then
        if grep -qiE 'address already in use|BindException' "$log" && ((attempt < 3)); then continue 2; fi
        fail "S3Proxy exited before it answered on 127.0.0.1:$port; see $log"
      fi
      code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null || true)"
      [[ -n $code && $code != 000 ]] && break 2
      if ((SECONDS >= deadline)); then
        kill "$pid" 2>/dev/null || true
        fail "S3Proxy did not answer on 127.0.0.1:$port within $timeout s (S3PROXY_TIMEOUT); see $log"
      fi
      sleep 0.2
    done
  done
  (
    umask 077
    printf 'S3PROXY_ENDPOINT=http://127.0.0.1:%s\nS3PROXY_ACCESS_KEY_ID=%s\nS3PROXY_SECRET_ACCESS_KEY=%s\n' "$port" "$identity" "$credential" >"$dir/env"
  )
  cat "$dir/env"
}

stop() {
  local dir="$1" pid i
  [[ -d $dir ]] || return 0
  if [[ -f $dir/pid ]]; then
    pid="$(cat "$dir/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  fetch) fetch ;;
  start) [[ -n ${2:-} ]] || fail "usage: $0 start <dir>"; start "$2" ;;
  stop) [[ -n ${2:-} ]] || fail "usage: $0 stop <dir>"; stop "$2" ;;
  *) fail "usage: $0 fetch | start <dir> | stop <dir>" ;;
esac
