"""Holds a benchmark load of sockets open until its standard input ends.

usage: holder.py --connections N [--per-holder M] [--listeners K] [--timeout SECONDS]

  --connections N  loopback TCP connections to open; both ends are kept, so 2*N ESTABLISHED sockets
  --per-holder M   most descriptors one holder process may use (stays under the hard RLIMIT_NOFILE)
  --listeners K    extra listening sockets held by the master, alternately on 127.0.0.1 and ::1
  --timeout S      give up building the load after S seconds

Run it inside the network namespace that should hold the load. The connections are spread over holder
processes (a process cannot hold more descriptors than its hard limit); each holder listens on its own
port of 127.0.0.1 and connects to itself. Prints "ready PID PID ..." (the master, then the holders) once
every socket is open, or "failed: REASON" and exits 1. Every process ends when the master's standard input
reaches end of file, and the holders also die with the master (PR_SET_PDEATHSIG), so nothing outlives
whoever started it. Only the Python standard library is used.
"""
import argparse
import ctypes
import os
import resource
import select
import signal
import socket
import sys
import time

# Descriptors a holder needs besides its connections: stdio, the listener, the report pipe, slack.
RESERVED_FDS = 16
# Connections opened before their server ends are accepted: fewer round trips through the scheduler.
BATCH = 256


def die_with_parent():
    try:
        # PR_SET_PDEATHSIG = 1: a holder must not outlive the master that started it.
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def open_connections(count, deadline):
    """Opens `count` loopback connections to a listener of our own; returns every socket to keep."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    port = listener.getsockname()[1]
    held = [listener]
    opened = 0
    while opened < count:
        if time.monotonic() > deadline:
            raise OSError("timed out after %d of %d connections" % (opened, count))
        batch = min(BATCH, count - opened)
        clients = []
        for _ in range(batch):
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            client.connect(("127.0.0.1", port))
            clients.append(client)
        for client in clients:
            server, _ = listener.accept()
            held.append(client)
            held.append(server)
        opened += batch
    return held


def open_listeners(count):
    held = []
    for i in range(count):
        family, host = (socket.AF_INET, "127.0.0.1") if i % 2 == 0 else (socket.AF_INET6, "::1")
        s = socket.socket(family, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, 0))
        s.listen(16)
        held.append(s)
    return held


def start_holder(count, deadline):
    """Forks a holder for `count` connections; returns (pid, read end of its report pipe)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            die_with_parent()
            try:
                held = open_connections(count, deadline)
                os.write(write_end, b"ok\n")
            except OSError as e:
                os.write(write_end, ("failed: %s\n" % e).encode())
                os._exit(1)
            os.close(write_end)
            # Sleep until the master kills us (its stdin closed) or dies; `held` keeps the sockets open.
            while held:
                signal.pause()
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def stop(children):
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def main():
    parser = argparse.ArgumentParser(description="Holds loopback sockets open for a benchmark.")
    parser.add_argument("--connections", type=int, required=True)
    parser.add_argument("--per-holder", type=int, default=16000)
    parser.add_argument("--listeners", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()

    hard = raise_fd_limit()
    per_holder = min(args.per_holder, hard - RESERVED_FDS)
    per_holder_connections = max(1, per_holder // 2)
    deadline = time.monotonic() + args.timeout

    listeners = open_listeners(args.listeners)
    children = []
    reports = {}
    remaining = args.connections
    # Start every holder at once: they build their share in parallel on all processors.
    while remaining > 0:
        # Spread evenly over as few holders as the limit allows, rather than leaving a small last one.
        holders_left = -(-remaining // per_holder_connections)
        count = -(-remaining // holders_left)
        remaining -= count
        pid, report = start_holder(count, deadline)
        children.append(pid)
        reports[report] = pid

    failure = None
    pending = set(reports)
    while pending and failure is None:
        left = deadline - time.monotonic()
        if left <= 0:
            failure = "failed: timed out building the load"
            break
        ready, _, _ = select.select(list(pending), [], [], left)
        for fd in ready:
            answer = os.read(fd, 200).decode().strip()
            os.close(fd)
            pending.discard(fd)
            if answer != "ok":
                failure = answer or "failed: holder %d died" % reports[fd]
                break
    if failure is not None:
        print(failure, flush=True)
        stop(children)
        sys.exit(1)

    print("ready %d %s" % (os.getpid(), " ".join(map(str, children))), flush=True)
    try:
        sys.stdin.buffer.read()
    finally:
        stop(children)
        del listeners


if __name__ == "__main__":
    main()
