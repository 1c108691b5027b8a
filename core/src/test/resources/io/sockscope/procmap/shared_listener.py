"""One loopback TCP listener shared by a small family of processes and threads, until stdin closes.

The parent listens on 127.0.0.1 (port chosen by the kernel), starts two threads, and forks three
children that inherit the listener and duplicate it onto more descriptors (one child also starts a
thread). Prints "ready PORT" once everyone holds it. Every process exits when stdin reaches end of file,
and the children also die with the parent.
"""
import ctypes
import os
import signal
import socket
import sys
import threading


def die_with_parent():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def main():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()
    for _ in range(2):
        threading.Thread(target=stop.wait, daemon=True).start()
    children = []
    for child in range(3):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            die_with_parent()
            os.dup2(listener.fileno(), 40 + child * 7)
            os.dup2(listener.fileno(), 90 - child)
            if child == 1:
                threading.Thread(target=stop.wait, daemon=True).start()
            os.write(write_end, b"ok")
            os.close(write_end)
            sys.stdin.buffer.read()
            os._exit(0)
        os.close(write_end)
        os.read(read_end, 2)
        os.close(read_end)
        children.append(pid)
    print("ready %d" % listener.getsockname()[1], flush=True)
    sys.stdin.buffer.read()
    for pid in children:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
