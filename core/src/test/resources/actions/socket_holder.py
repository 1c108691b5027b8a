#!/usr/bin/python3
"""Holds sockets for the action tests (-K, -E, -D), driven one command per line on stdin.

Run it inside the network namespace the sockets belong to (ip netns exec NS python3 socket_holder.py).
Each command line is answered by one line on stdout: "OK" or "ERR reason". Commands:

  listen HOST PORT                 a TCP listener (HOST may be an IPv6 address)
  bind HOST PORT                   a TCP socket bound and nothing more: Linux 6.8+ reports it bound-inactive
  connect HOST PORT [SRCPORT]      a TCP client, connected before OK (bound to SRCPORT when given)
  accept PORT COUNT                accepts COUNT connections on the listener of PORT
  udp HOST PORT [PEER PEERPORT]    a UDP socket, connected to PEER when given
  close-all                        closes every socket, in the order made, 20 ms apart
  quit                             closes everything and exits (so does end of input)

Only the standard library is used; nothing leaves the namespace.
"""

import socket
import sys
import time

held = []
listeners = {}


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def tcp(host):
    s = socket.socket(family_of(host), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return s


def run(words):
    command = words[0]
    if command == "listen":
        s = tcp(words[1])
        s.bind((words[1], int(words[2])))
        s.listen(16)
        held.append(s)
        listeners[int(words[2])] = s
    elif command == "bind":
        # No SO_REUSEADDR: a bound socket, exactly as a program that binds and stops there leaves it.
        s = socket.socket(family_of(words[1]), socket.SOCK_STREAM)
        s.bind((words[1], int(words[2])))
        held.append(s)
    elif command == "connect":
        s = tcp(words[1])
        if len(words) > 3:
            s.bind(("", int(words[3])))
        s.settimeout(5)
        s.connect((words[1], int(words[2])))
        held.append(s)
    elif command == "accept":
        listener = listeners[int(words[1])]
        listener.settimeout(5)
        for _ in range(int(words[2])):
            held.append(listener.accept()[0])
    elif command == "udp":
        s = socket.socket(family_of(words[1]), socket.SOCK_DGRAM)
        s.bind((words[1], int(words[2])))
        if len(words) > 4:
            s.connect((words[3], int(words[4])))
        held.append(s)
    elif command == "close-all":
        while held:
            held.pop(0).close()
            time.sleep(0.02)
        listeners.clear()
    else:
        raise ValueError("unknown command " + command)


def main():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        try:
            run(words)
            print("OK", flush=True)
        except (OSError, ValueError, KeyError, IndexError) as e:
            print(f"ERR {e}", flush=True)
    for s in held:
        s.close()


if __name__ == "__main__":
    main()
