#!/usr/bin/env python3
"""Regenerates the real-data fixture tree `zoo/` (run as root from this directory):

    unshare -n python3 make-fixture.py zoo

Inside a fresh network namespace it opens a zoo of sockets (TCP in several states and with each kind of
timer, UDP, raw, unix stream/dgram/seqpacket with path, abstract and unnamed names, packet, netlink), then
copies the kernel's /proc/net files as they are into <dir>/net/, and records what the installed ss prints
from that copy (PROC_ROOT=<dir>) into <dir>/ss-*.txt for the tests to compare against.
Nothing here is invented: every line of the copied files was written by the kernel.
"""
import os, shutil, socket, subprocess, sys, time

out = os.path.abspath(sys.argv[1])
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
keep = []  # every socket stays open until the copy is taken


def tcp_listener(family, addr, backlog, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind(addr)
    s.listen(backlog)
    keep.append(s)
    return s


def tcp_connect(family, addr, block=True):
    c = socket.socket(family, socket.SOCK_STREAM)
    if not block:
        c.setblocking(False)
        try:
            c.connect(addr)
        except BlockingIOError:
            pass
    else:
        c.connect(addr)
    keep.append(c)
    return c


# TCP over IPv4: listeners, an established pair with keepalive, CLOSE-WAIT/FIN-WAIT-2, TIME-WAIT
wild = tcp_listener(socket.AF_INET, ("0.0.0.0", 8080), 16)
lo = tcp_listener(socket.AF_INET, ("127.0.0.1", 9000), 16)
ka = tcp_connect(socket.AF_INET, ("127.0.0.1", 9000))
ka.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
ka_srv, _ = lo.accept(); keep.append(ka_srv)
ka.send(b"unread bytes")            # stays in ka_srv's receive queue: Recv-Q 12
cw = tcp_connect(socket.AF_INET, ("127.0.0.1", 9000))
cw_srv, _ = lo.accept(); keep.append(cw_srv)
cw_srv.shutdown(socket.SHUT_WR)     # server FIN-WAIT-2, client CLOSE-WAIT
tw = tcp_connect(socket.AF_INET, ("127.0.0.1", 9000))
tw_srv, _ = lo.accept()
tw.close(); time.sleep(0.05); tw_srv.close()   # client side ends in TIME-WAIT
pending = tcp_connect(socket.AF_INET, ("0.0.0.0", 8080))  # never accepted: listener Recv-Q 1

# zero window: the receiver never reads, the sender keeps a persist (probe) timer
zw_l = tcp_listener(socket.AF_INET, ("127.0.0.1", 9100), 4)
zw = tcp_connect(socket.AF_INET, ("127.0.0.1", 9100))
zw.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
zw_srv, _ = zw_l.accept(); keep.append(zw_srv)
zw_srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
zw.setblocking(False)
try:
    while True:
        zw.send(b"x" * 65536)
except BlockingIOError:
    pass

# a full accept queue drops SYNs: the extra clients sit in SYN-SENT with a retransmit timer
full = tcp_listener(socket.AF_INET, ("127.0.0.1", 9200), 0)
tcp_connect(socket.AF_INET, ("127.0.0.1", 9200))
time.sleep(0.1)
tcp_connect(socket.AF_INET, ("127.0.0.1", 9200), block=False)
tcp_connect(socket.AF_INET, ("127.0.0.1", 9200), block=False)

# TCP over IPv6: dual-stack and v6-only listeners, a ::1 pair, a v4-mapped peer
dual = tcp_listener(socket.AF_INET6, ("::", 8443), 8, v6only=0)
tcp_listener(socket.AF_INET6, ("::", 8444), 8, v6only=1)
l6 = tcp_listener(socket.AF_INET6, ("::1", 9443), 8)
c6 = tcp_connect(socket.AF_INET6, ("::1", 9443))
s6, _ = l6.accept(); keep.append(s6)
mapped = tcp_connect(socket.AF_INET, ("127.0.0.1", 8443))
m_srv, _ = dual.accept(); keep.append(m_srv)

# UDP
def udp(family, addr, connect=None):
    u = socket.socket(family, socket.SOCK_DGRAM)
    u.bind(addr)
    if connect:
        u.connect(connect)
    keep.append(u)
    return u

u_any = udp(socket.AF_INET, ("0.0.0.0", 5353))
u_a = udp(socket.AF_INET, ("127.0.0.1", 5000), ("127.0.0.1", 5001))
u_b = udp(socket.AF_INET, ("127.0.0.1", 5001))
u_a.send(b"a datagram nobody reads")    # u_b Recv-Q > 0
udp(socket.AF_INET6, ("::", 5355))
udp(socket.AF_INET6, ("::1", 6000), ("::1", 6001))

# raw: the "port" column is the protocol
for fam, proto in ((socket.AF_INET, socket.IPPROTO_ICMP), (socket.AF_INET, socket.IPPROTO_RAW),
                   (socket.AF_INET6, socket.IPPROTO_ICMPV6)):
    keep.append(socket.socket(fam, socket.SOCK_RAW, proto))

# unix
udir = "/tmp/sockscope-fixture"
shutil.rmtree(udir, ignore_errors=True)
os.makedirs(udir)
us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); us.bind(udir + "/stream.sock"); us.listen(8); keep.append(us)
uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); uc.connect(udir + "/stream.sock"); keep.append(uc)
ua, _ = us.accept(); keep.append(ua)
up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); up.connect(udir + "/stream.sock"); keep.append(up)  # pending
ab = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); ab.bind(b"\0sockscope-abstract"); ab.listen(4); keep.append(ab)
abc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); abc.connect(b"\0sockscope-abstract"); keep.append(abc)
keep.extend(socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM))
sq = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); sq.bind(udir + "/seq.sock"); sq.listen(2); keep.append(sq)
sqc = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); sqc.connect(udir + "/seq.sock"); keep.append(sqc)
sqa, _ = sq.accept(); keep.append(sqa)
dg = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); dg.bind(udir + "/dgram.sock"); keep.append(dg)
dgc = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); dgc.connect(udir + "/dgram.sock"); keep.append(dgc)
dgc.send(b"unread")
keep.append(socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM))   # unbound, unconnected
adg = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); adg.bind(b"\0sockscope-dgram"); keep.append(adg)
keep.extend(socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET))

# packet
keep.append(socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3)))
pd = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800)); pd.bind(("lo", 0x0800)); keep.append(pd)

# netlink
nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE); nl.bind((0, 1 | 0x10)); keep.append(nl)
keep.append(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4))  # NETLINK_SOCK_DIAG, unbound

time.sleep(1.5)   # let the SYN-SENT clients retransmit and the zero-window sender probe
os.makedirs(out + "/net", exist_ok=True)
for name in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "packet", "netlink"):
    with open("/proc/net/" + name, "rb") as src:
        data = src.read()
    with open(out + "/net/" + name, "wb") as dst:
        dst.write(data)

env = dict(os.environ, PROC_ROOT=out)
for tag, args in (("aneo", ["-a", "-n", "-e", "-o"]), ("tanoi", ["-t", "-a", "-n", "-o", "-i"]),
                  ("xa", ["-x", "-a", "-n"])):
    r = subprocess.run(["ss"] + args, env=env, capture_output=True, check=True)
    with open(out + "/ss-" + tag + ".txt", "wb") as f:
        f.write(r.stdout)
shutil.rmtree(udir, ignore_errors=True)
