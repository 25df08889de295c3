#!/usr/bin/env bash
# The load harness (issue 10): builds the platform, starts a fresh one on free ports (or uses the one ./run-local.sh
# runs: --attach 8080), puts it under open-loop load and writes target/load-report/report.md with latency charts.
# It talks to this machine's loopback addresses only and stops by itself. Options: --help.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests package
exec java -Xmx512m -XX:+UseSerialGC -jar load-harness/target/load-harness.jar "$@"
