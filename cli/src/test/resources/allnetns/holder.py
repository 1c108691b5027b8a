"""Holds sockets for the --all-netns tests.

usage: holder.py SPEC...   (run it where the sockets should live: ip netns exec, unshare -n, or the host)

Prints its pid, waits for a line on stdin (so that the test can move it into a cgroup first: a socket's cgroup
is the one its creator was in), opens what the specs say, prints "ready FD" (FD: the descriptor held on a
namespace by hold-ns, or -1) and keeps everything open until stdin closes.

SPEC is one of:
  tcp-listen:HOST,PORT     a TCP listener
  tcp-pair:HOST,PORT       a listener and an established connection to it (both ends)
  udp:HOST,PORT            a bound UDP socket
  unix-listen:PATH         a unix stream listener (PATH starting with @: abstract)
  hold-ns:FILE             open FILE (a network namespace) and keep the descriptor
  enter-held               move into the held namespace: later sockets are created there
  enter-own                move back into the namespace the holder started in
"""
import ctypes
import os
import socket
import sys

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns")


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def listener(host, port):
    s = socket.socket(family(host), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(16)
    return s


def main():
    print(os.getpid(), flush=True)
    sys.stdin.readline()
    kept = []
    own = os.open("/proc/self/ns/net", os.O_RDONLY)
    held = -1
    for spec in sys.argv[1:]:
        kind, _, rest = spec.partition(":")
        if kind in ("tcp-listen", "tcp-pair", "udp"):
            host, port = rest.rsplit(",", 1)
            port = int(port)
            if kind == "tcp-listen":
                kept.append(listener(host, port))
            elif kind == "tcp-pair":
                server = listener(host, port)
                client = socket.create_connection((host, port))
                accepted, _ = server.accept()
                kept += [server, client, accepted]
            else:
                u = socket.socket(family(host), socket.SOCK_DGRAM)
                u.bind((host, port))
                kept.append(u)
        elif kind == "unix-listen":
            u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            u.bind("\0" + rest[1:] if rest.startswith("@") else rest)
            u.listen(4)
            kept.append(u)
        elif kind == "hold-ns":
            held = os.open(rest, os.O_RDONLY)
        elif kind == "enter-held":
            setns(held)
        elif kind == "enter-own":
            setns(own)
        else:
            raise SystemExit("unknown spec " + spec)
    print("ready", held, flush=True)
    sys.stdin.read()


main()
