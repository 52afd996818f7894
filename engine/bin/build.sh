#!/usr/bin/env bash
# Builds engine/target/title-review-engine.jar when it is missing or older than its sources.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/title-review-engine.jar
if [[ -f $jar ]] && [[ -z $(find pom.xml src -newer "$jar" -print -quit) ]]; then
  exit 0
fi
echo "engine: building $jar with Maven (first build downloads from Maven Central)..." >&2
mvn -B -q -DskipTests package
