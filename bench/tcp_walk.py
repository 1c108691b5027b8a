#!/usr/bin/env python3
"""Times one namespace's TCP dump the two ways sock_diag offers: two requests (IPv4, then IPv6) or one.

usage: sudo ip netns exec NAMESPACE bench/tcp_walk.py [--runs N]

  --runs N  dumps of each kind (default 30); the minimum and the median are printed

Every TCP dump walks the whole established hash of the namespace's table. Namespaces share the host's table
(262,144 buckets on a 24 GiB machine) unless net.ipv4.tcp_child_ehash_entries gave them their own, so a dump
in a namespace of 200 sockets costs about what one of the host's would. ss and sockscope send one
SOCK_DIAG_BY_FAMILY request per family, so they walk it twice; the older TCPDIAG_GETSOCK request
(struct inet_diag_req) asks for both families at once (the kernel's compatibility path dumps AF_UNSPEC) and
walks it once, with IPv4 and IPv6 sockets mixed in the order of the hash. This script opens one [::1] listener
of its own (so that both families are seen), makes both kinds of dump, counts what each returned by family,
and prints the times. Only the Python standard library is used; nothing outlives it.
"""
import argparse
import socket
import statistics
import struct
import time

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
TCPDIAG_GETSOCK = 18
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_REQUEST_DUMP = 0x301
ALL_STATES = 0xFFF
NO_SOCKET_ID = bytes(48)  # struct inet_diag_sockid, all zero: every socket


def by_family(family):
    """struct inet_diag_req_v2: family, protocol, ext, pad, states, id."""
    return SOCK_DIAG_BY_FAMILY, struct.pack("=BBBBI", family, socket.IPPROTO_TCP, 0, 0, ALL_STATES) + NO_SOCKET_ID


def both_families():
    """struct inet_diag_req (the older request): family, src_len, dst_len, ext, id, states, dbs."""
    return TCPDIAG_GETSOCK, struct.pack("=BBBB", socket.AF_INET, 0, 0, 0) + NO_SOCKET_ID + struct.pack(
        "=II", ALL_STATES, 0)


def dump(requests):
    """Sends each request in turn and reads its dump to the end; returns (seconds, {family: sockets})."""
    families = {}
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG) as s:
        started = time.perf_counter()
        for kind, payload in requests:
            s.send(struct.pack("=IHHII", 16 + len(payload), kind, NLM_F_REQUEST_DUMP, 1, 0) + payload)
            done = False
            while not done:
                data = s.recv(1 << 16)
                offset = 0
                while offset < len(data):
                    length, kind_received = struct.unpack_from("=IH", data, offset)
                    if kind_received == NLMSG_DONE:
                        done = True
                        break
                    if kind_received == NLMSG_ERROR:
                        raise OSError("sock_diag error %d" % struct.unpack_from("=i", data, offset + 16)[0])
                    family = data[offset + 16]
                    families[family] = families.get(family, 0) + 1
                    offset += (length + 3) & ~3
        return time.perf_counter() - started, families


def main():
    parser = argparse.ArgumentParser(description="one TCP dump walk against two")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not 1 <= args.runs <= 10000:
        parser.error("--runs must be between 1 and 10000")
    with open("/proc/sys/net/ipv4/tcp_ehash_entries") as f:
        buckets = int(f.read())
    print("established hash: %d buckets (%s)" % (abs(buckets), "the host's, shared" if buckets < 0 else "its own"))
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as listener:
        listener.bind(("::1", 0))
        listener.listen()
        names = {socket.AF_INET: "IPv4", socket.AF_INET6: "IPv6"}
        for label, requests in (("two requests (SOCK_DIAG_BY_FAMILY)", [by_family(socket.AF_INET),
                                                                        by_family(socket.AF_INET6)]),
                                ("one request (TCPDIAG_GETSOCK)", [both_families()])):
            runs = [dump(requests) for _ in range(args.runs)]
            times = [r[0] * 1000 for r in runs]
            seen = ", ".join("%s %d" % (names.get(k, k), v) for k, v in sorted(runs[-1][1].items()))
            print("%-36s %s; min %.2f ms, median %.2f ms over %d" % (
                label, seen, min(times), statistics.median(times), args.runs))


if __name__ == "__main__":
    main()
