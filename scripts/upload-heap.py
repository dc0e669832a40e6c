#!/usr/bin/env python3
"""Uploads three 45 MB files at once and reports the service's peak heap use meanwhile.

  scripts/upload-heap.py [--files 3] [--mb 45] [--xmx 512m]

Starts target/verity-*.jar (build it first) with no ingestion workers, so that only the upload
path is measured (parsing comes later, one document per worker), on the database scripts/run.sh
uses, and samples the heap with jstat every 50 ms.
"""
import argparse, base64, glob, json, os, random, subprocess, sys, threading, time
import urllib.error, urllib.request, uuid

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--files', type=int, default=3)
    parser.add_argument('--mb', type=int, default=45)
    parser.add_argument('--xmx', default='512m')
    parser.add_argument('--port', type=int, default=8080)
    args = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(__file__), '..'))
    env = dict(os.environ)
    env.setdefault('SPRING_DATASOURCE_USERNAME', 'verity')
    env.setdefault('SPRING_DATASOURCE_PASSWORD', '')
    env.setdefault('VERITY_SECURITY_ADMIN_USERNAME', 'admin')
    env.setdefault('VERITY_SECURITY_ADMIN_PASSWORD', 'upload-heap-password')
    auth = 'Basic ' + base64.b64encode(
        f"{env['VERITY_SECURITY_ADMIN_USERNAME']}:{env['VERITY_SECURITY_ADMIN_PASSWORD']}".encode()).decode()
    jar = sorted(glob.glob('target/verity-*.jar'))[0]
    log = open('/tmp/upload-heap.log', 'w')
    service = subprocess.Popen(['java', f'-Xmx{args.xmx}', '-jar', jar, f'--server.port={args.port}',
                                '--verity.ingestion.workers=0'], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f'http://localhost:{args.port}'
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(base + '/actuator/health/readiness', timeout=2).status == 200:
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        else:
            raise SystemExit('the service did not become ready')
        collection = 'heap-' + uuid.uuid4().hex[:8]
        req = urllib.request.Request(base + '/api/collections', data=json.dumps({'name': collection}).encode(),
                                     method='POST', headers={'Content-Type': 'application/json',
                                                             'Authorization': auth})
        urllib.request.urlopen(req).read()
        line = ('Every visitor signs in at reception and wears the badge where it can be seen. ' * 20 + '\n')
        bodies = []
        for i in range(args.files):
            rng = random.Random(i)
            text = ''.join(f'{rng.random()} {line}' for _ in range(args.mb * 1024 * 1024 // (len(line) + 20)))
            boundary = uuid.uuid4().hex
            bodies.append((boundary, f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
                           f'filename="big-{i}.txt"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                           + text.encode() + f'\r\n--{boundary}--\r\n'.encode()))

        def heap_used():
            out = subprocess.run(['jstat', '-gc', str(service.pid)], capture_output=True, text=True).stdout
            names, values = out.split('\n')[0].split(), out.split('\n')[1].split()
            gc = dict(zip(names, map(float, values)))
            return (gc['S0U'] + gc['S1U'] + gc['EU'] + gc['OU']) / 1024

        idle = heap_used()
        peak, done = [idle], threading.Event()

        def sample():
            while not done.is_set():
                peak.append(heap_used())
                time.sleep(0.05)

        statuses, accepted = [], []

        def upload(boundary, body):
            req = urllib.request.Request(
                f'{base}/api/collections/{collection}/documents', data=body, method='POST',
                headers={'Content-Type': f'multipart/form-data; boundary={boundary}',
                         'Authorization': auth})
            try:
                with urllib.request.urlopen(req, timeout=600) as r:
                    statuses.append(r.status)
                    accepted.extend(d['id'] for d in json.loads(r.read()))
            except urllib.error.HTTPError as e:
                statuses.append(e.code)

        sampler = threading.Thread(target=sample)
        sampler.start()
        t0 = time.time()
        threads = [threading.Thread(target=upload, args=b) for b in bodies]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.time() - t0
        done.set()
        sampler.join()
        print(f'{args.files} concurrent uploads of {args.mb} MB: statuses {sorted(statuses)} in {took:.1f} s; '
              f'heap used (young + old) idle {idle:.0f} MB, peak {max(peak):.0f} MB '
              f'(-Xmx{args.xmx}, {len(peak)} samples)')
        for doc in accepted:  # measured, not to be indexed
            urllib.request.urlopen(urllib.request.Request(
                f'{base}/api/documents/{doc}', method='DELETE', headers={'Authorization': auth})).read()
    finally:
        service.terminate()
        service.wait()

if __name__ == '__main__':
    sys.exit(main())
