#!/bin/sh
# Part of `mvn package` (pom.xml, profile "launcher"): unpacks target/nianbao.jar into target/nianbao/ beside the
# launcher script, and makes the launcher's class-data archive from one run of the job on the sample input, so that
# the first run a user starts is as quick as the ones after it.
#   src/launcher/build.sh <project folder> <JDK home>
set -eu
cd "$1"
JAVA_HOME=$2
export JAVA_HOME
rm -rf target/nianbao target/launcher-training
"$JAVA_HOME/bin/java" -Djarmode=tools -jar target/nianbao.jar extract --destination target/nianbao
cp src/launcher/nianbao target/nianbao/nianbao
chmod +x target/nianbao/nianbao
mkdir -p target/launcher-training
# The training run is an ordinary consolidation of the 2020 sample on a database of its own; its outputs are thrown
# away. Its exit status is the job's (0, or 1 is not possible without --fail-on), so anything else is a broken build.
LANG=C.UTF-8 LC_ALL=C.UTF-8 target/nianbao/nianbao consolidate \
  --input sample-input/2020 --out target/launcher-training/out --year 2020 \
  --spring.datasource.url="jdbc:h2:file:$(pwd)/target/launcher-training/db/nianbao" \
  > target/launcher-training/run.log 2>&1 || { tail -20 target/launcher-training/run.log >&2; exit 1; }
test -s target/nianbao/nianbao.jsa || { echo "no class-data archive was written (target/launcher-training/run.log)" >&2; exit 1; }
