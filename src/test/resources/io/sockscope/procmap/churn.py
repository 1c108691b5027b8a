"""Keeps starting short-lived processes and threads that open sockets and exit, until stdin closes.

Each round forks a few children that open a handful of sockets, live up to 25 milliseconds and exit, so
that a /proc scan keeps meeting processes and descriptors that vanish under it. Prints "ready" once the
first round is running.
"""
import ctypes
import os
import select
import signal
import socket
import sys
import threading
import time


def die_with_parent():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def child(round_number):
    die_with_parent()
    held = [socket.socketpair() for _ in range(20)]
    threads = [threading.Thread(target=time.sleep, args=(0.002 * n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.005 * (round_number % 5))
    os._exit(0)


def main():
    announced = False
    round_number = 0
    children = set()
    while True:
        for _ in range(4):
            pid = os.fork()
            if pid == 0:
                child(round_number)
            children.add(pid)
        round_number += 1
        if not announced:
            print("ready", flush=True)
            announced = True
        while children:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            children.discard(pid)
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
