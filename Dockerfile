# ai-editor container image: one image for every role (serve --role web|worker|scheduler|all, or run).
#
#   docker build -t ai-editor .
#   docker run --rm -p 8080:8080 -e TRIGGER_SECRET=... ai-editor                # serve (all roles in one process)
#   docker run --rm ai-editor serve --role worker                                 # one role
#
# Build stage: the Maven wrapper on an official Maven + Temurin 17 image. The wrapper and pom.xml come first and
# dependencies are fetched in their own layer, so a source-only change rebuilds from the `COPY src` line on.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline
COPY src/ src/
# pom.xml packs the top-level application.properties into the jar as its built-in default.
COPY application.properties ./
RUN ./mvnw -B -q package -DskipTests && cp target/ai-editor.jar /build/ai-editor.jar

# Run stage: the Temurin 17 JRE only (no Maven, no JDK, no sources).
FROM eclipse-temurin:17-jre

# curl: for the HEALTHCHECK below. The JRE image does not promise curl or wget, and a probe written in Java would
# start a second JVM inside a 512 MB container every 30 s; curl is a few hundred KB and checks the HTTP status.
# fontconfig + fonts-dejavu-core: the images step draws story cards with Java2D text (Font.SANS_SERIF), which
# needs at least one font on the system.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

# A fixed non-root user, so volume ownership is predictable (uid/gid 10001).
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app
# Everything the app reads at run time from its working directory: routes load from routes/*.camel.yaml on
# disk, application.properties in the working directory wins over the jar's copy, samples/ is the default source
# set. data/ (database of the embedded default, images, outbox) is the only place it writes.
COPY --from=build /build/ai-editor.jar ./ai-editor.jar
COPY routes/ ./routes/
COPY samples/ ./samples/
COPY application.properties ./
# Executable in git (mode 755); a plain COPY keeps the mode and works without BuildKit too.
COPY ops/docker/ai-editor /app/bin/ai-editor
RUN mkdir -p /app/data && chown -R app:app /app/data

# An AppCDS archive of the classes a whole run loads (a training run on the embedded default, at the jar path the
# container uses): start to ready ~2.5 s instead of ~3.2 s (bench/README.md, footprint).
RUN java -XX:ArchiveClassesAtExit=/app/ai-editor.jsa -Djava.awt.headless=true -Daieditor.data-dir=/tmp/train \
      -jar /app/ai-editor.jar run \
 && rm -rf /tmp/train

# Sized for a 512 MB container (bench/README.md, footprint): a 128 MB heap (25 %) held every benchmark, peak RSS
# ~225 MB; C1 only and serial GC, since start-up and bookkeeping dominate and 2 cores leave no room for C2 and
# concurrent GC threads; exit on OutOfMemoryError so the platform restarts the container instead of leaving a
# broken JVM.
ENV JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=25 \
-XX:SharedArchiveFile=/app/ai-editor.jsa -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true" \
    PORT=8080

USER app
EXPOSE 8080

# Readiness (context, routes, database, queues, scheduler) on the one HTTP port every role opens. The start
# period covers JVM start, Flyway migrations and Camel start-up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/observe/health/ready" || exit 1

ENTRYPOINT ["/app/bin/ai-editor"]
CMD ["serve"]
