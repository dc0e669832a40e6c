#!/usr/bin/env bash
# Measures what issue #2 asks for and prints a block of figures (also in target/benchmark-report.txt):
# ingestion throughput against the raw embedding model, and search latency p50/p95 at growing
# collection sizes. Runs against a fresh database, dropped and re-created on every run.
#
#   scripts/benchmark.sh                                   # 300 documents; 10k and 100k passages
#   scripts/benchmark.sh -Dbench.docs=50 -Dbench.sizes=10000    # quick smoke run (~5 minutes)
#
# Settings (-Dname=value): bench.docs (300), bench.warmupDocs (30), bench.sizes (10000,100000), bench.queries (200),
# bench.warmup (40), bench.seed, bench.uploadBatch (10), bench.noise (0.02), bench.loadThreads (2),
# bench.webPages (150: pages ingested by Verity and by LangChain4j Easy RAG for the baseline; 0 skips it).
# VERITY_DB names the database (default verity_bench). The full run takes about 15-20 minutes on
# 2 cores, most of it inserting 100k passages into the HNSW index.
set -euo pipefail
cd "$(dirname "$0")/.."

export VERITY_DB="${VERITY_DB:-verity_bench}"
case "$VERITY_DB" in
  verity|verity_test) echo "benchmark: refusing to drop database $VERITY_DB; pick another VERITY_DB" >&2; exit 2;;
esac
# a fresh database, owned by the service's own role like every database it uses
scripts/ensure-postgres.sh --fresh

export VERITY_TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$VERITY_DB"
# Formatting is the normal build's business; a benchmark run only measures.
exec ./mvnw -B -Pbenchmark -Dspotless.check.skip=true test "$@"
