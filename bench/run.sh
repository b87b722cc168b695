#!/usr/bin/env bash
# Benchmark of the consolidate job (see bench/README.md).
#   bench/run.sh [N] [--work DIR] [--seed S] [--ref-limit M] [--no-rerun] [--no-refs] [--db-url URL --db-user U --db-password P]
#                [--warm-up W]
# N = number of workbooks (1000, 10000, 100000 or 10k/100k); default 1000.
# JAVA_OPTS adds JVM options (e.g. a JFR recording). The heap is capped at 256 MB, the issue's target;
# BENCH_XMX=2g lifts the cap for diagnosis only (results then say nothing about the 256 MB target).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/nianbao.jar
if [[ ! -f "$JAR" || -n "$(find src pom.xml -newer "$JAR" -type f -print -quit)" ]]; then
  echo "building $JAR …" >&2
  mvn -q -B package -DskipTests
fi
exec java -Xmx${BENCH_XMX:-256m} ${JAVA_OPTS:-} -cp "$JAR" -Dloader.main=cn.nianbao.bench.Benchmark \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
