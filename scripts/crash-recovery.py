#!/usr/bin/env python3
"""Kills Verity with SIGKILL while clients upload, restarts it, and reports how long the documents
the killed instance held took to be indexed, and whether every acknowledged upload survived.

  scripts/crash-recovery.py [--clients 4] [--kill-after 20] [--port 8080]

Runs target/verity-*.jar (build it first: ./mvnw -q -B -DskipTests package) against the database
that scripts/run.sh would use, as the admin named by VERITY_SECURITY_ADMIN_USERNAME/PASSWORD
(defaults: admin / crash-recovery-password). The documents are generated here.
"""
import argparse, base64, glob, json, os, random, signal, subprocess, sys, threading, time
import urllib.error, urllib.request, uuid

WORDS = ('permit badge visitor renewal office payment refund benefit claim appeal deadline form '
         'address license vehicle student loan grant record request notice hearing review').split()


def document(rng, i):
    paragraphs = []
    for p in range(rng.randint(20, 60)):
        sentence = ' '.join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
        paragraphs.append(f'Section {p}. {sentence.capitalize()}.')
    return f'notice-{i}.txt', ('\n\n'.join(paragraphs)).encode()


class Api:
    def __init__(self, base, user, password):
        self.base = base
        self.auth = 'Basic ' + base64.b64encode(f'{user}:{password}'.encode()).decode()

    def call(self, method, path, body=None, ctype='application/json', timeout=30):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header('Content-Type', ctype)
        req.add_header('Accept', 'application/json')
        req.add_header('Authorization', self.auth)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)


def upload(api, collection, name, content):
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            f'Content-Type: text/plain\r\n\r\n').encode() + content + f'\r\n--{boundary}--\r\n'.encode()
    _, res = api.call('POST', f'/api/collections/{collection}/documents', body,
                      f'multipart/form-data; boundary={boundary}')
    return res[0]['id']


def start(env, port):
    jar = sorted(glob.glob('target/verity-*.jar'))[0]
    log = open(f'/tmp/crash-recovery-{int(time.time())}.log', 'w')
    process = subprocess.Popen(['java', '-jar', jar, f'--server.port={port}'], env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    return process


def await_ready(port, timeout=180):
    """Seconds until the readiness probe answers 200."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        try:
            with urllib.request.urlopen(f'http://localhost:{port}/actuator/health/readiness',
                                        timeout=2) as r:
                if r.status == 200:
                    return time.time() - t0
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise SystemExit('the service did not become ready')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--clients', type=int, default=4)
    parser.add_argument('--kill-after', type=float, default=20)
    parser.add_argument('--port', type=int, default=8080)
    args = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(__file__), '..'))
    env = dict(os.environ)
    env.setdefault('SPRING_DATASOURCE_USERNAME', 'verity')
    env.setdefault('SPRING_DATASOURCE_PASSWORD', '')
    env.setdefault('VERITY_SECURITY_ADMIN_USERNAME', 'admin')
    env.setdefault('VERITY_SECURITY_ADMIN_PASSWORD', 'crash-recovery-password')
    api = Api(f'http://localhost:{args.port}', env['VERITY_SECURITY_ADMIN_USERNAME'],
              env['VERITY_SECURITY_ADMIN_PASSWORD'])

    service = start(env, args.port)
    try:
        await_ready(args.port)
    except SystemExit:
        service.kill()
        raise
    collection = 'crash-' + uuid.uuid4().hex[:8]
    api.call('POST', '/api/collections', {'name': collection})
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()

    def client(n):
        rng = random.Random(n)
        i = 0
        while not stop.is_set():
            name, content = document(rng, f'{n}-{i}')
            try:
                doc = upload(api, collection, name, content)
            except (urllib.error.URLError, OSError, ConnectionError):
                return  # the service is gone: what was not acknowledged may be lost
            with lock:
                acknowledged.append(doc)
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for t in threads:
        t.start()
    time.sleep(args.kill_after)
    service.send_signal(signal.SIGKILL)
    killed_at = time.time()
    service.wait()
    stop.set()
    for t in threads:
        t.join()

    service = start(env, args.port)
    try:
        ready = await_ready(args.port)
        statuses = {}
        held, held_settled = None, None
        while True:
            statuses = {d: api.call('GET', f'/api/documents/{d}')[1]['status'] for d in acknowledged}
            if held is None:
                held = [d for d, s in statuses.items() if s == 'PROCESSING']
            if held_settled is None and all(statuses[d] in ('INDEXED', 'FAILED') for d in held):
                held_settled = time.time() - killed_at
            if all(s in ('INDEXED', 'FAILED') for s in statuses.values()):
                break
            if time.time() - killed_at > 900:
                raise SystemExit(f'not settled 15 minutes after the kill: {statuses}')
            time.sleep(0.5)
        settled = time.time() - killed_at
        print(f'acknowledged uploads: {len(acknowledged)}; after the restart: '
              f'{sum(s == "INDEXED" for s in statuses.values())} INDEXED, '
              f'{sum(s == "FAILED" for s in statuses.values())} FAILED, '
              f'{len(acknowledged) - len(statuses)} lost')
        print(f'PROCESSING when the restarted instance was ready: {len(held)}, settled '
              f'{held_settled:.1f} s after the kill')
        print(f'restart to ready: {ready:.1f} s; kill to every acknowledged document settled: '
              f'{settled:.1f} s')
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait()


if __name__ == '__main__':
    sys.exit(main())
