#!/usr/bin/python3
"""Writes raw sock_diag replies of the calling process's network namespace, as ss -D would for TCP.

usage: dump_diag.py OUT_DIR
Writes packet.dump (packet_diag, every PACKET_SHOW_* flag ss sets), unix.dump (unix_diag, show 0x3f: name,
VFS, peer, pending connections, queues, memory) and mptcp4.dump (inet_diag_req_v2 for MPTCP over AF_INET,
idiag_ext 0x7f as ss -mi --tos asks, protocol 262 in INET_DIAG_REQ_PROTOCOL): every reply datagram, in
order, up to and including NLMSG_DONE. Standard library only.
"""
import os
import socket
import struct
import sys

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
FLAGS = 0x301  # NLM_F_REQUEST | NLM_F_ROOT | NLM_F_MATCH
SEQ = 123456
NLMSG_DONE = 3
NLMSG_ERROR = 2


def message(payload):
    return struct.pack("=IHHII", 16 + len(payload), SOCK_DIAG_BY_FAMILY, FLAGS, SEQ, 0) + payload


def dump(request, path):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
    s.bind((0, 0))
    s.send(request)
    out = bytearray()
    done = False
    while not done:
        data = s.recv(1 << 20)
        out += data
        at = 0
        while at + 16 <= len(data):
            length, kind = struct.unpack_from("=IH", data, at)
            if kind in (NLMSG_DONE, NLMSG_ERROR):
                done = True
            at += (length + 3) & ~3
    s.close()
    with open(path, "wb") as f:
        f.write(out)


def main():
    out = sys.argv[1]
    # struct packet_diag_req { u8 family, protocol; u16 pad; u32 ino; u32 show; u32 cookie[2]; }
    dump(message(struct.pack("=BBHII8s", socket.AF_PACKET, 0, 0, 0, 0x3d, b"\0" * 8)),
         os.path.join(out, "packet.dump"))
    # struct unix_diag_req { u8 family, protocol; u16 pad; u32 states, ino, show; u32 cookie[2]; }
    dump(message(struct.pack("=BBHIII8s", socket.AF_UNIX, 0, 0, 0xfff, 0, 0x3f, b"\0" * 8)),
         os.path.join(out, "unix.dump"))
    # struct inet_diag_req_v2 { u8 family, protocol, ext, pad; u32 states; struct inet_diag_sockid id; }
    # then the INET_DIAG_REQ_PROTOCOL attribute (type 3) carrying 262.
    sockid = b"\0" * 48
    v2 = struct.pack("=BBBBI", socket.AF_INET, 262 & 0xff, 0x7f, 0, 0xfff) + sockid
    dump(message(v2 + struct.pack("=HHI", 8, 3, 262)), os.path.join(out, "mptcp4.dump"))


if __name__ == "__main__":
    main()
