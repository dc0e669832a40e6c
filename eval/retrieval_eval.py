#!/usr/bin/env python3
"""Retrieval quality of a running Verity on a labelled set, through its REST API only.

DIR holds two JSON-lines files:
  corpus.jsonl   {"id", "file", "title"?, "text", "html"?}   one document each; uploaded as a file
                 named "file" (its "html" when present, else its "text")
  queries.jsonl  {"id", "query", "gold_doc", "windows"?: [text, ...]}   "gold_doc" is a corpus id;
                 "windows" are snippets of the passage that answers

Every corpus entry is uploaded into the collection and indexing is awaited (unless --skip-ingest);
then every query goes to POST /api/search. Printed: ingestion time, search latency percentiles,
Recall@1/5/10, MRR@10 and nDCG@10 over distinct documents (one gold document per query), and
passage hit@5 (one of the first 5 passages, of at most 4,000 characters, contains an answer window,
compared whitespace-folded and case-insensitive). The last line is a one-line SUMMARY.

  python3 eval/retrieval_eval.py --data DIR --user admin --password <pw> [--collection NAME]
         [--token vk_...] [--top-k 10] [--skip-ingest] [--runs-out runs.jsonl]

Exit status 0 when it ran to the end, 1 on an HTTP or connection error, 2 when DIR cannot be read.
"""
import argparse
import json
import math
import os
import re
import statistics
import sys
import time

from verity_api import ApiError, add_connection_arguments, api_from, ingest, ranked_documents

MAX_PASSAGE_CHARS = 4000


def fold(text):
    return re.sub(r"\s+", " ", text or "").strip().lower()


def read_jsonl(path, required):
    entries = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            missing = [key for key in required if key not in entry]
            if missing:
                raise ValueError(f"{path}:{number}: missing {', '.join(missing)}")
            entries.append(entry)
    return entries


def upload_files(corpus):
    files = []
    for entry in corpus:
        if entry.get("html"):
            files.append((entry["file"], entry["html"].encode("utf-8"), "text/html"))
        else:
            files.append((entry["file"], entry["text"].encode("utf-8"), "text/plain"))
    return files


def evaluate(api, collection, queries, file_of, top_k, runs_out):
    totals = dict(r1=0, r5=0, r10=0, mrr=0.0, ndcg=0.0, hit=0)
    latencies = []
    runs = open(runs_out, "w", encoding="utf-8") if runs_out else None
    try:
        for query in queries:
            started = time.perf_counter()
            results = api.search(collection, query["query"], top_k)
            latencies.append((time.perf_counter() - started) * 1000)
            documents = ranked_documents(results)
            gold = file_of.get(query["gold_doc"], query["gold_doc"])
            rank = documents.index(gold) + 1 if gold in documents[:top_k] else None
            totals["r1"] += rank == 1
            totals["r5"] += rank is not None and rank <= 5
            totals["r10"] += rank is not None and rank <= 10
            totals["mrr"] += 1.0 / rank if rank else 0.0
            totals["ndcg"] += 1.0 / math.log2(rank + 1) if rank else 0.0
            top5 = [fold(r.get("text")) for r in results[:5]
                    if len(r.get("text") or "") <= MAX_PASSAGE_CHARS]
            windows = [fold(w) for w in query.get("windows") or []]
            totals["hit"] += any(w and w in passage for w in windows for passage in top5)
            if runs:
                runs.write(json.dumps({"id": query["id"], "gold": gold, "rank": rank,
                                       "documents": documents[:top_k]}) + "\n")
    finally:
        if runs:
            runs.close()
    n = max(len(queries), 1)
    return {key: value / n for key, value in totals.items()}, latencies


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_connection_arguments(parser)
    parser.add_argument("--data", required=True, help="folder with corpus.jsonl and queries.jsonl")
    parser.add_argument("--collection", default="retrieval-eval")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--skip-ingest", action="store_true", help="search only")
    parser.add_argument("--runs-out", help="write each query's ranking here (JSON lines)")
    args = parser.parse_args()

    try:
        corpus = read_jsonl(os.path.join(args.data, "corpus.jsonl"), ("id", "file", "text"))
        queries = read_jsonl(os.path.join(args.data, "queries.jsonl"), ("id", "query", "gold_doc"))
    except (OSError, ValueError) as error:
        print(f"cannot read the evaluation set: {error}", file=sys.stderr)
        return 2
    file_of = {entry["id"]: entry["file"] for entry in corpus}

    api = api_from(args)
    try:
        took = 0.0 if args.skip_ingest else ingest(api, args.collection, upload_files(corpus))
        metrics, latencies = evaluate(api, args.collection, queries, file_of, args.top_k, args.runs_out)
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"search latency ms: p50 {percentile(latencies, 0.5):.1f}  p95 {percentile(latencies, 0.95):.1f}"
          f"  max {max(latencies, default=0.0):.1f}  (n={len(latencies)})")
    print(f"{'n':>4} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR10':>6} {'nDCG10':>6} {'hit@5':>6}")
    print(f"{len(queries):>4} " + " ".join(
        f"{metrics[key]:6.3f}" for key in ("r1", "r5", "r10", "mrr", "ndcg", "hit")))
    print(f"SUMMARY ndcg10={metrics['ndcg']:.3f} hit5={metrics['hit']:.3f} recall5={metrics['r5']:.3f}"
          f" mrr10={metrics['mrr']:.3f} search_p50_ms={percentile(latencies, 0.5):.1f}"
          f" search_p95_ms={percentile(latencies, 0.95):.1f} ingest_s={took:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
