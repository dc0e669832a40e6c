#!/usr/bin/env python3
"""Turns a labelled retrieval set (the --data DIR of retrieval_eval.py) into a golden set Verity
takes: one JSON line per query with its gold document's file name as expectedDocuments and its
first answer window as expectedPassage.

  python3 eval/golden_set_from_labelled.py --data DIR [--limit N] > golden-set.jsonl
  curl -u admin:PW -F name=dev -F file=@golden-set.jsonl \\
       localhost:8080/api/collections/COLLECTION/golden-sets

Standard library only. Queries whose gold document is not in the corpus are skipped (and counted
on standard error)."""
import argparse
import json
import os
import sys


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder with corpus.jsonl and queries.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="at most this many queries")
    args = parser.parse_args()
    try:
        corpus = read_jsonl(os.path.join(args.data, "corpus.jsonl"))
        queries = read_jsonl(os.path.join(args.data, "queries.jsonl"))
    except (OSError, ValueError) as error:
        print(f"cannot read the labelled set: {error}", file=sys.stderr)
        return 2
    file_of = {entry["id"]: entry["file"] for entry in corpus}
    written = skipped = 0
    for query in queries[: args.limit]:
        gold = file_of.get(query.get("gold_doc"))
        if gold is None or not query.get("query", "").strip():
            skipped += 1
            continue
        item = {"question": query["query"].strip()[:2000], "expectedDocuments": [gold]}
        windows = [w for w in query.get("windows") or [] if w.strip()]
        if windows:
            item["expectedPassage"] = windows[0]
        print(json.dumps(item, ensure_ascii=False))
        written += 1
    print(f"{written} questions written, {skipped} skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
