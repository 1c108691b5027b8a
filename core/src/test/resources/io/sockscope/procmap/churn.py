"""Keeps a pool of short-lived processes that open sockets and threads and exit, until stdin closes.

Eight children at a time each open twenty socket pairs and three threads, live 10 to 60 milliseconds
and exit; each one that ends is replaced at once. A /proc scan running meanwhile keeps meeting processes,
threads and descriptors that vanish under it. Prints "ready" once the first children hold their sockets.
"""
import ctypes
import os
import random
import select
import signal
import socket
import sys
import threading
import time

POOL = 8


def die_with_parent():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def child(lifetime):
    die_with_parent()
    held = [socket.socketpair() for _ in range(20)]
    threads = [threading.Thread(target=time.sleep, args=(lifetime / (n + 2),)) for n in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(lifetime)
    os._exit(0 if held else 1)


def spawn():
    lifetime = random.uniform(0.010, 0.060)
    pid = os.fork()
    if pid == 0:
        child(lifetime)
    return pid


def main():
    children = {spawn() for _ in range(POOL)}
    time.sleep(0.005)
    print("ready", flush=True)
    while True:
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            children.discard(pid)
            children.add(spawn())
        readable, _, _ = select.select([sys.stdin], [], [], 0.002)
        if readable and not sys.stdin.buffer.read1(1):
            break
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


if __name__ == "__main__":
    main()
