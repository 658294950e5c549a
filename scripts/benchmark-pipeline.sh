#!/usr/bin/env bash
# The coordinator's pipeline (simulate, collect, account, check, analyse, page, report) on simulated
# runs of the given sizes, each in its own JVM with the coordinator's production heap settings
# (the Dockerfile's coordinator target: SerialGC, -Xmx128m). Prints each stage's time and peak heap.
#   scripts/benchmark-pipeline.sh 100000 1000000 10000000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100000}")
./mvnw -o -q -pl coordinator -am install -DskipTests >/dev/null
./mvnw -o -q -pl coordinator test-compile >/dev/null
classpath_file=$(mktemp)
./mvnw -q -pl coordinator dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test >/dev/null
classpath="coordinator/target/classes:coordinator/target/test-classes:$(cat "$classpath_file")"
rm -f "$classpath_file"
for size in "${sizes[@]}"; do
  java -XX:+UseSerialGC -Xss256k -Xms8m -Xmx128m -XX:+ExitOnOutOfMemoryError -cp "$classpath" \
    io.clocklab.coordinator.bench.PipelineBenchmark "$size"
done
