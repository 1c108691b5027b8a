#!/usr/bin/python3
"""TCP sockets in many shapes, for capturing sock_diag replies with ss -D (see capture.sh).

Run inside a fresh network namespace that has loopback up and a device holding 10.66.0.1/24 where
10.66.0.2 answers nobody, so a connect there stays in SYN-SENT. Prints READY
once every socket is in place, then holds them until stdin closes.

Standard library only.
"""
import socket
import struct
import sys
import time

TCP_CONGESTION = 13
TCP_MD5SIG = 14
IPPROTO_MPTCP = 262
SO_MARK = 36

held = []


def hold(s):
    held.append(s)
    return s


def listener(family, host, port, cc=None, backlog=16):
    s = hold(socket.socket(family, socket.SOCK_STREAM))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if cc:
        s.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cc.encode())
    s.bind((host, port))
    s.listen(backlog)
    return s


def pair(family, host, port, cc, send_client=0, send_server=0, keepalive=False, mark=0, tos=None):
    server = listener(family, host, port, cc)
    client = hold(socket.socket(family, socket.SOCK_STREAM))
    client.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cc.encode())
    if mark:
        client.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)
    if tos is not None:
        if family == socket.AF_INET:
            client.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
        else:
            client.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, tos)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_PRIORITY, 3)
    if keepalive:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    client.connect((host, port))
    conn, _ = server.accept()
    hold(conn)
    if send_client:
        client.sendall(b"c" * send_client)
    if send_server:
        conn.sendall(b"s" * send_server)
    return client, conn


def main():
    pair(socket.AF_INET, "127.0.0.1", 40001, "bbr", send_client=3000, send_server=100)
    pair(socket.AF_INET, "127.0.0.1", 40002, "cubic", send_client=70000, keepalive=True, mark=0x2a, tos=0x10)
    pair(socket.AF_INET, "127.0.0.1", 40003, "reno", send_server=1)
    pair(socket.AF_INET6, "::1", 40004, "cubic", send_client=10, tos=0x20)
    pair(socket.AF_INET6, "::1", 40005, "bbr")
    client, _ = pair(socket.AF_INET, "127.0.0.1", 40006, "cubic")
    client.shutdown(socket.SHUT_WR)

    # TIME-WAIT: the client closes first.
    server = listener(socket.AF_INET, "127.0.0.1", 40007, "cubic")
    c = socket.create_connection(("127.0.0.1", 40007))
    s, _ = server.accept()
    c.close()
    s.recv(1)
    s.close()

    # SYN-SENT towards an address nobody answers.
    syn = hold(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    syn.setblocking(False)
    syn.connect_ex(("10.66.0.2", 40008))

    # MPTCP: its subflows are TCP sockets carrying the mptcp ULP.
    try:
        mserver = hold(socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP))
        mserver.bind(("127.0.0.1", 40009))
        mserver.listen(4)
        mclient = hold(socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP))
        mclient.connect(("127.0.0.1", 40009))
        hold(mserver.accept()[0])
        mclient.sendall(b"m" * 20)
    except OSError as e:
        print(f"no MPTCP: {e}", file=sys.stderr)

    # An MD5 key on a listener (struct tcp_md5sig: sockaddr_storage, flags, prefixlen, keylen, ifindex, key).
    md5 = listener(socket.AF_INET, "127.0.0.1", 40010, "cubic")
    address = struct.pack("=HH4s", socket.AF_INET, 0, socket.inet_aton("127.0.0.2")).ljust(128, b"\0")
    key = b"se cret,\\\x01"
    try:
        md5.setsockopt(socket.IPPROTO_TCP, TCP_MD5SIG,
                       address + struct.pack("=BBHi", 0, 0, len(key), 0) + key.ljust(80, b"\0"))
    except OSError as e:
        print(f"no TCP-MD5: {e}", file=sys.stderr)

    time.sleep(0.5)
    print("READY", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
