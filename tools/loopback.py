"""Loopback plumbing shared by the throwaway worlds of the bench (bench/) and the fault suite
(tools/faults/): a free port, a byte pump between two sockets, and the daemon's /healthz probe.
Import it after putting this folder on sys.path."""
import socket


def free_port():
    """A port nothing listens on now (another process may take it before it is used: bind soon)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pump(source, sink):
    """Copies source to sink until either side ends, then shuts both down (so the other direction's
    pump ends too)."""
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def healthy(port):
    """True when the daemon on 127.0.0.1:port answers GET /healthz with 200 now."""
    request = b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n" % int(port)
    try:
        with socket.create_connection(("127.0.0.1", int(port)), timeout=1) as sock:
            sock.sendall(request)
            head = sock.recv(64)
    except OSError:
        return False
    return head.startswith(b"HTTP/1.") and head[9:12] == b"200"
