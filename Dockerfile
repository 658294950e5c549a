# clocklab's two images from one file: one build stage, one runtime base, one target per service.
# Build from the repository root:
#   docker build --target vm-service  -t clocklab/vm-service:latest .
#   docker build --target coordinator -t clocklab/coordinator:latest .
# (docker-compose.yml and the container tests build these two targets.) No BuildKit-only syntax,
# so docker-compose 1.29 and Testcontainers (classic builder) build it too.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when a pom changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY clock-core/pom.xml clock-core/
COPY clock-report/pom.xml clock-report/
COPY web-support/pom.xml web-support/
COPY vm-service/pom.xml vm-service/
COPY coordinator/pom.xml coordinator/
COPY integration-tests/pom.xml integration-tests/
COPY benchmarks/pom.xml benchmarks/
RUN sh ./mvnw -B -q -pl vm-service,coordinator -am dependency:go-offline
COPY clock-core/src clock-core/src
COPY clock-report/src clock-report/src
COPY web-support/src web-support/src
COPY vm-service/src vm-service/src
COPY coordinator/src coordinator/src
RUN sh ./mvnw -B -q -pl vm-service,coordinator -am package -DskipTests

# Spring Boot's layers of each service's jar.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /layers
COPY --from=build /src/vm-service/target/vm-service.jar vm-service/app.jar
COPY --from=build /src/coordinator/target/coordinator.jar coordinator/app.jar
RUN for service in vm-service coordinator; do \
      (cd $service && java -Djarmode=tools -jar app.jar extract --layers --destination extracted) || exit 1; \
    done

# What both services' images share: a non-root user, JVM flags for many small containers, the
# health check and the entry point. Each target adds its jar's layers, its heap and its folder.
FROM eclipse-temurin:17-jre AS service
RUN groupadd --system --gid 10001 clocklab \
 && useradd --system --uid 10001 --gid clocklab --home-dir /app --no-create-home clocklab
WORKDIR /app
# Serial GC, C1 only, small stacks and caches, a heap that gives memory back (each target caps it
# in JAVA_OPTS), and two malloc arenas instead of one per thread.
ENV JVM_FLAGS="-Dspring.aot.enabled=true -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xms8m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=8m -XX:+ExitOnOutOfMemoryError -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0" \
    MALLOC_ARENA_MAX=2
# The health check of both targets. No curl in the image: bash talks HTTP over /dev/tcp.
RUN printf '%s\n' '#!/bin/bash' \
      'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"status\":\"UP\"" <&3' \
      > /usr/local/bin/healthy \
 && chmod 755 /usr/local/bin/healthy
# Each check is a process the engine starts in the container (runc, containerd-shim, bash), about
# 0.1 s of CPU on a small host: at one a second, the coordinator's alone took a tenth of a core.
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 CMD ["healthy"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:SharedArchiveFile=app.jsa -jar app.jar \"$@\"", "--"]

# The model VM: its event logs go to /logs (compose mounts ./logs there), its side port is 9000.
FROM service AS vm-service
RUN mkdir -p /logs && chown clocklab:clocklab /logs
# A small young generation (-Xmn4m) and the JVM giving freed native memory back every 2 s: 9 MiB
# less RSS idle, measured (README, "Measured"). The trim option is experimental in 17 and unknown
# to JDKs older than 17.0.9, which then ignore it. C1 compiles a method after ten times the usual
# calls (Tier3*): start-up code that runs a few times stays interpreted, 3 MiB less code cache, and
# a tick's methods are compiled within a second at 10,000 ticks/s all the same.
ENV JAVA_OPTS="$JVM_FLAGS -Xmx32m -Xmn4m -XX:+UnlockExperimentalVMOptions -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=2000 -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000" \
    CLOCKLAB_VM_LOG_DIR=/logs
# Checked every 30 s: at one a second, the checks of 32 VMs took half of a 2-core host, and at 10 s
# still a third of a core. Nothing waits on a VM's health (the coordinator follows the VMs itself);
# it is for `docker ps`.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 CMD ["healthy"]
# Spring Boot's layers, least to most often changed, so a code change rebuilds only the last.
COPY --from=layers /layers/vm-service/extracted/dependencies/ ./
COPY --from=layers /layers/vm-service/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/vm-service/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/vm-service/extracted/application/ ./
# Class Data Sharing: one training start writes the archive that makes every later start faster.
RUN java $JAVA_OPTS -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh \
      -Dclocklab.vm.name=training -Dclocklab.cluster-secret=training -Dclocklab.vm.log-dir=/tmp \
      -jar app.jar > /dev/null
USER clocklab
EXPOSE 8080 9000

# The coordinator: runs, their collected logs and experiments live in /data; compose mounts a
# named volume over it, which takes this folder's owner, so the non-root user can write to it.
FROM service AS coordinator
RUN mkdir /data && chown clocklab:clocklab /data
ENV JAVA_OPTS="$JVM_FLAGS -Xmx128m" \
    CLOCKLAB_COORDINATOR_DATA_DIR=/data
COPY --from=layers /layers/coordinator/extracted/dependencies/ ./
COPY --from=layers /layers/coordinator/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/coordinator/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/coordinator/extracted/application/ ./
RUN java $JAVA_OPTS -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh \
      -Dclocklab.cluster-secret=training \
      -jar app.jar > /dev/null
USER clocklab
EXPOSE 8080
