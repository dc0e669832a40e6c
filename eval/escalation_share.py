#!/usr/bin/env python3
"""How often the escalation cascade escalates, on a labelled set, through the REST API only.

Uploads DIR/corpus.jsonl into the collection (unless --skip-ingest), sets the collection's routing
(--first, --escalation, --threshold), asks every question of DIR/queries.jsonl with POST /api/ask
and prints the share of answers escalated, answered by the escalation model, NEEDS_REVIEW,
NOT_FOUND, and the answer time of escalated and not escalated answers. Meant for the emulated
models of com.verity.assistant.CascadeEmulator or real ones.

  python3 eval/escalation_share.py --data DIR --user admin --password <pw> [--collection NAME]
         [--first mistral] [--escalation llama3.1:8b] [--threshold 0] [--skip-ingest] [--limit N]
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.parse

from verity_api import ApiError, add_connection_arguments, api_from, ingest


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--collection", default="escalation")
    parser.add_argument("--first", default="mistral")
    parser.add_argument("--escalation", default="llama3.1:8b")
    parser.add_argument("--threshold", type=float, default=0.0)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--limit", type=int, default=0)
    add_connection_arguments(parser)
    args = parser.parse_args()
    try:
        corpus = read_jsonl(os.path.join(args.data, "corpus.jsonl"))
        queries = read_jsonl(os.path.join(args.data, "queries.jsonl"))
    except OSError as e:
        print(f"cannot read {args.data}: {e}", file=sys.stderr)
        return 2
    if args.limit:
        queries = queries[: args.limit]
    api = api_from(args)
    try:
        if not args.skip_ingest:
            files = [(entry["file"], (entry.get("html") or entry["text"]).encode("utf-8"),
                      "text/html" if entry.get("html") else "text/plain") for entry in corpus]
            ingest(api, args.collection, files)
        name = urllib.parse.quote(args.collection, safe="")
        api.json("PUT", f"/api/collections/{name}/routing",
                 {"defaultModel": args.first, "escalationModel": args.escalation,
                  "unsupportedThreshold": args.threshold})
        counts = {"escalated": 0, "by_escalation": 0, "NEEDS_REVIEW": 0, "NOT_FOUND": 0,
                  "ANSWERED": 0, "PASSAGES_ONLY": 0, "VERIFIED": 0}
        escalated_ms, plain_ms = [], []
        for query in queries:
            started = time.monotonic()
            _, answer = api.json("POST", "/api/ask", {"question": query["query"], "collection": args.collection})
            took = (time.monotonic() - started) * 1000
            counts[answer["mode"]] = counts.get(answer["mode"], 0) + 1
            if answer.get("escalated"):
                counts["escalated"] += 1
                escalated_ms.append(took)
                if answer["mode"] == "ANSWERED":
                    counts["by_escalation"] += 1
            else:
                plain_ms.append(took)
    except ApiError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    n = len(queries)
    print(f"questions            : {n}")
    print(f"first model          : {args.first}, escalation model {args.escalation}, threshold {args.threshold}")
    print(f"escalated            : {counts['escalated']} ({counts['escalated'] / n:.1%})")
    print(f"  answered after it  : {counts['by_escalation']} ({counts['by_escalation'] / n:.1%})")
    print(f"  NEEDS_REVIEW       : {counts['NEEDS_REVIEW']} ({counts['NEEDS_REVIEW'] / n:.1%})")
    print(f"not escalated        : ANSWERED {counts['ANSWERED'] - counts['by_escalation']}, NOT_FOUND {counts['NOT_FOUND']},"
          f" PASSAGES_ONLY {counts['PASSAGES_ONLY']}, VERIFIED {counts['VERIFIED']}")
    print(f"answer time, escalated    : p50 {percentile(escalated_ms, 50):.0f} ms, p95 {percentile(escalated_ms, 95):.0f} ms")
    print(f"answer time, not escalated: p50 {percentile(plain_ms, 50):.0f} ms, p95 {percentile(plain_ms, 95):.0f} ms")
    print(f"SUMMARY escalated={counts['escalated'] / n:.3f} needs_review={counts['NEEDS_REVIEW'] / n:.3f} n={n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
