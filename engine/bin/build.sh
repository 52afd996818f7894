#!/usr/bin/env bash
# Builds the jar of ENGINE (operaton by default, or camunda7) when it is missing or older than its
# sources: engine/target/<engine>/title-review-engine-<engine>.jar.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$engine_dir"
if [[ -f $engine_jar ]] && [[ -z $(find pom.xml src -newer "$engine_jar" -print -quit) ]]; then
  exit 0
fi
echo "engine: building $engine_jar with Maven (first build downloads from Maven Central)..." >&2
mvn -B -q -DskipTests -P"$ENGINE" package
