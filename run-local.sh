#!/usr/bin/env bash
# Builds the platform and starts it on this machine without Docker: embedded MongoDB-wire server, a real Kafka
# broker, the five apps and demo data (see local-runtime/). Options: --help. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests package
exec java -Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar local-runtime/target/local-runtime.jar "$@"
