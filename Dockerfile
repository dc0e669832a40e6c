# Verity as a container image: docker build -t verity:latest .   (docs/deployment.md)
#
# Stage 1 builds the jar with the Maven wrapper; stage 2 runs it on a JRE with Tesseract OCR.
# Ubuntu-based Temurin images (glibc): ONNX Runtime and the tokenizer ship glibc native libraries.

FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /build
# The wrapper and the pom first: Maven and every dependency are downloaded into a layer of their own,
# built again only when one of these changes, not on every source change.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
# What the jar is made of (pom.xml ships db/migration, ingest-config and prompts inside it).
COPY src src
COPY db db
COPY ingest-config ingest-config
COPY prompts prompts
# Formatting is checked by scripts/test.sh (and CI); the context has no .git, which Spotless may look
# for, so the image build leaves that check out and only compiles and packages.
RUN ./mvnw -B -ntp -DskipTests -Dspotless.check.skip=true package \
 && cp target/verity-*.jar /build/verity.jar

FROM eclipse-temurin:17-jre-noble
# tesseract-ocr (with English) and the German, French and Spanish data: what scripts/ensure-tesseract.sh
# installs, for verity.ingestion.ocr.languages (eng+deu+fra+spa); Tika runs the tesseract command from
# PATH. curl for the health check: the JRE image is not promised to carry it, and a JVM started every
# 10 s to ask would cost more than the service's own work. tini as process 1: it forwards SIGTERM to
# the JVM (graceful shutdown) and reaps what parser processes leave behind when they are killed with
# their Tesseract children; a JVM as process 1 would keep those as zombies.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa curl tini \
 && rm -rf /var/lib/apt/lists/*
# A fixed uid/gid, so volumes and file permissions can be granted to it on any host. Its home takes the
# tokenizer's native library cache (~/.djl.ai).
RUN groupadd --gid 10001 verity \
 && useradd --uid 10001 --gid 10001 --create-home --home-dir /home/verity --shell /usr/sbin/nologin verity
# File names from folder sources are read as UTF-8 (Java 17 takes the locale's encoding).
ENV LANG=C.UTF-8

# The working directory is where Verity looks for ./ingest-config/ingest.yaml (chunking, folder sources),
# ./prompts (verity.assistant.prompts-dir) and ./config/application.yaml. The jar holds the same
# ingest-config and prompts; these copies are there to be seen and mounted over.
WORKDIR /app
COPY --from=build /build/verity.jar /app/verity.jar
COPY ingest-config /app/ingest-config
COPY prompts /app/prompts
USER 10001:10001

EXPOSE 8080
# Ready once the schema is migrated and the service accepts work; Ollama being away does not make it
# unready (answers fall back to passages). 127.0.0.1 is an allowed host by default
# (verity.security.allowed-hosts): keep it in the list when you change it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1

# Half the container's memory for the heap, not the usual 75%: each parser process is a JVM of its own
# beside it (verity.ingestion.parser.processes 2, heap 512MB each), with ONNX Runtime's native memory.
# -Xmx in JAVA_TOOL_OPTIONS overrides the percentage (the parser processes keep their own -Xmx). An
# out-of-memory error ends the process, so the restart policy brings back a clean one; leases hand
# its work to the others. Arguments after the image go to Verity: --verity.ingestion.workers=4, or a
# command such as reindex --collection hr-policies.
ENTRYPOINT ["/usr/bin/tini", "--", "java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", "-jar", "/app/verity.jar"]
