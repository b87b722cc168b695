#!/usr/bin/env bash
# Benchmark of the consolidate job (see bench/README.md).
#   bench/run.sh [N] [--work DIR] [--seed S] [--ref-limit M] [--no-rerun] [--no-refs] [--db-url URL --db-user U --db-password P]
#                [--in-process [--warm-up W]]
#   bench/run.sh district [--work DIR] [--repeats R]
# N = number of workbooks (1000, 10000, 100000 or 10k/100k); default 1000.
# The job runs as its own cold process through the launcher (target/nianbao/nianbao), as a user starts it, with its
# heap capped at 256 MB, the issue's target; BENCH_XMX=2g lifts the cap for diagnosis only (results then say nothing
# about the 256 MB target). JAVA_OPTS adds JVM options to the job's process (and to the benchmark's own JVM, which
# runs the job with --in-process).
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark is not part of the product jar: it is built with the tests and run on their class path.
CP=target/bench-classpath.txt
if [[ ! -f "$CP" || ! -d target/test-classes || -n "$(find src pom.xml -newer "$CP" -type f -print -quit)" ]]; then
  echo "building the program and the benchmark …" >&2
  mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP"
fi
# the launcher that `mvn package` builds, with its class-data archive, as fresh as the sources
if [[ ! -x target/nianbao/nianbao || -n "$(find src pom.xml -newer target/nianbao/nianbao.jsa -type f -print -quit)" ]]; then
  echo "building the program and its launcher …" >&2
  mvn -q -B package -DskipTests
fi
BENCH_CP="target/test-classes:target/classes:$(cat "$CP")"
if [[ "${1:-}" == district ]]; then
  shift
  work=bench-work/district repeats=5
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --work) work=$2/district; shift 2 ;;
      --repeats) repeats=$2; shift 2 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  exec java -cp "$BENCH_CP" cn.nianbao.bench.DistrictBenchmark "$work" "$repeats"
fi
exec java -Xmx${BENCH_XMX:-256m} ${JAVA_OPTS:-} -cp "$BENCH_CP" cn.nianbao.bench.Benchmark --launcher target/nianbao/nianbao "$@"
