#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL with pgvector.
#   - a Docker engine answers: Testcontainers starts pgvector/pgvector for the tests.
#   - otherwise: scripts/ensure-postgres.sh installs/starts PostgreSQL and pgvector locally and
#     gives the tests a fresh database "verity_test" (VERITY_TEST_DATABASE_URL points elsewhere).
#   - the browser tests need Chromium: scripts/ensure-chromium.sh installs Debian's package if missing.
#   - the OCR tests need Tesseract: scripts/ensure-tesseract.sh installs it with its language data.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=DocumentLifecycleTest
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1 && [ -z "${VERITY_TEST_DATABASE_URL:-}" ]; then
  VERITY_DB=verity_test scripts/ensure-postgres.sh --fresh
fi

scripts/ensure-chromium.sh
scripts/ensure-tesseract.sh

exec ./mvnw -B verify "$@"
