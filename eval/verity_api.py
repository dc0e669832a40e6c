"""What the evaluation tools in eval/ share: a small client of Verity's REST API (standard library
only), uploading files into a collection and waiting until they are indexed.

Authentication: --user/--password (HTTP Basic) or --token (an API key, sent as a Bearer token).
"""
import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

INDEX_TIMEOUT_SECONDS = 1800
UPLOAD_BATCH = 25


class ApiError(Exception):
    """An HTTP error reply, or no reply at all."""


def add_connection_arguments(parser):
    parser.add_argument("--base", default="http://localhost:8080", help="the service's URL")
    parser.add_argument("--user", help="HTTP Basic user name")
    parser.add_argument("--password", help="HTTP Basic password")
    parser.add_argument("--token", help="an API key (vk_...), instead of a user and password")


def api_from(args):
    return Api(args.base, args.user, args.password, args.token)


class Api:
    def __init__(self, base, user=None, password=None, token=None):
        self.base = base.rstrip("/")
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        elif user is not None:
            credentials = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
            self.headers["Authorization"] = "Basic " + credentials

    def call(self, method, path, body=None, content_type=None, accept=(200,), retries=5):
        """Sends one request; returns (status, parsed JSON or None) for an accepted status."""
        headers = dict(self.headers)
        if content_type:
            headers["Content-Type"] = content_type
        url = self.base + path
        for attempt in range(retries + 1):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=600) as response:
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

    def search(self, collection, query, top_k):
        _, reply = self.json("POST", "/api/search",
                             {"collection": collection, "query": query, "topK": top_k})
        return (reply or {}).get("results") or []


def parse(raw):
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return raw.decode("utf-8", errors="replace")


def multipart(files):
    """Encodes [(filename, bytes, content type)] as multipart/form-data, one part "files" each."""
    boundary = "----verity-eval-" + uuid.uuid4().hex
    chunks = []
    for filename, content, content_type in files:
        quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
        chunks.append(f"--{boundary}\r\n".encode("ascii"))
        chunks.append(
            f'Content-Disposition: form-data; name="files"; filename="{quoted}"\r\n'.encode("utf-8"))
        chunks.append(f"Content-Type: {content_type}\r\n\r\n".encode("ascii"))
        chunks.append(content)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(chunks), "multipart/form-data; boundary=" + boundary


def ingest(api, collection, files, timeout_seconds=INDEX_TIMEOUT_SECONDS):
    """Creates the collection (or uses it), uploads [(filename, bytes, type)] in batches and waits
    until every document is INDEXED or FAILED. Prints what happened; returns the seconds taken."""
    started = time.monotonic()
    status, _ = api.json("POST", "/api/collections", {"name": collection}, accept=(200, 201, 409))
    print(f"collection '{collection}': " + ("already exists" if status == 409 else "created"))
    path = f"/api/collections/{urllib.parse.quote(collection, safe='')}/documents"
    pending = {}
    duplicates = 0
    for i in range(0, len(files), UPLOAD_BATCH):
        body, content_type = multipart(files[i:i + UPLOAD_BATCH])
        _, entries = api.call("POST", path, body, content_type, accept=(200, 201, 202))
        if not isinstance(entries, list):
            raise ApiError(f"POST {path}: expected a JSON list, got: {entries!r}")
        duplicates += sum(1 for entry in entries if entry.get("duplicateOf"))
        pending.update({e["id"]: e.get("filename", "?") for e in entries if e.get("id")})
    print(f"uploaded {len(files)} files" + (f" ({duplicates} already in the collection)" if duplicates else ""))
    final = {}
    deadline = time.monotonic() + timeout_seconds
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
    took = time.monotonic() - started
    print(f"indexed {indexed}, failed {len(failed)} in {took:.1f} s"
          + (f", still not done after {timeout_seconds} s: {len(pending)}" if pending else ""))
    for name, error in failed:
        print(f"  FAILED {name}: {error}")
    for name in sorted(pending.values()):
        print(f"  TIMEOUT {name}")
    return took


def ranked_documents(results):
    """Distinct filenames in the order their first passage appears."""
    seen = []
    for result in results:
        name = result.get("filename")
        if name not in seen:
            seen.append(name)
    return seen
