#!/usr/bin/env python3
"""Helpers of bench/run.sh: ports, readiness polling, load generators, output parsers and the report.

Only the standard library; every connection goes to 127.0.0.1. Tokens are read from files, never
taken from the command line.
"""
import http.client
import json
import math
import os
import re
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tools"))
import loopback  # noqa: E402


def read_token(path):
    with open(path, encoding="ascii") as handle:
        return handle.read().strip()


def free_port():
    print(loopback.free_port())


def wait_health(port, timeout):
    """Polls GET /healthz every 5 ms; prints the wall-clock time (epoch seconds) of the first 200."""
    deadline = time.time() + float(timeout)
    while time.time() < deadline:
        if loopback.healthy(port):
            print("%.6f" % time.time())
            return 0
        time.sleep(0.005)
    return 1


def admin(method, url, body=None):
    """GET/PUT/DELETE on local-cognito's admin routes; prints the JSON answer."""
    match = re.match(r"http://127\.0\.0\.1:(\d+)(/.*)", url)
    conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
    conn.request(method, match.group(2), body=body,
                 headers={"Content-Type": "application/json"} if body is not None else {})
    response = conn.getresponse()
    body = response.read()
    if response.status >= 300:
        sys.stderr.write("%s %s -> %d\n" % (method, url, response.status))
        return 1
    sys.stdout.write(body.decode() or "{}")
    sys.stdout.write("\n")
    return 0


def burst(port, path, token_file, count):
    """`count` requests at once, each on its own connection, released together by a barrier."""
    count = int(count)
    token = read_token(token_file)
    barrier = threading.Barrier(count)
    results = [None] * count

    def one(index):
        conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
        conn.connect()
        barrier.wait()
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Authorization": token})
            response = conn.getresponse()
            body = response.read()
            key = json.loads(body).get("AccessKeyId") if response.status == 200 else None
            results[index] = (response.status, (time.perf_counter() - start) * 1000, key)
        except (OSError, ValueError, http.client.HTTPException) as error:
            results[index] = (repr(error), (time.perf_counter() - start) * 1000, None)
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(r[1] for r in results)
    print(json.dumps({
        "requests": count,
        "ok": sum(1 for r in results if r[0] == 200),
        "errors": sorted({str(r[0]) for r in results if r[0] != 200}),
        "distinct_keys": len({r[2] for r in results if r[2]}),
        "median_ms": statistics.median(latencies),
        "max_ms": latencies[-1],
    }))
    return 0


def parse_time(text):
    # RFC 3339 as the daemon writes it: 2026-11-30T08:00:00Z (fractions allowed)
    from datetime import datetime
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def call_counts(cognito_url, method):
    match = re.match(r"http://127\.0\.0\.1:(\d+)", cognito_url)
    conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
    conn.request(method, "/_local/calls")
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status >= 300:
        raise RuntimeError("%s /_local/calls -> %d" % (method, response.status))
    return json.loads(body or b"{}")


def load(port, path, token_file, seconds, rate, connections, cognito_url):
    """Constant, paced load: `rate` requests/s over `connections` keep-alive connections for `seconds`.

    local-cognito's call counters are reset 1 s into the load and read 1 s before its end, while
    requests keep flowing, so every exchange counted has its key served (renewals = keys first
    served inside that window). Prints a summary: requests, errors, the counted calls, renewals,
    and the slowest request within ±1 s of each boundary: each moment a new key is first served
    (renewal) and each served key's Expiration that falls inside the run (expiry).
    """
    token = read_token(token_file)
    seconds, rate, connections = float(seconds), float(rate), int(connections)
    interval = connections / rate
    records = []
    lock = threading.Lock()
    begin = time.time()
    end = begin + seconds

    def worker(offset):
        conn = None
        local = []
        next_at = begin + offset
        while True:
            now = time.time()
            if now >= end:
                break
            if next_at > now:
                time.sleep(next_at - now)
            next_at += interval
            started = time.time()
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
                conn.request("GET", path, headers={"Authorization": token})
                response = conn.getresponse()
                body = response.read()
                latency = (time.perf_counter() - t0) * 1000
                if response.status == 200:
                    doc = json.loads(body)
                    local.append((started, latency, 200, doc["AccessKeyId"], doc["Expiration"]))
                else:
                    local.append((started, latency, response.status, None, None))
            except (OSError, ValueError, KeyError, http.client.HTTPException) as error:
                local.append((started, (time.perf_counter() - t0) * 1000, repr(error), None, None))
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()
        with lock:
            records.extend(local)

    threads = [threading.Thread(target=worker, args=(i * interval / connections,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    time.sleep(max(begin + 1 - time.time(), 0))
    call_counts(cognito_url, "DELETE")
    window_start = time.time()
    time.sleep(max(end - 1 - time.time(), 0))
    calls = call_counts(cognito_url, "GET")
    window_end = time.time()
    for thread in threads:
        thread.join()
    records.sort()
    first_seen, expiry = {}, {}
    for started, _, status, key, expiration in records:
        if status == 200 and key not in first_seen:
            first_seen[key] = started
            expiry[key] = parse_time(expiration)
    keys = sorted(first_seen, key=first_seen.get)
    boundaries = [("renewal", first_seen[k]) for k in keys[1:]]
    boundaries += [("expiry", expiry[k]) for k in keys if begin + 1 <= expiry[k] <= end - 1]
    per_boundary = []
    for kind, moment in sorted(boundaries, key=lambda b: b[1]):
        near = [r[1] for r in records if moment - 1 <= r[0] <= moment + 1]
        per_boundary.append({"kind": kind, "at": round(moment - begin, 2),
                             "requests": len(near), "max_ms": round(max(near), 2) if near else None})
    near_any = lambda started: any(moment - 1 <= started <= moment + 1 for _, moment in boundaries)
    elsewhere = [r[1] for r in records if not near_any(r[0])]
    latencies = sorted(r[1] for r in records)
    # an exchange counted just before window_end is served within milliseconds
    renewals = sum(1 for k in keys[1:] if window_start < first_seen[k] <= window_end + 0.5)
    print(json.dumps({
        "window_s": round(window_end - window_start, 2),
        "calls": calls,
        "renewals": renewals,
        "elsewhere_max_ms": round(max(elsewhere), 2) if elsewhere else None,
        "seconds": round(records[-1][0] - begin, 2) if records else 0,
        "requests": len(records),
        "errors": sum(1 for r in records if r[2] != 200),
        "error_kinds": sorted({str(r[2]) for r in records if r[2] != 200}),
        "distinct_keys": len(keys),
        "p50_ms": round(latencies[len(latencies) // 2], 3) if latencies else None,
        "max_ms": round(latencies[-1], 2) if latencies else None,
        "boundaries": per_boundary,
        "boundary_max_ms": max((b["max_ms"] for b in per_boundary if b["max_ms"] is not None), default=None),
    }))
    return 0


def hyperfine_medians(result_file):
    """Median wall time in ms of each command of a hyperfine --export-json file, in order."""
    with open(result_file) as handle:
        results = json.load(handle)["results"]
    print(" ".join("%.4f" % (r["median"] * 1000) for r in results))
    return 0


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk_summary(output_file):
    """requests/s, p99 in ms, total requests and non-2xx/socket errors from wrk --latency output."""
    text = open(output_file).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    print("%.1f %.3f %d %d" % (rps, float(p99.group(1)) * UNITS[p99.group(2)], total, errors))
    return 0


def seed(out, pool_suffix, id_token_seconds, password_file):
    """A seed with one confirmed, licensed user whose password is read from a file."""
    pool = "us-east-2_BENCHpool" + pool_suffix
    client = "benchclient0000000000000" + pool_suffix.lower() * 2
    identity_pool = "us-east-2:00000000-0000-4000-8000-00000000b0%s" % pool_suffix.lower().rjust(2, "0")
    provider = "cognito-idp.us-east-2.amazonaws.com/" + pool
    data = {
        "Region": "us-east-2",
        "AccountId": "111122223333",
        "UserPools": [{
            "Id": pool,
            "PoolName": "bench-" + pool_suffix,
            "MfaConfiguration": "OFF",
            "Schema": [{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
                       {"Name": "isLicensed", "AttributeDataType": "String", "Mutable": True}],
            "Clients": [{
                "ClientId": client,
                "ClientName": "bench",
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "IdTokenValidity": int(id_token_seconds), "AccessTokenValidity": int(id_token_seconds),
                "RefreshTokenValidity": 86400,
                "TokenValidityUnits": {"IdToken": "seconds", "AccessToken": "seconds", "RefreshToken": "seconds"},
            }],
            "Groups": [{"GroupName": "licensed", "RoleArn": "arn:aws:iam::111122223333:role/ecr-pull-licensed",
                        "Precedence": 1}],
            "Users": [{
                "Username": "bench-user",
                "Password": read_token(password_file),
                "Attributes": {"email": "bench@example.com", "email_verified": "true", "custom:isLicensed": "1"},
                "Groups": ["licensed"],
            }],
        }],
        "IdentityPools": [{
            "IdentityPoolId": identity_pool,
            "IdentityPoolName": "bench_" + pool_suffix,
            "AllowUnauthenticatedIdentities": False,
            "CognitoIdentityProviders": [{"ProviderName": provider, "ClientId": client}],
            "Roles": {"authenticated": "arn:aws:iam::111122223333:role/ecr-pull-unlicensed"},
            "RoleMappings": {provider + ":" + client: {
                "Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
                "RulesConfiguration": {"Rules": [{"Claim": "custom:isLicensed", "MatchType": "Equals", "Value": "1",
                                                  "RoleARN": "arn:aws:iam::111122223333:role/ecr-pull-licensed"}]}}},
        }],
    }
    with open(out, "w") as handle:
        json.dump(data, handle, indent=1)
    print("%s %s %s" % (pool, client, identity_pool))
    return 0


def calls_sum(calls_json, *operations):
    """Sum of the given operations' counters (all operations when none is named)."""
    calls = json.loads(calls_json)
    print(sum(v for k, v in calls.items() if not operations or k in operations))
    return 0


# ---------------------------------------------------------------------------------------- report

def report(results_file):
    """The table: figure, measured, baseline, ratio, target, PASS/MISS, from key=value results."""
    r = {}
    for line in open(results_file):
        if "=" in line:
            key, value = line.rstrip("\n").split("=", 1)
            r[key] = value

    def num(key):
        try:
            return float(r[key])
        except (KeyError, ValueError):
            return None

    rows = []

    def row(figure, measured, unit, baseline, base_unit, target, passed, ratio=None):
        if measured is None:
            rows.append((figure, "n/a", "n/a", "", target, "MISS"))
            return
        if ratio is None and baseline not in (None, 0):
            ratio = measured / baseline
        fmt = lambda v, u: ("%.3g" % v if abs(v) < 1000 else "%.0f" % v) + (" " + u if u else "")
        rows.append((figure, fmt(measured, unit),
                     fmt(baseline, base_unit) if baseline is not None else "-",
                     "%.2fx" % ratio if ratio is not None else "-",
                     target, "PASS" if passed(measured, ratio) else "MISS"))

    # credential-process
    fast, curl, devtcp = num("cp_fast_ms"), num("cp_curl_ms"), num("cp_devtcp_ms")
    row("credential-process median (hyperfine %s runs) vs curl" % r.get("cp_runs", "?"), fast, "ms", curl,
        "ms curl", "<= 1.5x curl", lambda m, q: q is not None and q <= 1.5)
    row("  same, vs bash /dev/tcp raw (2nd reference)", fast, "ms", devtcp, "ms /dev/tcp", "(info)",
        lambda m, q: True)
    # throughput
    d_rps, n_rps = num("wrk_daemon_rps"), num("wrk_nginx_rps")
    row("cached /credentials throughput vs nginx static (%s)" % r.get("wrk_shape", ""), d_rps, "req/s", n_rps,
        "req/s nginx", ">= 50 % of nginx", lambda m, q: q is not None and q >= 0.5)
    row("daemon p99 latency under that load", num("wrk_daemon_p99_ms"), "ms", num("wrk_nginx_p99_ms"),
        "ms nginx", "<= 5 ms", lambda m, q: m <= 5.0)
    row("non-2xx/socket errors during wrk (daemon)", num("wrk_daemon_errors"), "", num("wrk_daemon_requests"),
        "requests", "0", lambda m, q: m == 0)
    # upstream calls
    row("upstream calls on the hot path (hyperfine + wrk)", num("hot_calls"), "calls", num("hot_requests"),
        "requests", "0", lambda m, q: m == 0)
    row("cold daemon, %s concurrent: GetCredentialsForIdentity" % r.get("cold_n", "200"), num("cold_gcfi"),
        "calls", 1.0, "expected", "exactly 1", lambda m, q: m == 1)
    row("  same: token refreshes (REFRESH_TOKEN_AUTH)", num("cold_refresh"), "calls", 1.0, "expected",
        "exactly 1", lambda m, q: m == 1)
    row("  same: slowest of the burst (waits for the 400 ms exchange)", num("cold_max_ms"), "ms",
        num("cold_median_ms"), "ms median", "(info)", lambda m, q: True)
    row("  same: answered 200 (all one credential)", num("cold_ok"), "", num("cold_n"), "requests",
        "all, 1 key", lambda m, q: q == 1.0 and num("cold_keys") == 1)
    lifetime = num("life_lifetime_s")
    lifetimes = num("life_lifetimes")
    # "At most one exchange per credential lifetime": every credential served is replaced by exactly one
    # GetCredentialsForIdentity, never two (no herd, no wasted call). Calls per wall-clock lifetime cannot be
    # <= 1 with refresh-ahead, which renews min(20 min, L/2) before expiry (docs/protocol.md): 2 per L for
    # the bench's 20 s credentials, 1.5 per hour for 1 h ones; that row is information.
    row("constant load, %ss counted, L=%ss: GetCredentialsForIdentity per credential served" % (
        r.get("life_seconds", "?"), r.get("life_lifetime_s", "?")),
        num("life_gcfi"), "calls", num("life_renewals"), "credentials", "<= 1 per credential",
        lambda m, q: q is not None and q <= 1.0)
    row("  same: calls per wall-clock lifetime L (renewed with min(20 min, L/2) left)", num("life_gcfi"), "calls",
        lifetimes, "lifetimes", "(info)", lambda m, q: True)
    row("  same: token refreshes per ID-token lifetime (%ss)" % r.get("life_idtoken_s", "?"),
        num("life_refresh"), "calls", num("life_idtoken_lifetimes"), "ID lifetimes", "<= 1 per lifetime",
        lambda m, q: q is not None and q <= 1.0)
    row("  same: slowest request within 1 s of a renewal/expiry (%s)" % r.get("life_boundaries", "?"),
        num("life_boundary_max_ms"), "ms", num("life_elsewhere_max_ms"), "ms elsewhere", "< 50 ms",
        lambda m, q: m < 50)
    row("  same: failed requests", num("life_errors"), "", num("life_requests"), "requests", "0",
        lambda m, q: m == 0)
    # daemon process
    row("daemon start -> /healthz 200 (median of %s)" % r.get("start_runs", "?"), num("start_daemon_s"), "s",
        num("start_baseline_s"), "s bare JVM", "<= 1.0 s", lambda m, q: m <= 1.0)
    row("  same, restart with a stored session", num("start_restart_s"), "s", num("start_baseline_s"),
        "s bare JVM", "<= 1.0 s", lambda m, q: m <= 1.0)
    row("daemon RSS idle (after sign-in)", num("rss_idle_mib"), "MiB", num("rss_baseline_idle_mib"),
        "MiB bare JVM", "<= 80 MiB", lambda m, q: m <= 80)
    row("daemon RSS after load (hyperfine + wrk)", num("rss_loaded_mib"), "MiB", num("rss_baseline_loaded_mib"),
        "MiB bare JVM", "<= 128 MiB", lambda m, q: m <= 128)

    if "loadavg_before" in r:
        print("machine: %s CPUs, load average %s before, %s after (other work on the machine widens every "
              "latency tail)\n" % (r.get("cpus", "?"), r["loadavg_before"], r.get("loadavg_after", "?")))
    headers = ("figure", "measured", "baseline", "ratio", "target", "result")
    widths = [max(len(str(x[i])) for x in rows + [headers]) for i in range(len(headers))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    print(line(headers))
    print(line(["-" * w for w in widths]))
    for cells in rows:
        print(line(cells))
    misses = sum(1 for cells in rows if cells[5] == "MISS")
    print("\n%d of %d figures meet their target" % (len(rows) - misses, len(rows)))
    return 0


def nginx_conf(directory, port, workers, server_body):
    """Prints an nginx.conf for a foreground nginx on 127.0.0.1:PORT whose files all stay in DIRECTORY
    (its logs/ and tmp/), with SERVER_BODY inside its server block."""
    user = ""
    if os.getuid() == 0:  # nginx run as root drops to nobody, who cannot read a private folder
        import grp
        import pwd
        user = "user %s %s;" % (pwd.getpwuid(0).pw_name, grp.getgrgid(0).gr_name)
    print("""%(user)s
worker_processes %(workers)s;
daemon off;
pid %(dir)s/nginx.pid;
error_log %(dir)s/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %(dir)s/tmp/body;
  proxy_temp_path %(dir)s/tmp/proxy;
  fastcgi_temp_path %(dir)s/tmp/fastcgi;
  uwsgi_temp_path %(dir)s/tmp/uwsgi;
  scgi_temp_path %(dir)s/tmp/scgi;
  keepalive_requests 1000000;
  default_type application/json;
  server {
    listen 127.0.0.1:%(port)s;
    %(body)s
  }
}""" % {"user": user, "workers": workers, "dir": directory, "port": port, "body": server_body})


COMMANDS = {
    "free-port": free_port, "wait-health": wait_health, "admin": admin, "burst": burst, "load": load,
    "hyperfine-medians": hyperfine_medians, "wrk-summary": wrk_summary, "seed": seed, "calls-sum": calls_sum,
    "report": report, "nginx-conf": nginx_conf,
}

if __name__ == "__main__":
    sys.exit(COMMANDS[sys.argv[1]](*sys.argv[2:]) or 0)
