#!/usr/bin/env python3
"""The fault suite's scenarios, each against the real cognito-credsd of a distribution and a
standalone local-cognito in a throwaway home (world.py), each printing one line of figures.

Usage: fault_suite.py --dist DIR --local-cognito JAR [--json] [--seed N] SCENARIO[=COUNT] ...
Scenarios: see SCENARIOS at the end (all: every one, with the default counts).
"""
import argparse
import datetime
import json
import os
import random
import shutil
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import malformed_http  # noqa: E402
from world import World  # noqa: E402


def signed_in(world):
    for profile in world.profiles:
        status, body, _ = world.login(profile)
        if status != 200 or body.get("status") != "SIGNED_IN":
            raise RuntimeError("sign-in of %s failed: %s %s" % (profile, status, body))


def session_intact(world, profile):
    """The session file is there and whole: JSON with the refresh token (or the keychain's mark)."""
    try:
        with open(world.session_file(profile)) as handle:
            session = json.load(handle)
    except (OSError, ValueError):
        return False
    return bool(session.get("refreshToken")) or session.get("store") == "keychain"


def keep_logs(args, world, name):
    """Copies the daemon's and local-cognito's logs (no secret is logged) where --keep-logs says."""
    if args.keep_logs:
        os.makedirs(args.keep_logs, exist_ok=True)
        for log in ("daemon.log", "local-cognito.log"):
            source = os.path.join(world.root, log)
            if os.path.exists(source):
                shutil.copy(source, os.path.join(args.keep_logs, "%s-%s" % (name, log)))


# ---------------------------------------------------------------------------------------- kill -9
def settle(world, profile, failures, seconds=20):
    """Asks for the profile's credentials until they come (or the profile turns out signed out)."""
    deadline = time.monotonic() + seconds
    while True:
        status, body, _ = world.credentials(profile, 15)
        if status in (200, 409) or time.monotonic() > deadline:
            return status, body
        if status is not None and status >= 500:
            failures.append("settle %s: %s %s" % (profile, status, body))
        time.sleep(0.5)


def wait_for_call(world, operation, seen, seconds):
    """True once local-cognito has counted more than `seen` calls of `operation`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if world.calls().get(operation, 0) > seen:
            return True
        time.sleep(0.003)
    return False


def kill9(args, count):
    """count × SIGKILL of the daemon at a random moment: while it rotates refresh tokens (the first
    credential request after a start refreshes the ID token through GetTokensFromRefreshToken, the
    app client rotating) and while it signs a profile in again and saves the new session. After each
    kill every session file must be whole, and after each restart every profile must still be
    signed in."""
    rnd = random.Random(args.seed)
    with World(args.dist, args.local_cognito, "kill9", users=3, rotating=True) as world:
        world.start_daemon()
        signed_in(world)
        lost, broken = set(), 0
        moments = {"rotating": 0, "signing-in": 0, "elsewhere": 0}
        t0 = time.monotonic()
        how, history, failures = [], [], []
        for kill in range(1, count + 1):
            if world.daemon.poll() is not None:
                world.start_daemon()
            if history and history[-1] == "rotating":
                # A rotated-out refresh token keeps working for the app client's grace period (at most
                # 60 s): a session is lost only when every start within it dies in the same few
                # milliseconds before storing the new token. That is a crash loop, not random moments:
                # after such a kill the next start serves every profile once before it is killed.
                for profile in world.profiles:
                    status, body = settle(world, profile, failures)
                    if status == 409 and profile not in lost:
                        lost.add(profile)
                        how.append("%s signed out after kill %d (rotating): %s" % (profile, kill - 1, body))
            before = world.calls()
            answers = {}
            threads = []
            moment = rnd.choice(["rotating", "signing-in", "random"])
            action = {"rotating": "refresh", "signing-in": "login"}.get(moment) or rnd.choice(
                ["refresh", "login", "both"])
            if action in ("refresh", "both"):
                for profile in world.profiles:
                    threads.append(threading.Thread(
                        target=lambda p=profile: answers.__setitem__(("credentials", p), world.credentials(p, 15))))
            relogin = rnd.choice(world.profiles)
            if action in ("login", "both"):
                threads.append(threading.Thread(
                    target=lambda: answers.__setitem__(("login", relogin), world.login(relogin, 15))))
            for thread in threads:
                thread.start()
            if moment == "random":
                time.sleep(rnd.uniform(0.0, 1.0))
            else:
                # the moment Cognito has answered the rotation (or the sign-in's last step), give or take
                # the daemon's saving of what it got
                watched = "GetTokensFromRefreshToken" if moment == "rotating" else "RespondToAuthChallenge"
                if not wait_for_call(world, watched, before.get(watched, 0), 15):
                    moment = "random"
                time.sleep(rnd.uniform(0.0, 0.05))
            world.kill_daemon()
            for thread in threads:
                thread.join(20)
            moments[moment if moment != "random" else "elsewhere"] += 1
            history.append(moment)
            for (kind, profile), (status, body, _) in answers.items():
                if status is not None and status >= 500:
                    failures.append("%s %s: %s %s" % (kind, profile, status, body))
                if kind == "credentials" and status == 409 and profile not in lost:
                    lost.add(profile)
                    how.append("%s signed out after kill %d (%s): %s"
                               % (profile, kill - 1, history[-2] if len(history) > 1 else "-", body.get("message")))
            for profile in world.profiles:
                if not session_intact(world, profile):
                    broken += 1
                    lost.add(profile)
                    how.append("%s: session file missing or broken after kill %d (%s)" % (profile, kill, moment))
        world.start_daemon()
        for profile in world.profiles:
            status, body, _ = world.credentials(profile)
            if status != 200 and profile not in lost:
                lost.add(profile)
                how.append("%s: %s after the last restart (%s)" % (profile, status, body))
        state = world.status()
        for profile in world.profiles:
            if state.get(profile, {}).get("state") != "SIGNED_IN":
                lost.add(profile)
        result = {
            "scenario": "kill9",
            "kills": count,
            "killed_while_rotating": moments["rotating"],
            "killed_while_signing_in": moments["signing-in"],
            "killed_at_random": moments["elsewhere"],
            "sessions": len(world.profiles),
            "sessions_lost": len(lost),
            "session_files_broken": broken,
            "seconds": round(time.monotonic() - t0, 1),
            "lost": how,
            "answers_5xx": len(failures),
            "first_5xx": failures[:3],
        }
        keep_logs(args, world, "kill9")
        return result


# ---------------------------------------------------------------------------------------- malformed
def malformed(args, count):
    """count malformed requests (malformed_http.py) at a daemon with a signed-in profile; then the
    daemon must still serve that profile, and its resident memory must stay small."""
    with World(args.dist, args.local_cognito, "malformed") as world:
        world.start_daemon()
        signed_in(world)
        profile = world.profiles[0]
        world.credentials(profile)
        result = malformed_http.run(world.daemon_port, count, world.token(), profile, args.seed)
        status, _, ms = world.credentials(profile)
        result.update(scenario="malformed", still_serving=status, still_serving_ms=ms,
                      rss_after_mib=world.rss_mib(), daemon_alive=world.daemon.poll() is None)
        keep_logs(args, world, "malformed")
        return result



# ---------------------------------------------------------------------------------------- upstream faults
ANSWER_TIMEOUT_S = 20     # a request still unanswered after this long counts as "no answer"
RECOVERY_LIMIT_S = 30     # how long to wait for fresh credentials once Cognito is back

STAGE_OPERATIONS = {
    "sign-in": ["InitiateAuth", "RespondToAuthChallenge"],
    "refresh": ["InitiateAuth", "GetTokensFromRefreshToken"],
    "getid": ["GetId"],
    "exchange": ["GetCredentialsForIdentity"],
}


def break_upstream(world, mode, operations):
    if mode == "refused":
        world.relay.refuse()
    elif mode == "dropped":
        for operation in operations:
            world.fault(operation, dropRate=1.0)
    elif mode == "hanging":
        for operation in operations:
            world.fault(operation, latencyMs=600000)
    elif mode == "frozen":
        world.freeze_cognito()


def mend_upstream(world, mode):
    if mode == "refused":
        world.relay.restore()
    elif mode == "frozen":
        world.thaw_cognito()
    else:
        world.clear_faults()


def until_served(world, profile, limit_s=RECOVERY_LIMIT_S, differs_from=None):
    """Milliseconds until the profile's credentials come (new ones when differs_from is a key id);
    signs in again when the daemon says it is signed out. None when they did not come in time."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        status, body, _ = world.credentials(profile, ANSWER_TIMEOUT_S)
        if status == 200 and (differs_from is None or body.get("AccessKeyId") != differs_from):
            return round((time.monotonic() - t0) * 1000)
        if status == 409:
            world.login(profile, ANSWER_TIMEOUT_S)
        time.sleep(0.1)
    return None


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def answer(status, body, ms):
    code = body.get("code") if isinstance(body, dict) else None
    return "%s%s/%sms" % (status if status is not None else "none", ":" + code if code else "", int(ms))


def upstream_stages(args, _count):
    """Each stage (sign-in, refresh, GetId, exchange) with Cognito refusing connections, dropping
    them, or hanging: what a caller gets and how long it waits, then how long until fresh credentials
    once Cognito is back."""
    figures = {}
    with World(args.dist, args.local_cognito, "stages", rotating=False) as world:
        profile = world.profiles[0]
        world.start_daemon()
        signed_in(world)
        for stage, operations in STAGE_OPERATIONS.items():
            for mode in ("refused", "dropped", "hanging"):
                if stage in ("refresh", "exchange"):
                    world.stop_daemon()
                    world.start_daemon()   # nothing in memory: the next request needs this stage
                break_upstream(world, mode, operations)
                if stage in ("sign-in", "getid"):
                    if stage == "getid":
                        world.stop_daemon()
                        with open(world.session_file(profile)) as handle:
                            session = json.load(handle)
                        session.pop("identityId", None)   # the identity id is asked for once, then kept
                        with open(world.session_file(profile), "w") as handle:
                            json.dump(session, handle)
                        world.start_daemon()
                        got = world.credentials(profile, ANSWER_TIMEOUT_S)
                    else:
                        got = world.login(profile, ANSWER_TIMEOUT_S)
                else:
                    got = world.credentials(profile, ANSWER_TIMEOUT_S)
                mend_upstream(world, mode)
                figures["%s/%s" % (stage, mode)] = "%s fresh+%sms" % (
                    answer(*got), until_served(world, profile))
    figures["scenario"] = "upstream-stages"
    return figures


def cached_while_upstream_fails(args, _count):
    """Credentials in cache and still valid while Cognito fails at the moment of their renewal
    (refused, dropped, hanging, and the whole process frozen with SIGSTOP): the latency of every
    answer meanwhile (all must come from the cache), then the time from Cognito's return to fresh
    credentials."""
    lifetime = 40   # prefetch 18-22 s before expiry, stale 4 s before
    figures = {}
    with World(args.dist, args.local_cognito, "cached", credential_lifetime=lifetime, rotating=False) as world:
        profile = world.profiles[0]
        world.start_daemon()
        signed_in(world)
        for mode in ("refused", "dropped", "hanging", "frozen"):
            status, body, _ = world.credentials(profile)
            if status != 200:
                figures[mode] = "no credentials to start from: %s" % answer(status, body, 0)
                continue
            key = body["AccessKeyId"]
            expires = time.monotonic() + (parse_time(body["Expiration"]) - time.time())
            break_upstream(world, mode, ["*"])
            latencies, codes = [], {}
            while time.monotonic() < expires - 6:          # through the prefetch window, before stale
                status, body, ms = world.credentials(profile, ANSWER_TIMEOUT_S)
                latencies.append(ms)
                label = "cached" if status == 200 and body.get("AccessKeyId") == key else str(status)
                codes[label] = codes.get(label, 0) + 1
                time.sleep(0.2)
            mend_upstream(world, mode)
            fresh = until_served(world, profile, differs_from=key)
            latencies.sort()
            figures[mode] = "answers=%s p50=%sms max=%sms fresh_after_return=%sms" % (
                json.dumps(codes, separators=(",", ":")), latencies[len(latencies) // 2], latencies[-1],
                fresh)
    figures["scenario"] = "cached-while-failing"
    return figures


def offline_start(args, _count):
    """A signed-in daemon started while Cognito is unreachable: the first credential request's answer
    and latency, credential-process's exit code, and the time to credentials once Cognito is back."""
    figures = {}
    with World(args.dist, args.local_cognito, "offline", rotating=False) as world:
        profile = world.profiles[0]
        world.start_daemon()
        signed_in(world)
        for mode in ("refused", "dropped"):
            world.stop_daemon()
            break_upstream(world, mode, ["*"])
            world.start_daemon()
            got = world.credentials(profile, ANSWER_TIMEOUT_S)
            code, _, cp_ms = world.cli("credential-process", "--profile", profile, timeout=60)
            mend_upstream(world, mode)
            figures[mode] = "%s credential-process=exit%s/%sms fresh+%sms" % (
                answer(*got), code, int(cp_ms), until_served(world, profile))
    figures["scenario"] = "offline-start"
    return figures


def throttling(args, _count):
    """Cognito answering TooManyRequestsException to everything while 4 callers keep asking a
    daemon with nothing cached, for 30 s: upstream calls per minute (with the daemon's back-off and
    single flight) against the callers' requests per minute (one call each without them)."""
    seconds = 30
    with World(args.dist, args.local_cognito, "throttle", rotating=False) as world:
        profile = world.profiles[0]
        world.start_daemon()
        signed_in(world)
        world.stop_daemon()
        world.start_daemon()
        world.fault("*", throttleRate=1.0)
        world.admin("DELETE", "/_local/calls")
        requests, codes = [0], {}
        stop = time.monotonic() + seconds

        def caller():
            while time.monotonic() < stop:
                status, body, _ = world.credentials(profile, ANSWER_TIMEOUT_S)
                requests[0] += 1
                key = answer(status, body, 0).rsplit("/", 1)[0]
                codes[key] = codes.get(key, 0) + 1

        threads = [threading.Thread(target=caller) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        calls = sum(world.calls().values())
        world.clear_faults()
        fresh = until_served(world, profile)
        return {"scenario": "throttling", "upstream_calls_per_min": round(calls * 60 / seconds),
                "caller_requests_per_min": round(requests[0] * 60 / seconds), "answers": codes,
                "fresh_after_return_ms": fresh}


def clock_skew(args, _count):
    """Cognito's clock 5 minutes ahead of and behind the machine's: sign-in, credentials, and a
    refresh after a restart."""
    figures = {}
    for offset in (300, -300):
        with World(args.dist, args.local_cognito, "clock", rotating=False, clock_offset=offset) as world:
            profile = world.profiles[0]
            world.start_daemon()
            login = world.login(profile, ANSWER_TIMEOUT_S)
            first = world.credentials(profile, ANSWER_TIMEOUT_S)
            world.stop_daemon()
            world.start_daemon()
            again = world.credentials(profile, ANSWER_TIMEOUT_S)
            figures["%+dmin" % (offset // 60)] = "login=%s credentials=%s after-restart=%s" % (
                answer(*login), answer(*first), answer(*again))
    figures["scenario"] = "clock-skew"
    return figures


def corrupted_session(args, _count):
    """A session file that is not JSON (and one cut in half): what the daemon answers, whether the
    message names the file, and that it keeps running and serving the other profile."""
    figures = {}
    with World(args.dist, args.local_cognito, "corrupt", users=2, rotating=False) as world:
        world.start_daemon()
        signed_in(world)
        broken, healthy = world.profiles
        for kind in ("garbage", "truncated"):
            world.stop_daemon()
            path = world.session_file(broken)
            with open(path, "rb") as handle:
                content = handle.read()
            with open(path, "wb") as handle:
                handle.write(b"\x00\xffnot json{{" if kind == "garbage" else content[: len(content) // 2])
            world.start_daemon()
            status, body, ms = world.credentials(broken, ANSWER_TIMEOUT_S)
            message = json.dumps(body)
            other, _, _ = world.credentials(healthy, ANSWER_TIMEOUT_S)
            state = world.status().get(broken, {})
            figures[kind] = "%s names_file=%s other_profile=%s status=%s alive=%s" % (
                answer(status, body, ms), os.path.basename(path) in message or path in message, other,
                state.get("state"), world.daemon.poll() is None)
            world.login(broken, ANSWER_TIMEOUT_S)
    figures["scenario"] = "corrupted-session"
    return figures


def state_unusable(args, _count):
    """The state folder read-only, then full, at the moment a sign-in must be saved (a tmpfs mounted
    on the state folder; needs root): the answer, whether the old session is kept and still serves."""
    figures = {}
    with World(args.dist, args.local_cognito, "state", rotating=False) as world:
        if not world.mount_state_tmpfs(1024):
            return {"scenario": "state-unusable", "skipped": "needs root to mount a tmpfs"}
        profile = world.profiles[0]
        world.start_daemon()
        signed_in(world)
        world.credentials(profile)
        for kind in ("read-only", "full"):
            with open(world.session_file(profile), "rb") as handle:
                before = handle.read()
            if kind == "read-only":
                world.remount_state(read_only=True)
            else:
                world.fill_state()
            status, body, ms = world.login(profile, ANSWER_TIMEOUT_S)
            served, _, _ = world.credentials(profile, ANSWER_TIMEOUT_S)
            with open(world.session_file(profile), "rb") as handle:
                kept = handle.read() == before
            if kind == "read-only":
                world.remount_state(read_only=False)
            else:
                world.unfill_state()
            figures[kind] = "login=%s message=%r old_session_kept=%s still_served=%s" % (
                answer(status, body, ms), (body.get("message") or "")[:90] if isinstance(body, dict) else "",
                kept, served)
    figures["scenario"] = "state-unusable"
    return figures


def token_in_session_file(world, profile):
    """Whether the refresh token is in the profile's session file (not only in the keychain)."""
    try:
        with open(world.session_file(profile)) as handle:
            return bool(json.load(handle).get("refreshToken"))
    except (OSError, ValueError):
        return None


def keychain_gone(args, _count):
    """Sessions in the OS keychain (gnome-keyring's Secret Service on a private D-Bus), which goes
    away (keyring and bus killed) while the daemon runs: cached credentials; a sign-in, saved into the
    0600 session file instead; a restart without it, whose refresh rotates the refresh token (saved
    again); then the keychain comes back: after a restart the token is in it and out of the file."""
    if not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")):
        return {"scenario": "keychain-gone", "skipped": "needs gnome-keyring-daemon and dbus-run-session"}
    figures = {}
    with World(args.dist, args.local_cognito, "keychain", rotating=True) as world:
        # on a loaded machine, loading the daemon's keychain code alone can take longer than the
        # default 1.5 s per call, and the daemon would keep its sessions in files
        world.extra_env["COGNITO_CREDS_KEYCHAIN_TIMEOUT_MS"] = "15000"
        keychain = world.start_secret_service()
        profile = world.profiles[0]

        def stored():
            state = world.status().get(profile, {})
            return "%s/%s token_in_file=%s" % (state.get("state"), state.get("store"),
                                               token_in_session_file(world, profile))

        world.start_daemon()
        signed_in(world)
        figures["before"] = stored()
        if world.status().get(profile, {}).get("store") != "keychain":
            keep_logs(args, world, "keychain")
            raise RuntimeError("the daemon did not take the keychain: %s" % world.log("daemon.log"))
        world.credentials(profile)
        os.killpg(keychain.pid, signal.SIGKILL)
        keychain.wait(10)
        figures["cached"] = answer(*world.credentials(profile, ANSWER_TIMEOUT_S))
        figures["sign-in"] = answer(*world.login(profile, ANSWER_TIMEOUT_S))
        figures["after-sign-in"] = stored()
        world.stop_daemon()
        rotations = world.calls().get("GetTokensFromRefreshToken", 0)
        world.start_daemon()
        figures["restart-without"] = answer(*world.credentials(profile, ANSWER_TIMEOUT_S))
        figures["rotations"] = world.calls().get("GetTokensFromRefreshToken", 0) - rotations
        figures["after-restart"] = stored()
        world.start_secret_service()
        world.stop_daemon()
        world.start_daemon()
        figures["keychain-back"] = answer(*world.credentials(profile, ANSWER_TIMEOUT_S))
        figures["after-return"] = stored()
        figures["sessions_lost"] = sum(1 for k in ("cached", "sign-in", "restart-without", "keychain-back")
                                       if not figures[k].startswith("200/"))
        figures["alive"] = world.daemon.poll() is None
        keep_logs(args, world, "keychain")
    figures["scenario"] = "keychain-gone"
    return figures


SCENARIOS = {
    "offline-start": (offline_start, 1),
    "upstream-stages": (upstream_stages, 1),
    "cached-while-failing": (cached_while_upstream_fails, 1),
    "throttling": (throttling, 1),
    "clock-skew": (clock_skew, 1),
    "state-unusable": (state_unusable, 1),
    "keychain-gone": (keychain_gone, 1),
    "corrupted-session": (corrupted_session, 1),
    "kill9": (kill9, 100),
    "malformed": (malformed, 10000),
}


def line(result):
    name = result.pop("scenario")
    return "%-22s %s" % (name, "  ".join("%s=%s" % (k, json.dumps(v, separators=(",", ":")))
                                         for k, v in result.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", required=True)
    parser.add_argument("--local-cognito", required=True)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-logs", metavar="DIR", help="copy each scenario's logs into DIR")
    parser.add_argument("scenarios", nargs="+")
    args = parser.parse_args()
    # SIGTERM (the wrapper's timeout) unwinds like an exception, so each World stops what it started
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wanted = []
    for item in args.scenarios:
        name, _, count = item.partition("=")
        names = list(SCENARIOS) if name == "all" else [name]
        for n in names:
            if n not in SCENARIOS:
                parser.error("unknown scenario %s (known: %s)" % (n, ", ".join(SCENARIOS)))
            wanted.append((n, int(count) if count else SCENARIOS[n][1]))
    failed = 0
    for name, count in wanted:
        try:
            result = SCENARIOS[name][0](args, count)
        except Exception as e:  # one broken scenario must not hide the others' figures
            result = {"scenario": name, "error": "%s: %s" % (type(e).__name__, e)}
            failed += 1
        print(json.dumps(result) if args.json else line(dict(result)), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
