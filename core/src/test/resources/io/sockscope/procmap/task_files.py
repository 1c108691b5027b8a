"""Sockets held in the ways an owner scan must tell apart, until stdin closes.

The parent renames itself "own(er) x" (ss cuts a name at its first ")"), listens on 127.0.0.1 (port chosen by
the kernel), holds a UDP socket and a unix socket pair, and forks a child (named "helper") that duplicates the
listener onto descriptor 50. A thread of the parent unshares its descriptor table and opens a socket of its
own, which /proc/PID/fd does not show. Prints "ready PORT CHILD_PID THREAD_ID" once everyone holds their
sockets. Every process exits when stdin reaches end of file; the child also dies with the parent.
"""
import ctypes
import os
import signal
import socket
import sys
import threading

LIBC = ctypes.CDLL(None, use_errno=True)
PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1
CLONE_FILES = 0x400


def rename(name):
    LIBC.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()), 0, 0, 0)


def main():
    rename("own(er) x")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    pair = socket.socketpair()

    stop = threading.Event()
    unshared = {}
    holding = threading.Event()

    def private_table():
        if LIBC.unshare(CLONE_FILES) != 0:
            raise OSError(ctypes.get_errno(), "unshare(CLONE_FILES)")
        unshared["socket"] = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        unshared["tid"] = threading.get_native_id()
        holding.set()
        stop.wait()

    threading.Thread(target=private_table, daemon=True).start()
    holding.wait()

    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        rename("helper")
        os.dup2(listener.fileno(), 50)
        os.write(write_end, b"ok")
        os.close(write_end)
        sys.stdin.buffer.read()
        os._exit(0)
    os.close(write_end)
    os.read(read_end, 2)
    os.close(read_end)
    print("ready %d %d %d" % (listener.getsockname()[1], child, unshared["tid"]), flush=True)
    sys.stdin.buffer.read()
    stop.set()
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    del udp, pair


if __name__ == "__main__":
    main()
