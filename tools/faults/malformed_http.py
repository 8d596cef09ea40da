#!/usr/bin/env python3
"""Malformed HTTP requests against cognito-credsd on 127.0.0.1: a fixed number, then it stops.

Each request goes on its own connection (half the kinds carry the real token, so they reach the
routes and the body reader, not only the guard): garbage request lines, bad versions, huge headers,
bad chunking, NUL bytes, bad percent-encoding, absurd Content-Length, the HTTP/2 preface, a TLS
ClientHello, bare LF/CR, folded headers, smuggling shapes, random byte flips of a good request...
It prints one JSON object: how many got which status, how many 5xx (505 apart), which kinds got a
5xx, and whether /healthz still answers afterwards.

Usage: malformed_http.py PORT COUNT [TOKEN_FILE] [PROFILE]
"""
import json
import random
import socket
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

READ_TIMEOUT_S = 3.0
THREADS = 4


def good(host, token, path):
    return ("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n\r\n" % (path, host, token)).encode()


def post_head(host, token, extra, path):
    return ("POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n%s\r\n" % (path, host, token, extra)).encode()


def client_hello(rnd):
    body = bytes([0x03, 0x03]) + rnd.randbytes(32) + b"\x00\x00\x02\x13\x01\x01\x00\x00\x00"
    handshake = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + len(handshake).to_bytes(2, "big") + handshake


def kinds(host, token, profile):
    """(name, function(rnd) -> bytes) for every kind of malformed request."""
    anon = "nope"
    credentials = "/v1/profiles/%s/credentials" % profile
    login = "/v1/profiles/%s/login" % profile

    def post(tok, extra):
        return post_head(host, tok, extra, login)

    versions = ["HTTP/9.9", "HTTP/1.2", "HTTP/2.0", "HTTP/3", "HTTP/0.9", "HTTP/1", "http/1.1", "HTTP/1.1x",
                "HTTP/11", "HTTP/-1.1", "HTTP/1.1.1", "HTTX/1.1", ""]
    bad_paths = ["/v1/profiles/%zz/credentials", "/v1/profiles/%/credentials", "/v1/profiles/%2/credentials",
                 "/v1/profiles/%00/credentials", "/v1/profiles/%c0%af/credentials", "/v1/profiles/%ff%fe/credentials",
                 "/v1/%2e%2e/%2e%2e/etc/passwd", "/v1/profiles/a%2Fb%5C/credential-process", "//v1//credentials",
                 "/v1/profiles/../credentials", "/%u0041", "*", "v1/credentials", "http://evil.example/v1/credentials",
                 "/v1/profiles/%25%32%46/login", "/v1/profiles/\u00e9/credentials", "/;x=1/v1/credentials"]
    lengths = ["99999999999999999999999", "-1", "abc", "1e3", "0x10", " 5", "5, 6", "18446744073709551616",
               "2147483648", "1000000000"]
    return [
        ("garbage-line", lambda r: bytes(r.randrange(33, 127) for _ in range(r.randrange(1, 200))) + b"\r\n\r\n"),
        ("random-bytes", lambda r: r.randbytes(r.randrange(1, 600))),
        ("bad-version", lambda r: ("GET /healthz %s\r\nHost: %s\r\n\r\n" % (r.choice(versions), host)).encode()),
        ("bad-version-token", lambda r: ("GET /v1/credentials %s\r\nHost: %s\r\nAuthorization: %s\r\n\r\n"
                                         % (r.choice(versions), host, token)).encode()),
        ("huge-header", lambda r: ("GET /healthz HTTP/1.1\r\nHost: %s\r\nX-Big: %s\r\n\r\n"
                                   % (host, "a" * r.choice([9000, 20000, 70000, 300000]))).encode()),
        ("many-headers", lambda r: ("GET /healthz HTTP/1.1\r\nHost: %s\r\n%s\r\n"
                                    % (host, "".join("X-%d: v\r\n" % i for i in range(r.choice([200, 2000]))))).encode()),
        ("huge-uri", lambda r: ("GET /%s HTTP/1.1\r\nHost: %s\r\n\r\n" % ("a" * r.choice([9000, 70000]), host)).encode()),
        ("huge-token", lambda r: ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n\r\n"
                                  % (host, "t" * r.choice([5000, 50000]))).encode()),
        ("bad-chunk-size", lambda r: post(token, "Transfer-Encoding: chunked\r\n")
         + r.choice([b"zz\r\nabc\r\n0\r\n\r\n", b"-5\r\nabc\r\n", b"ffffffffffffffffffff\r\nx\r\n",
                     b"3\r\nabcdef\r\n0\r\n\r\n", b"3abc\r\n0\r\n\r\n", b"\r\n\r\n", b"3;x=\"\r\nabc\r\n0\r\n\r\n",
                     b"3\nabc\n0\n\n", b"1\r\n{\r\n"])),
        ("chunk-and-length", lambda r: post(token, "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n")
         + b"2\r\n{}\r\n0\r\n\r\n"),
        ("bad-transfer-encoding", lambda r: post(r.choice([token, anon]), "Transfer-Encoding: %s\r\n"
                                                      % r.choice(["gzip", "chunked, gzip", "identity", "xchunked",
                                                                  "chunked\x00", "gzip, chunked, chunked"]))
         + b"2\r\n{}\r\n0\r\n\r\n"),
        ("absurd-length", lambda r: post(r.choice([token, anon]), "Content-Length: %s\r\n"
                                              % r.choice(lengths)) + b"{}"),
        ("two-lengths", lambda r: post(token, "Content-Length: 2\r\nContent-Length: 7\r\n") + b"{}"),
        ("short-body", lambda r: post(token, "Content-Length: 100\r\nContent-Type: application/json\r\n")
         + b'{"username":"a"'),
        ("json-garbage", lambda r: (lambda b: post(token, "Content-Length: %d\r\n" % len(b)) + b)(
            r.choice([b"{", b"[]", b"null", b'{"username":1,"password":[]}', b"\x00\x00", r.randbytes(64),
                      b'{"conversation":"x","answers":{"A":null}}', b'{"username":"' + b"a" * 5000 + b'"}',
                      b"{" * 5000]))),
        ("nul-bytes", lambda r: r.choice([
            ("GET /v1/credentials\x00 HTTP/1.1\r\nHost: %s\r\n\r\n" % host).encode(),
            ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nX\x00Y: 1\r\n\r\n" % host).encode(),
            ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\x00\r\n\r\n" % (host, token)).encode(),
            ("GET /healthz HTTP/1.1\x00\r\nHost: %s\r\n\r\n" % host).encode(),
            b"\x00" * r.randrange(1, 100)])),
        ("bad-percent", lambda r: ("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n\r\n"
                                   % (r.choice(bad_paths), host, r.choice([token, anon]))).encode("utf-8")),
        ("bad-percent-post", lambda r: ("POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nContent-Length: 2\r\n\r\n{}"
                                        % (r.choice(bad_paths).replace("credentials", "login"), host, token)).encode()),
        ("http2-preface", lambda r: b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + r.randbytes(r.randrange(0, 64))),
        ("h2c-upgrade", lambda r: ("GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                   "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n" % host).encode()),
        ("websocket-upgrade", lambda r: ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n"
                                         "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n" % (host, token)).encode()),
        ("tls-client-hello", client_hello),
        ("bare-lf", lambda r: ("GET /v1/credentials HTTP/1.1\nHost: %s\nAuthorization: %s\n\n" % (host, token)).encode()),
        ("bare-cr", lambda r: ("GET /v1/credentials HTTP/1.1\rHost: %s\rAuthorization: %s\r\r" % (host, token)).encode()),
        ("folded-header", lambda r: ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n  folded\r\n\r\n"
                                     % (host, token)).encode()),
        ("no-colon", lambda r: ("GET /healthz HTTP/1.1\r\nHost: %s\r\nNoColonHere\r\n\r\n" % host).encode()),
        ("space-before-colon", lambda r: ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nAuthorization : %s\r\n\r\n"
                                          % (host, token)).encode()),
        ("bad-header-name", lambda r: ("GET /healthz HTTP/1.1\r\nHost: %s\r\n%s: v\r\n\r\n"
                                       % (host, r.choice(["X Y", "(x)", "x@y", "\u00e9", "", "x\ty"]))).encode("utf-8")),
        ("host-trouble", lambda r: r.choice([
            b"GET /v1/credentials HTTP/1.1\r\n\r\n",
            ("GET /v1/credentials HTTP/1.1\r\nHost: %s\r\nHost: evil\r\n\r\n" % host).encode(),
            ("GET /v1/credentials HTTP/1.1\r\nHost: user@%s\r\n\r\n" % host).encode(),
            b"GET /v1/credentials HTTP/1.1\r\nHost: [::1\r\n\r\n",
            b"GET /v1/credentials HTTP/1.1\r\nHost: 127.0.0.1:99999999999\r\n\r\n",
            b"GET /v1/credentials HTTP/1.0\r\n\r\n"])),
        ("odd-method", lambda r: ("%s %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n\r\n"
                                  % (r.choice(["CONNECT", "OPTIONS", "TRACE", "DELETE", "PATCH", "PUT", "HEAD", "BREW",
                                               "G\u20acT", "GET\tX", "get", "X" * 5000, ""]),
                                     r.choice(["127.0.0.1:80", "*", "/v1/credentials", "/healthz", ""]), host, token)
                                  ).encode("utf-8")),
        ("expect", lambda r: post(token, "Expect: %s\r\nContent-Length: 2\r\n"
                                       % r.choice(["100-continue", "200-ok", "x" * 100])) + b"{}"),
        ("truncated", lambda r: good(host, token, credentials)[:r.randrange(1, len(good(host, token, credentials)) - 1)]),
        ("flipped", lambda r: (lambda b: bytes(c if r.random() > 0.05 else r.randrange(256) for c in b))(
            post(token, "Content-Length: 2\r\n") + b"{}")),
        ("pipelined-junk", lambda r: good(host, token, credentials) + r.randbytes(r.randrange(1, 200))),
    ]


def send(port, payload):
    """Sends one payload on its own connection; the status code answered, or None."""
    with socket.create_connection(("127.0.0.1", port), timeout=READ_TIMEOUT_S) as conn:
        try:
            conn.sendall(payload)
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the daemon may close as soon as it has seen enough
        head = b""
        try:
            while b"\r\n" not in head and len(head) < 4096:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                head += chunk
        except OSError:
            pass
    line = head.split(b"\r\n", 1)[0].split()
    if len(line) >= 2 and line[0].startswith(b"HTTP/") and line[1].isdigit():
        return int(line[1])
    return None


def healthz(port):
    t0 = time.monotonic()
    try:
        status = send(port, ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port).encode())
    except OSError:
        status = None
    return status, round((time.monotonic() - t0) * 1000, 1)


def run(port, count, token, profile="acme", seed=1):
    host = "127.0.0.1:%d" % port
    table = kinds(host, token, profile)
    rnd = random.Random(seed)
    plan = [(table[i % len(table)][0], table[i % len(table)][1](rnd)) for i in range(count)]
    rnd.shuffle(plan)
    statuses = Counter()
    five_xx = Counter()
    failures = Counter()

    def one(item):
        name, payload = item
        try:
            return name, send(port, payload), None
        except OSError as e:
            return name, None, type(e).__name__

    t0 = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        for name, status, error in pool.map(one, plan):
            statuses[str(status) if status is not None else "no answer"] += 1
            if error:
                failures[error] += 1
            if status is not None and status >= 500 and status != 505:
                five_xx["%s:%d" % (name, status)] += 1
    seconds = round(time.monotonic() - t0, 1)
    alive, alive_ms = healthz(port)
    return {
        "sent": count,
        "seconds": seconds,
        "statuses": dict(sorted(statuses.items())),
        "five_xx": sum(five_xx.values()),
        "five_xx_kinds": dict(five_xx),
        "http_505": statuses.get("505", 0),
        "connection_errors": dict(failures),
        "healthz": alive,
        "healthz_ms": alive_ms,
    }


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    port, count = int(argv[1]), int(argv[2])
    token = "no-token"
    if len(argv) > 3 and argv[3]:
        with open(argv[3]) as handle:
            token = handle.read().strip()
    profile = argv[4] if len(argv) > 4 else "acme"
    print(json.dumps(run(port, count, token, profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
