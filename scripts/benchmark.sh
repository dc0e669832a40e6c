#!/usr/bin/env bash
# Measures what issues #2 and 15 ask for and prints a block of figures (also in target/benchmark-report.txt):
# ingestion throughput against the raw embedding model, and search latency p50/p95 at growing
# collection sizes. Runs against a fresh database, dropped and re-created on every run.
#
#   scripts/benchmark.sh -Dtest=VerityBenchmarkTest       # 300 documents x 5 runs; 10k and 100k passages
#   scripts/benchmark.sh -Dtest=VerityBenchmarkTest -Dbench.docs=50 -Dbench.runs=1 -Dbench.sizes=10000   # smoke run
#
# Settings (-Dname=value): bench.docs (300), bench.warmupDocs (30), bench.runs (5: ingestions of the
# bench.docs documents one after the other, each against the raw model), bench.sizes (10000,100000),
# bench.queries (200), bench.warmup (40), bench.seed, bench.uploadBatch (10), bench.loadThreads (2),
# bench.webPages (150: pages ingested by Verity and by LangChain4j Easy RAG for the baseline; 0 skips it),
# bench.vectors (real: the large collection's passages carry their own embeddings, computed on the
# first run and cached in bench.vectorCache, default ~/.cache/verity-benchmark, about 18 minutes for
# 100k passages on 2 cores; blended: blends of a few real ones, with bench.noise 0.02).
# Any service property can be set the same way, e.g. -Dverity.reindex.core-share=1.0.
# VERITY_DB names the database (default verity_bench). Without -Dtest every benchmark class runs
# (well over an hour on 2 cores); -Dtest=VerityBenchmarkTest alone takes about 15 minutes, 40 the
# first time on a machine (most of it embedding the 100k passages into the cache).
# Other classes: ReindexBenchmarkTest, AccessBenchmarkTest, IntegrationsBenchmarkTest, ...
# (src/test/java/com/verity/benchmark).
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
