"""TCP listeners held by processes with the names given, until stdin closes.

Each argument is a process name's bytes in hex. For each, a child process listens on 127.0.0.1 (port chosen by
the kernel) and renames itself with prctl(PR_SET_NAME), which keeps any bytes but NUL (at most 15): UTF-8 or
not, control bytes included. Prints "ready PORT..." in the order of the arguments once every child listens.
Every process ends when stdin reaches end of file; the children also die with the parent.
"""
import ctypes
import os
import signal
import socket
import sys

LIBC = ctypes.CDLL(None, use_errno=True)
PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1


def child(name, write_end):
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    if LIBC.prctl(PR_SET_NAME, ctypes.c_char_p(name), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NAME)")
    os.write(write_end, b"%d\n" % listener.getsockname()[1])
    os.close(write_end)
    while True:
        signal.pause()


def main():
    ports = []
    children = []
    for name in sys.argv[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                child(bytes.fromhex(name), write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as answer:
            port = answer.readline().strip()
        if not port:
            raise SystemExit("the child named %s did not start" % name)
        children.append(pid)
        ports.append(port.decode())
    print("ready " + " ".join(ports), flush=True)
    sys.stdin.buffer.read()
    for pid in children:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
