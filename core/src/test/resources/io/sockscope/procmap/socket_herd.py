"""Holds many sockets open across several processes until stdin closes.

usage: socket_herd.py MODE SOCKETS PER_PROCESS
  MODE         pair: socketpair(AF_UNIX) halves; tcp: loopback TCP connections, both ends kept
  SOCKETS      total number of sockets to hold
  PER_PROCESS  most sockets one process holds (stay under the hard RLIMIT_NOFILE)
Prints "ready PID PID ..." (the holders) once every socket is open, and "failed: REASON" otherwise.
Every process exits when stdin reaches end of file, so the herd dies with whoever started it.
"""
import ctypes
import os
import resource
import signal
import socket
import sys


def die_with_parent():
    try:
        # PR_SET_PDEATHSIG: a holder must not outlive the process that asked for it.
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except OSError:
        pass


def hold(mode, count):
    held = []
    if mode == "pair":
        for _ in range(count // 2):
            held.extend(socket.socketpair())
        if count % 2:
            held.append(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    else:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(4096)
        held.append(listener)
        port = listener.getsockname()[1]
        while len(held) + 2 <= count:
            client = socket.create_connection(("127.0.0.1", port))
            server, _ = listener.accept()
            held.extend((client, server))
    return held


def main():
    mode, total, per_process = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    children = []
    remaining = total
    while remaining > 0:
        count = min(per_process, remaining)
        remaining -= count
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            die_with_parent()
            try:
                held = hold(mode, count)
                os.write(write_end, b"ok\n")
            except OSError as e:
                os.write(write_end, ("failed: %s\n" % e).encode())
                os._exit(1)
            os.close(write_end)
            sys.stdin.buffer.read()
            os._exit(0)
        os.close(write_end)
        answer = os.read(read_end, 200).decode().strip()
        os.close(read_end)
        children.append(pid)
        if answer != "ok":
            print(answer or "failed: holder died", flush=True)
            stop(children)
            return
    print("ready " + " ".join(map(str, children)), flush=True)
    sys.stdin.buffer.read()
    stop(children)


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


if __name__ == "__main__":
    main()
