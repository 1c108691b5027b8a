#!/usr/bin/python3
"""Sockets whose extended details the main zoo does not have, held still for differential tests.

Run inside a network namespace with loopback up and a device named by --dev that is up. Builds packet
sockets with memory-mapped rings (TPACKET_V2 rx and tx, TPACKET_V3 rx), a fanout group, auxdata/origdev/
loss/vnet-header flags and a copy threshold; an MPTCP connection; a TCP listener holding an MD5 key; a
netlink socket in multicast groups; unix sockets shut down one way and the other. Prints READY when done
(or FAILED reason), then holds everything until stdin closes or --timeout seconds pass.

Standard library only.
"""
import argparse
import ctypes
import select
import socket
import struct
import sys
import time

SOL_PACKET = 263
PACKET_COPY_THRESH = 7
PACKET_AUXDATA = 8
PACKET_ORIGDEV = 9
PACKET_RX_RING = 5
PACKET_TX_RING = 13
PACKET_VERSION = 10
PACKET_LOSS = 14
PACKET_VNET_HDR = 15
PACKET_FANOUT = 18
TPACKET_V2 = 1
TPACKET_V3 = 2
PACKET_FANOUT_LB = 1
PACKET_FANOUT_CPU = 2
PACKET_FANOUT_FLAG_DEFRAG = 0x8000
ETH_P_ALL = 0x0003
ETH_P_IPV6 = 0x86DD
TCP_MD5SIG = 14
IPPROTO_MPTCP = 262
SO_ATTACH_FILTER = 26

held = []


def hold(s):
    held.append(s)
    return s


def packet(kind, protocol, dev):
    s = hold(socket.socket(socket.AF_PACKET, kind, socket.htons(protocol)))
    s.bind((dev, protocol))
    # A filter that accepts nothing, so that the receive queues hold still.
    program = (ctypes.c_ubyte * 8).from_buffer_copy(struct.pack("HBBI", 0x06, 0, 0, 0))
    held.append(program)
    s.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, struct.pack("HxxxxxxP", 1, ctypes.addressof(program)))
    return s


def build(args):
    # TPACKET_V2 rx and tx rings: block size, block count, frame size, frame count.
    # (Options that change the ring's layout must come before the ring.)
    v2 = packet(socket.SOCK_RAW, ETH_P_ALL, args.dev)
    v2.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    v2.setsockopt(SOL_PACKET, PACKET_LOSS, 1)
    v2.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V2)
    v2.setsockopt(SOL_PACKET, PACKET_RX_RING, struct.pack("IIII", 4096, 4, 2048, 8))
    v2.setsockopt(SOL_PACKET, PACKET_TX_RING, struct.pack("IIII", 8192, 2, 4096, 4))
    # TPACKET_V3 rx ring: also retire timeout, private size and feature word.
    v3 = packet(socket.SOCK_RAW, ETH_P_ALL, args.dev)
    v3.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V3)
    v3.setsockopt(SOL_PACKET, PACKET_RX_RING, struct.pack("IIIIIII", 8192, 2, 2048, 8, 60, 0, 0))
    # A fanout group of two, load-balanced, and one per CPU with the defrag flag.
    for _ in range(2):
        member = packet(socket.SOCK_DGRAM, ETH_P_IPV6, args.dev)
        member.setsockopt(SOL_PACKET, PACKET_FANOUT, 77 | (PACKET_FANOUT_LB << 16))
    cpu = packet(socket.SOCK_RAW, ETH_P_IPV6, args.dev)
    cpu.setsockopt(SOL_PACKET, PACKET_FANOUT,
                   struct.pack("I", 78 | ((PACKET_FANOUT_CPU | PACKET_FANOUT_FLAG_DEFRAG) << 16)))
    flags = packet(socket.SOCK_RAW, ETH_P_ALL, args.dev)  # a virtio-net header needs SOCK_RAW
    flags.setsockopt(SOL_PACKET, PACKET_ORIGDEV, 1)
    flags.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    flags.setsockopt(SOL_PACKET, PACKET_COPY_THRESH, 128)

    # MPTCP: a listener and one connection (-M lists the MPTCP sockets, -t their subflows).
    mserver = hold(socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP))
    mserver.bind(("127.0.0.1", 7000))
    mserver.listen(4)
    mclient = hold(socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP))
    mclient.connect(("127.0.0.1", 7000))
    hold(mserver.accept()[0])
    mclient.sendall(b"m" * 10)

    # A TCP listener holding an MD5 key for 127.0.0.5/32 (ss prints the key ahead of its table).
    md5 = hold(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    md5.bind(("127.0.0.1", 7001))
    md5.listen(4)
    address = struct.pack("=HH4s", socket.AF_INET, 0, socket.inet_aton("127.0.0.5")).ljust(128, b"\0")
    key = b"k,e y\x7f"
    md5.setsockopt(socket.IPPROTO_TCP, TCP_MD5SIG,
                   address + struct.pack("=BBHi", 0, 0, len(key), 0) + key.ljust(80, b"\0"))

    # Netlink in multicast groups 1 and 4 (RTMGRP_LINK | RTMGRP_IPV4_IFADDR... any bits do).
    rtnl = hold(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
    rtnl.bind((0, 0x11))

    # Unix pairs shut down each way.
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    hold(a), hold(b)
    a.shutdown(socket.SHUT_WR)
    c, d = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    hold(c), hold(d)
    c.shutdown(socket.SHUT_RDWR)
    time.sleep(0.3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", required=True)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    try:
        build(args)
    except Exception as e:
        print(f"FAILED {e!r}", flush=True)
        return 1
    print("READY", flush=True)
    select.select([sys.stdin], [], [], args.timeout)
    for s in held:
        if isinstance(s, socket.socket):
            s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
