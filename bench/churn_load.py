"""Opens and closes short-lived loopback TCP connections for a bounded time: a load of churning sockets.

usage: churn_load.py [--rate R] [--seconds S] [--min-life MS] [--max-life MS] [--log FILE]

  --rate R        connections opened per second (default 300)
  --seconds S     stop after S seconds (default 30); standard input reaching end of file stops it sooner
  --min-life MS   shortest time a connection is kept open (default 20)
  --max-life MS   longest time a connection is kept open (default 200)
  --log FILE      write one line per client socket: "INODE OPENED CLOSED" (CLOCK_MONOTONIC nanoseconds,
                  the clock of Java's System.nanoTime), to tell when each socket existed

Run it inside a network namespace of its own. A server process accepts on 127.0.0.1 and closes each
connection when its client does; a client process opens connections at the given rate and closes each after
a random lifetime, so both ends of every open connection are ESTABLISHED. Prints "ready SERVER CLIENT" (the
two process ids) once the first connections are open. Both processes die with their parent
(PR_SET_PDEATHSIG) and end on their own after --seconds, so nothing outlives whoever started them.
Only the Python standard library is used.
"""
import argparse
import ctypes
import heapq
import os
import random
import selectors
import signal
import socket
import sys
import time


def die_with_parent():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(listener, deadline):
    """Accepts connections and closes each one once its client has closed it."""
    selector = selectors.DefaultSelector()
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)
    while time.monotonic() < deadline:
        for key, _ in selector.select(timeout=0.05):
            sock = key.fileobj
            if sock is listener:
                while True:
                    try:
                        conn, _ = listener.accept()
                    except BlockingIOError:
                        break
                    conn.setblocking(False)
                    selector.register(conn, selectors.EVENT_READ)
                continue
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                selector.unregister(sock)
                sock.close()


def connect(port, args, deadline, log):
    """Opens --rate connections a second, each kept open for a random lifetime."""
    period = 1.0 / args.rate
    open_until = []  # heap of (close time, sequence, socket, inode, opened)
    sequence = 0
    next_open = time.monotonic()
    while True:
        now = time.monotonic()
        if now >= deadline:
            break
        while next_open <= now:
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            client.connect(("127.0.0.1", port))
            opened = time.monotonic_ns()
            life = random.uniform(args.min_life, args.max_life) / 1000.0
            heapq.heappush(open_until, (now + life, sequence, client, os.fstat(client.fileno()).st_ino, opened))
            sequence += 1
            next_open += period
        while open_until and open_until[0][0] <= now:
            _, _, client, inode, opened = heapq.heappop(open_until)
            client.close()
            if log:
                log.write("%d %d %d\n" % (inode, opened, time.monotonic_ns()))
        wake = min(next_open, open_until[0][0] if open_until else next_open, deadline)
        time.sleep(max(0.0, wake - time.monotonic()))
    for _, _, client, _, _ in open_until:
        client.close()


def main():
    parser = argparse.ArgumentParser(description="short-lived loopback TCP connections")
    parser.add_argument("--rate", type=float, default=300)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--min-life", type=float, default=20)
    parser.add_argument("--max-life", type=float, default=200)
    parser.add_argument("--log")
    args = parser.parse_args()
    if args.rate <= 0 or args.seconds <= 0 or not 0 < args.min_life <= args.max_life:
        parser.error("rate, seconds and lifetimes must be positive, and --min-life at most --max-life")
    deadline = time.monotonic() + args.seconds
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    port = listener.getsockname()[1]
    server = os.fork()
    if server == 0:
        die_with_parent()
        try:
            serve(listener, deadline + 1)
        finally:
            os._exit(0)
    listener.close()
    client = os.fork()
    if client == 0:
        die_with_parent()
        try:
            with open(args.log, "w") if args.log else open(os.devnull, "w") as log:
                connect(port, args, deadline, log if args.log else None)
        finally:
            os._exit(0)
    time.sleep(min(0.5, args.seconds / 4))
    print("ready %d %d" % (server, client), flush=True)
    # Until both children end, or standard input ends (then they are stopped at once).
    watcher = selectors.DefaultSelector()
    try:
        watcher.register(sys.stdin, selectors.EVENT_READ)
    except (OSError, ValueError):
        watcher = None  # a file or nothing: only the children's end counts
    children = {server, client}
    while children:
        for pid in list(children):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                children.discard(pid)
        if not children:
            break
        if watcher is None:
            time.sleep(0.1)
        elif watcher.select(timeout=0.1) and not sys.stdin.buffer.read1(1):
            break
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


if __name__ == "__main__":
    main()
