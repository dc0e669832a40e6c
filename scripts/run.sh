#!/usr/bin/env bash
# Runs Verity on http://localhost:8080 with everything it needs set up first.
#   - SPRING_DATASOURCE_URL set: that database is used as it is.
#   - a Docker engine answers: PostgreSQL with pgvector, and Ollama, come from compose.yaml (only
#     those services: compose.yaml's app, the service as a container, is for docs/deployment.md).
#   - otherwise: scripts/ensure-postgres.sh installs/starts PostgreSQL and pgvector locally.
# Either way Verity connects as its own role "verity" (not a superuser; VERITY_DB_USER and
# VERITY_DB_PASSWORD override), never as postgres.
# The first admin: VERITY_SECURITY_ADMIN_USERNAME and VERITY_SECURITY_ADMIN_PASSWORD; without them
# and with no admin yet, "admin" is created and its password logged once.
# Answers need Ollama with the allowed models pulled (ollama pull mistral); without it Verity still
# runs and answers with the relevant passages only (see docs/api.md, "Ask").
# Extra arguments go to the service, e.g. scripts/run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${SPRING_DATASOURCE_URL:-}" ]; then
  echo "run: using the database at $SPRING_DATASOURCE_URL"
elif docker info >/dev/null 2>&1; then
  docker compose up -d --wait postgres ollama
  docker compose up -d ollama-pull   # fetches the default model in the background on first start
  export VERITY_ASSISTANT_OLLAMA_BASE_URL="http://127.0.0.1:${VERITY_OLLAMA_PORT:-11434}"
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:${VERITY_DB_PORT:-5432}/verity"
  export SPRING_DATASOURCE_USERNAME="${VERITY_DB_USER:-verity}"
  export SPRING_DATASOURCE_PASSWORD="${VERITY_DB_PASSWORD:-verity}"
else
  scripts/ensure-postgres.sh
  export SPRING_DATASOURCE_USERNAME="${VERITY_DB_USER:-verity}"
  export SPRING_DATASOURCE_PASSWORD="${VERITY_DB_PASSWORD:-}"
fi

scripts/ensure-tesseract.sh   # OCR for scanned PDFs and images
./mvnw -q -B -DskipTests package
exec java ${JAVA_OPTS:-} -jar target/verity-*.jar "$@"
