"""Pieces of bench/docker-helper.sh that are simpler in Python: an OCI image layout, a bcrypt
htpasswd line, an HTTPS proxy that lets docker-credential-ecr-login reach local-cognito's ECR, and
the timing of commands (median wall time of alternating runs).

Usage:
  docker_helper.py oci DIR TAG                   writes a one-layer image; prints its digest
  docker_helper.py htpasswd PASSWORD             prints AWS:<bcrypt, cost 4>
  docker_helper.py proxy HOST CERT KEY TARGET_PORT PORT_FILE
                                                 CONNECT HOST:443 -> TLS with CERT -> 127.0.0.1:TARGET_PORT
  docker_helper.py spec FILE STDIN ARGV...       writes a SPEC with this environment
  docker_helper.py time RUNS NAME=SPEC.json ...  runs each command RUNS times, alternating (SPEC:
                                                 {"argv": [...], "stdin": "...", "env": {...}});
                                                 prints "NAME median_ms" lines; with QUIET_SECONDS
                                                 set, waits that long before each run (a pull after
                                                 a quiet while, as people pull)
"""
import gzip
import hashlib
import io
import json
import os
import socket
import ssl
import statistics
import subprocess
import sys
import tarfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tools"))
import loopback  # noqa: E402


def oci(directory, tag):
    os.makedirs(os.path.join(directory, "blobs", "sha256"), exist_ok=True)

    def blob(content):
        digest = hashlib.sha256(content).hexdigest()
        with open(os.path.join(directory, "blobs", "sha256", digest), "wb") as out:
            out.write(content)
        return "sha256:" + digest, len(content)

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as archive:
        data = b"pulled through cognito-creds\n"
        info = tarfile.TarInfo("hello.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    layer = raw.getvalue()
    layer_digest, layer_size = blob(gzip.compress(layer, mtime=0))
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers",
                                    "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]}})
    config_digest, config_size = blob(config.encode())
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": config_digest, "size": config_size},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": layer_digest, "size": layer_size}]})
    manifest_digest, manifest_size = blob(manifest.encode())
    with open(os.path.join(directory, "index.json"), "w") as out:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": manifest_digest, "size": manifest_size,
            "annotations": {"org.opencontainers.image.ref.name": tag}}]}, out)
    with open(os.path.join(directory, "oci-layout"), "w") as out:
        out.write('{"imageLayoutVersion":"1.0.0"}')
    print(manifest_digest)


def htpasswd(password):
    import crypt  # deprecated (removed in Python 3.13), present in Debian 12's 3.11
    print("AWS:" + crypt.crypt(password, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))


def proxy(host, cert, key, target_port, port_file):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    with open(port_file + ".tmp", "w") as out:
        out.write(str(server.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)

    def serve(client):
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = client.recv(4096)
                if not chunk:
                    return
                request += chunk
            line = request.split(b"\r\n", 1)[0].decode()
            if line.split()[:2] != ["CONNECT", host + ":443"]:
                client.sendall(b"HTTP/1.1 403 Forbidden\r\n\r\n")
                client.close()
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            tls = context.wrap_socket(client, server_side=True)
            upstream = socket.create_connection(("127.0.0.1", int(target_port)))
            threading.Thread(target=loopback.pump, args=(upstream, tls), daemon=True).start()
            loopback.pump(tls, upstream)
        except (OSError, ssl.SSLError):
            client.close()

    while True:
        connection, _ = server.accept()
        threading.Thread(target=serve, args=(connection,), daemon=True).start()


def timing(runs, commands):
    named = []
    for command in commands:
        name, spec_file = command.split("=", 1)
        with open(spec_file) as spec:
            named.append((name, json.load(spec)))
    samples = {name: [] for name, _ in named}
    quiet = float(os.environ.get("QUIET_SECONDS", "0"))
    for _ in range(runs):
        for name, spec in named:
            time.sleep(quiet)
            start = time.perf_counter()
            done = subprocess.run(spec["argv"], input=spec.get("stdin", "").encode(),
                                  env=spec["env"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
            elapsed = (time.perf_counter() - start) * 1000
            if done.returncode != 0:
                sys.exit("%s failed: %s" % (name, done.stderr.decode(errors="replace")))
            samples[name].append(elapsed)
    for name, _ in named:
        print("%s %.1f" % (name, statistics.median(samples[name])))


if __name__ == "__main__":
    verb, args = sys.argv[1], sys.argv[2:]
    if verb == "oci":
        oci(*args)
    elif verb == "htpasswd":
        htpasswd(*args)
    elif verb == "proxy":
        proxy(*args)
    elif verb == "spec":
        with open(args[0], "w") as out:
            json.dump({"argv": args[2:], "stdin": args[1], "env": dict(os.environ)}, out)
    elif verb == "time":
        timing(int(args[0]), args[1:])
    else:
        sys.exit(__doc__)
