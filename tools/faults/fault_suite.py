#!/usr/bin/env python3
"""The fault suite's scenarios, each against the real cognito-credsd of a distribution and a
standalone local-cognito in a throwaway home (world.py), each printing one line of figures.

Usage: fault_suite.py --dist DIR --local-cognito JAR [--json] [--seed N] SCENARIO[=COUNT] ...
Scenarios: see SCENARIOS at the end (all: every one, with the default counts).
"""
import argparse
import json
import os
import random
import shutil
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


SCENARIOS = {
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
