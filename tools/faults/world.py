"""A throwaway installation for the fault suite: a temporary home, local-cognito (a standalone process,
so it can be frozen with SIGSTOP), a TCP relay in front of it (so Cognito can refuse connections and
come back on the same address), and the real cognito-credsd of a distribution, on loopback only.
Everything is stopped and deleted by close()."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from loopback import free_port, healthy, pump  # noqa: E402

REGION = "us-east-2"
POOL = "us-east-2_FAULTpool1"
ROTATING_CLIENT = "faultclientrotating0000000"
PLAIN_CLIENT = "faultclientplain0000000000"
IDENTITY_POOL = "us-east-2:00000000-0000-4000-8000-0000000fa017"
PROVIDER = "cognito-idp.%s.amazonaws.com/%s" % (REGION, POOL)
LICENSED_ROLE = "arn:aws:iam::111122223333:role/ecr-pull-licensed"


class Relay:
    """Forwards 127.0.0.1:port to a target port; refuse() closes the listener (connections are refused),
    restore() listens again on the same port."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self._listener = None
        self._open = set()
        self._lock = threading.Lock()
        self.restore()

    def restore(self):
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def refuse(self):
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        with self._lock:
            cut, self._open = self._open, set()
        for conn in cut:  # pooled connections go too, as when a network goes away
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=pump, args=(a, b), daemon=True).start()


class World:
    def __init__(self, dist, local_cognito_jar, name, users=1, credential_lifetime=None, id_token_seconds=3600,
                 rotation_grace=60, rotating=True, clock_offset=0):
        self.dist = dist
        self.jar = local_cognito_jar
        self.root = tempfile.mkdtemp(prefix="cognito-creds-%s." % name)
        os.chmod(self.root, 0o700)
        self.home = os.path.join(self.root, "home")
        self.state = os.path.join(self.home, ".local", "state")
        self.runtime = os.path.join(self.root, "run")
        self.config = os.path.join(self.home, ".aws", "config")
        for d in (os.path.dirname(self.config), self.state, self.runtime):
            os.makedirs(d, mode=0o700, exist_ok=True)
        self.procs = []
        self.extra_env = {}
        self.mounted = False
        self.daemon = None
        self.daemon_port = free_port()
        self.users = ["fault-user-%d" % i for i in range(1, users + 1)]
        self.profiles = ["p%d" % i for i in range(1, users + 1)]
        self.password = "Fault-%d-Passw0rd!" % os.getpid()
        self.client_id = ROTATING_CLIENT if rotating else PLAIN_CLIENT
        self._seed(id_token_seconds, rotation_grace)
        args = ["java", "-Xmx128m", "-jar", self.jar, "--port", "0", "--seed", self._path("seed.json")]
        if credential_lifetime:
            args += ["--credential-lifetime", str(credential_lifetime)]
        if clock_offset:
            args += ["--clock-offset", str(clock_offset)]
        self.cognito = self._spawn(args, "local-cognito.log", stdout=subprocess.PIPE)
        line = self.cognito.stdout.readline().decode()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not match:
            raise RuntimeError("local-cognito did not start: %s %s" % (line, self.log("local-cognito.log")))
        self.cognito_port = int(match.group(1))
        self.relay = Relay(self.cognito_port)
        self.write_config()

    # ------------------------------------------------------------------------------------ setup
    def _path(self, name):
        return os.path.join(self.root, name)

    def _seed(self, id_token_seconds, grace):
        def client(client_id, rotation):
            c = {"ClientId": client_id, "ClientName": client_id,
                 "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                 "IdTokenValidity": id_token_seconds, "AccessTokenValidity": id_token_seconds,
                 "RefreshTokenValidity": 86400,
                 "TokenValidityUnits": {"IdToken": "seconds", "AccessToken": "seconds", "RefreshToken": "seconds"},
                 "EnableTokenRevocation": True}
            if rotation:
                c["RefreshTokenRotation"] = {"Feature": "ENABLED", "RetryGracePeriodSeconds": grace}
            return c
        seed = {
            "Region": REGION, "AccountId": "111122223333",
            "UserPools": [{
                "Id": POOL, "PoolName": "fault-suite", "MfaConfiguration": "OFF",
                "Schema": [{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
                           {"Name": "isLicensed", "AttributeDataType": "String", "Mutable": True}],
                "Clients": [client(ROTATING_CLIENT, True), client(PLAIN_CLIENT, False)],
                "Groups": [{"GroupName": "licensed", "RoleArn": LICENSED_ROLE, "Precedence": 1}],
                "Users": [{"Username": u, "Password": self.password,
                           "Attributes": {"email": "%s@example.com" % u, "email_verified": "true",
                                          "custom:isLicensed": "1"},
                           "Groups": ["licensed"]} for u in self.users],
            }],
            "IdentityPools": [{
                "IdentityPoolId": IDENTITY_POOL, "IdentityPoolName": "fault_suite",
                "AllowUnauthenticatedIdentities": False,
                "CognitoIdentityProviders": [{"ProviderName": PROVIDER, "ClientId": self.client_id}],
                "Roles": {"authenticated": LICENSED_ROLE},
            }],
        }
        with open(self._path("seed.json"), "w") as handle:
            json.dump(seed, handle)

    def write_config(self, endpoint_port=None, extra=""):
        port = endpoint_port or self.relay.port
        with open(self.config, "w") as handle:
            for profile in self.profiles:
                handle.write("[profile %s]\nregion = %s\ncognito_user_pool_id = %s\ncognito_client_id = %s\n"
                             "cognito_identity_pool_id = %s\ncognito_endpoint_url = http://127.0.0.1:%d\n%s\n"
                             % (profile, REGION, POOL, self.client_id, IDENTITY_POOL, port, extra))

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "DBUS_SESSION_BUS_ADDRESS"}
        env.update(HOME=self.home, XDG_STATE_HOME=self.state, XDG_RUNTIME_DIR=self.runtime,
                   AWS_CONFIG_FILE=self.config, AWS_EC2_METADATA_DISABLED="true")
        env.update(self.extra_env)
        return env

    def _spawn(self, args, log, stdout=None):
        handle = open(self._path(log), "ab")
        proc = subprocess.Popen(args, stdout=stdout or handle, stderr=handle, env=self.env(),
                                start_new_session=True)
        self.procs.append(proc)
        return proc

    def log(self, name):
        try:
            with open(self._path(name), errors="replace") as handle:
                return handle.read()[-2000:]
        except OSError:
            return ""

    # ------------------------------------------------------------------------------------ daemon
    def start_daemon(self, wait=True):
        self.daemon = self._spawn([os.path.join(self.dist, "bin", "cognito-credsd"), "--port",
                                   str(self.daemon_port)], "daemon.log")
        if wait and not self.wait_health(30):
            raise RuntimeError("cognito-credsd did not answer /healthz: %s" % self.log("daemon.log"))
        return self.daemon

    def wait_health(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.daemon.poll() is not None:
                return False
            if healthy(self.daemon_port):
                return True
            time.sleep(0.02)
        return False

    def kill_daemon(self):
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGKILL)
            self.daemon.wait(10)

    def stop_daemon(self):
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.terminate()
            try:
                self.daemon.wait(15)
            except subprocess.TimeoutExpired:
                self.kill_daemon()

    def token(self):
        with open(os.path.join(self.state, "cognito-creds", "auth-token")) as handle:
            return handle.read().strip()

    def session_file(self, profile):
        return os.path.join(self.state, "cognito-creds", "sessions", profile + ".json")

    def rss_mib(self):
        with open("/proc/%d/status" % self.daemon.pid) as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
        return None

    def request(self, method, path, body=None, timeout=30):
        """(status, parsed JSON or text, milliseconds); status None when no answer came."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request("http://127.0.0.1:%d%s" % (self.daemon_port, path), data=data,
                                         method=method, headers={"Authorization": self.token()})
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                status, text = answer.status, answer.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode()
        except (OSError, urllib.error.URLError):
            status, text = None, ""
        ms = round((time.monotonic() - t0) * 1000, 1)
        try:
            return status, json.loads(text), ms
        except ValueError:
            return status, text, ms

    def credentials(self, profile, timeout=30):
        return self.request("GET", "/v1/profiles/%s/credentials" % profile, timeout=timeout)

    def login(self, profile, timeout=60):
        user = self.users[self.profiles.index(profile)]
        return self.request("POST", "/v1/profiles/%s/login" % profile,
                            {"username": user, "password": self.password}, timeout=timeout)

    def status(self):
        status, body, _ = self.request("GET", "/v1/status")
        return {p["profile"]: p for p in body["profiles"]} if status == 200 else {}

    def cli(self, *args, stdin=None, timeout=60):
        t0 = time.monotonic()
        result = subprocess.run([os.path.join(self.dist, "bin", "cognito-creds"), *args], input=stdin,
                                capture_output=True, env=self.env(), timeout=timeout, text=True)
        return result.returncode, result.stdout + result.stderr, round((time.monotonic() - t0) * 1000, 1)

    # ------------------------------------------------------------------------------------ state folder
    def mount_state_tmpfs(self, kib):
        """A small tmpfs as the state folder (before the daemon first starts), so it can be filled or
        made read-only; False when this process may not mount."""
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dk,mode=0700" % kib, "tmpfs", self.state],
                                capture_output=True)
        self.mounted = result.returncode == 0
        return self.mounted

    def remount_state(self, read_only):
        subprocess.run(["mount", "-o", "remount," + ("ro" if read_only else "rw"), self.state], check=True)

    def fill_state(self):
        filler = os.path.join(self.state, "filler")
        try:
            with open(filler, "wb", buffering=0) as handle:
                while True:
                    handle.write(b"\0" * 4096)
        except OSError:
            pass  # full

    def unfill_state(self):
        os.remove(os.path.join(self.state, "filler"))

    # ------------------------------------------------------------------------------------ keychain
    def start_secret_service(self):
        """gnome-keyring's Secret Service on a private D-Bus session, unlocked without a prompt; the
        daemons started afterwards use it. Returns once the service answers a real call (its default
        collection says it is unlocked), not merely owns its bus name; started again, it opens the
        same keyring with what was stored before. Returns its process (kill its group to take it
        away)."""
        keyring = os.path.join(self.root, "keyring")
        os.makedirs(keyring, mode=0o700, exist_ok=True)
        script = ("echo -n fault-suite | gnome-keyring-daemon --foreground --unlock --components=secrets "
                  ">/dev/null 2>&1 &\n"
                  # its bus name first: a call to an unowned name would have D-Bus start another,
                  # locked, gnome-keyring
                  "for i in $(seq 1 600); do dbus-send --session --print-reply --dest=org.freedesktop.DBus "
                  "/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets "
                  "2>/dev/null | grep -q 'boolean true' && break; sleep 0.05; done\n"
                  "for i in $(seq 1 600); do dbus-send --session --print-reply --reply-timeout=2000 "
                  "--dest=org.freedesktop.secrets /org/freedesktop/secrets/aliases/default "
                  "org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked "
                  "2>/dev/null | grep -q 'boolean false' && break; sleep 0.05; done\n"
                  "echo \"$DBUS_SESSION_BUS_ADDRESS\"\nwait\n")
        env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        env.update(HOME=keyring, XDG_DATA_HOME=os.path.join(keyring, "data"))
        proc = subprocess.Popen(["dbus-run-session", "--", "sh", "-c", script], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        self.procs.append(proc)
        address = proc.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError("the Secret Service did not start")
        self.extra_env["DBUS_SESSION_BUS_ADDRESS"] = address
        return proc

    # ------------------------------------------------------------------------------------ cognito
    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request("http://127.0.0.1:%d%s" % (self.cognito_port, path), data=data,
                                         method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            text = answer.read().decode()
        return json.loads(text) if text else None

    def fault(self, operation, **fault):
        self.admin("PUT", "/_local/faults/%s" % operation, fault)

    def clear_faults(self):
        self.admin("DELETE", "/_local/faults")

    def calls(self):
        return self.admin("GET", "/_local/calls") or {}

    def freeze_cognito(self):
        os.kill(self.cognito.pid, signal.SIGSTOP)

    def thaw_cognito(self):
        os.kill(self.cognito.pid, signal.SIGCONT)

    def close(self):
        try:
            self.thaw_cognito()
        except OSError:
            pass
        self.relay.refuse()
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)   # each was started in its own process group
            except OSError:
                pass
        for proc in reversed(self.procs):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if self.mounted:
            subprocess.run(["umount", "-l", self.state], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
