#!/usr/bin/env python3
"""Multilingual retrieval check: does a German, French or English question find its document first?

It loads the hand-written set in eval/multilingual (36 short policy/FAQ documents, 12 each in English,
German and French, and 60 questions in questions.jsonl, each naming its one gold document) into one
collection of a running Verity, then asks POST /api/search for every question and measures, per
question language (de, fr, en) and overall:

  top1    share of questions whose first result comes from the gold document
  hit@5   share whose gold document is among the first 5 distinct documents returned
  MRR@10  mean of 1/rank of the gold document among the first 10 distinct documents (0 if absent)

Results are passages; ranks count distinct documents, in the order their first passage appears.
Whatever the service is configured with is what is measured (run it with the default configuration
to measure the defaults).

Run it against a running service, from the repository root:

  python3 eval/multilingual_eval.py --user admin --password <pw>

  --base URL        the service (default http://localhost:8080)
  --collection NAME the collection to create and search (default multilingual)
  --data DIR        the set (default eval/multilingual: DIR/docs/*.md and DIR/questions.jsonl)
  --skip-ingest     search only; the documents are already in the collection
  --verbose         print each miss: the question, its gold document and the top 3 documents

The last line reads "SUMMARY top1_de=... top1_fr=... top1_en=... top1_all=...". Exit status: 0 when
it ran to the end, 1 on an HTTP or connection error, 2 when the set cannot be read.
"""
import argparse
import json
import os
import sys

from verity_api import ApiError, add_connection_arguments, api_from, ingest, ranked_documents

LANGUAGES = ("de", "fr", "en")
TOP_K = 10


def read_documents(docs_dir):
    names = sorted(name for name in os.listdir(docs_dir) if name.endswith(".md"))
    documents = []
    for name in names:
        with open(os.path.join(docs_dir, name), "rb") as handle:
            documents.append((name, handle.read()))
    return documents


def read_questions(path):
    questions = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            for key in ("id", "language", "question", "gold"):
                if key not in entry:
                    raise ValueError(f"{path}:{number}: missing \"{key}\"")
            questions.append(entry)
    return questions


def evaluate(api, collection, questions, verbose):
    scores = {language: [] for language in LANGUAGES}
    misses = []
    for entry in questions:
        results = api.search(collection, entry["question"], TOP_K)
        documents = ranked_documents(results)
        gold = entry["gold"]
        rank = documents.index(gold) + 1 if gold in documents[:TOP_K] else None
        top1 = bool(results) and results[0].get("filename") == gold
        hit5 = rank is not None and rank <= 5
        reciprocal = 1.0 / rank if rank else 0.0
        scores.setdefault(entry["language"], []).append((top1, hit5, reciprocal))
        if not top1:
            misses.append((entry, documents[:3]))
    if verbose and misses:
        print(f"misses ({len(misses)}):")
        for entry, top3 in misses:
            print(f"  {entry['id']} [{entry['language']}] {entry['question']}")
            print(f"      gold {entry['gold']}  got {', '.join(map(str, top3)) or '(no results)'}")
    return scores


def summarize(rows):
    if not rows:
        return 0, 0.0, 0.0, 0.0
    n = len(rows)
    return (n, sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n, sum(r[2] for r in rows) / n)


def report(scores):
    languages = [language for language in scores if scores[language]]
    everything = [row for language in languages for row in scores[language]]
    print()
    print(f"{'language':<10}{'n':>4}{'top1':>8}{'hit@5':>8}{'MRR@10':>8}")
    table = {}
    for language in languages + ["all"]:
        n, top1, hit5, mrr = summarize(everything if language == "all" else scores[language])
        table[language] = top1
        print(f"{language:<10}{n:>4}{top1:>8.3f}{hit5:>8.3f}{mrr:>8.3f}")
    print()
    print("SUMMARY " + " ".join(
        f"top1_{language}={table.get(language, 0.0):.3f}" for language in LANGUAGES + ("all",)))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_connection_arguments(parser)
    parser.add_argument("--collection", default="multilingual")
    parser.add_argument("--data", default="eval/multilingual",
                        help="folder with docs/*.md and questions.jsonl")
    parser.add_argument("--skip-ingest", action="store_true",
                        help="do not create the collection or upload; search only")
    parser.add_argument("--verbose", action="store_true", help="print every top-1 miss")
    args = parser.parse_args()

    try:
        questions = read_questions(os.path.join(args.data, "questions.jsonl"))
        documents = [] if args.skip_ingest else read_documents(os.path.join(args.data, "docs"))
    except (OSError, ValueError) as error:
        print(f"cannot read the evaluation set: {error}", file=sys.stderr)
        return 2
    if not args.skip_ingest and not documents:
        print(f"no .md files in {os.path.join(args.data, 'docs')}", file=sys.stderr)
        return 2

    api = api_from(args)
    try:
        if not args.skip_ingest:
            ingest(api, args.collection, [(name, content, "text/markdown") for name, content in documents])
        scores = evaluate(api, args.collection, questions, args.verbose)
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    report(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
