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

  python3 scripts/multilingual-eval.py --user admin --password <pw>

  --base URL        the service (default http://localhost:8080)
  --collection NAME the collection to create and search (default multilingual)
  --data DIR        the set (default eval/multilingual: DIR/docs/*.md and DIR/questions.jsonl)
  --skip-ingest     search only; the documents are already in the collection
  --verbose         print each miss: the question, its gold document and the top 3 documents

The last line reads "SUMMARY top1_de=... top1_fr=... top1_en=... top1_all=...". Exit status: 0 when
it ran to the end, 1 on an HTTP or connection error, 2 when the set cannot be read.
"""
import argparse
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

LANGUAGES = ("de", "fr", "en")
INDEX_TIMEOUT_SECONDS = 180
TOP_K = 10


class ApiError(Exception):
    """An HTTP error reply, or no reply at all."""


class Api:
    def __init__(self, base, user, password):
        self.base = base.rstrip("/")
        self.headers = {"Accept": "application/json"}
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
            self.headers["Authorization"] = "Basic " + token

    def call(self, method, path, body=None, content_type=None, accept=(200,), retries=5):
        """Sends one request; returns (status, parsed JSON or None) for an accepted status."""
        headers = dict(self.headers)
        if content_type:
            headers["Content-Type"] = content_type
        url = self.base + path
        for attempt in range(retries + 1):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    status, raw = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, raw = error.code, error.read()
                if status == 429 and attempt < retries:
                    wait = error.headers.get("Retry-After", "2")
                    time.sleep(float(wait) if wait.replace(".", "", 1).isdigit() else 2.0)
                    continue
            except urllib.error.URLError as error:
                raise ApiError(f"{method} {url}: cannot reach the service ({error.reason})") from None
            except OSError as error:
                raise ApiError(f"{method} {url}: {error}") from None
            if status not in accept:
                text = raw.decode("utf-8", errors="replace").strip()
                raise ApiError(f"{method} {url} -> HTTP {status}\n{text or '(empty body)'}")
            return status, parse(raw)
        raise AssertionError("unreachable")

    def json(self, method, path, payload, accept=(200,)):
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self.call(method, path, body, "application/json; charset=UTF-8", accept)


def parse(raw):
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return raw.decode("utf-8", errors="replace")


def multipart(files):
    """Encodes [(filename, bytes)] as multipart/form-data, one part named "files" per file."""
    boundary = "----verity-multilingual-" + uuid.uuid4().hex
    chunks = []
    for filename, content in files:
        quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
        chunks.append(f"--{boundary}\r\n".encode("ascii"))
        chunks.append(
            f'Content-Disposition: form-data; name="files"; filename="{quoted}"\r\n'.encode("utf-8"))
        chunks.append(b"Content-Type: text/markdown\r\n\r\n")
        chunks.append(content)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(chunks), "multipart/form-data; boundary=" + boundary


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


def ingest(api, collection, documents):
    status, _ = api.json("POST", "/api/collections", {"name": collection}, accept=(200, 201, 409))
    print(f"collection '{collection}': " + ("already exists" if status == 409 else "created"))
    body, content_type = multipart(documents)
    path = f"/api/collections/{urllib.parse.quote(collection, safe='')}/documents"
    _, entries = api.call("POST", path, body, content_type, accept=(200, 201, 202))
    if not isinstance(entries, list):
        raise ApiError(f"POST {path}: expected a JSON list, got: {entries!r}")
    duplicates = sum(1 for entry in entries if entry.get("duplicateOf"))
    print(f"uploaded {len(documents)} files: {len(entries)} entries"
          + (f" ({duplicates} already in the collection)" if duplicates else ""))
    pending = {entry["id"]: entry.get("filename", "?") for entry in entries if entry.get("id")}
    final = {}
    deadline = time.monotonic() + INDEX_TIMEOUT_SECONDS
    while pending and time.monotonic() < deadline:
        for document_id in list(pending):
            _, view = api.call("GET", f"/api/documents/{document_id}")
            view = view if isinstance(view, dict) else {}
            if view.get("status") in ("INDEXED", "FAILED"):
                final[document_id] = (pending.pop(document_id), view.get("status"), view.get("error"))
        if pending:
            time.sleep(1.0)
    failed = [(name, error) for name, state, error in final.values() if state == "FAILED"]
    indexed = sum(1 for _, state, _ in final.values() if state == "INDEXED")
    print(f"indexed {indexed}, failed {len(failed)}"
          + (f", still not done after {INDEX_TIMEOUT_SECONDS} s: {len(pending)}" if pending else ""))
    for name, error in failed:
        print(f"  FAILED {name}: {error}")
    for name in sorted(pending.values()):
        print(f"  TIMEOUT {name}")


def ranked_documents(results):
    """Distinct filenames in the order their first passage appears."""
    seen = []
    for result in results:
        name = result.get("filename")
        if name not in seen:
            seen.append(name)
    return seen


def evaluate(api, collection, questions, verbose):
    scores = {language: [] for language in LANGUAGES}
    misses = []
    for entry in questions:
        _, reply = api.json("POST", "/api/search",
                            {"collection": collection, "query": entry["question"], "topK": TOP_K})
        results = (reply or {}).get("results") or []
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
    parser.add_argument("--base", default="http://localhost:8080")
    parser.add_argument("--user", help="HTTP Basic user name")
    parser.add_argument("--password", help="HTTP Basic password")
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

    api = Api(args.base, args.user, args.password)
    try:
        if not args.skip_ingest:
            ingest(api, args.collection, documents)
        scores = evaluate(api, args.collection, questions, args.verbose)
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    report(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
