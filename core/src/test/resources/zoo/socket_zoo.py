#!/usr/bin/python3
"""A zoo of sockets in every state ss can show, held still for differential tests.

Run it inside a network namespace that has loopback up and one end of a veth pair whose
other end lives in a second ("sink") namespace. It builds TCP sockets in every state
(LISTEN on every kind of address, ESTAB with queued bytes, a listen queue of never-accepted
connections, TIME-WAIT, CLOSE-WAIT, FIN-WAIT-2, SYN-SENT), UDP, unix, raw, packet and
netlink sockets, spread over three processes (this one, a forked "zoo-worker", and a
"zoo-sink" that lives in the sink namespace) with some descriptors shared by two processes.

When every socket is in place and the listing has stopped changing it prints
"INFO main=PID worker=PID sink=PID" and "READY" on stdout (or "FAILED reason" and exits 1),
then holds everything until stdin is closed or --timeout seconds pass, and cleans up. While it
holds, a "time-wait" line on stdin makes fresh TIME-WAIT sockets, answered by "TIME-WAIT-READY".
Progress and problems go to stderr.

Only the standard library is used (ctypes for setns, prctl and socket filters).
"""

import argparse
import ctypes
import errno
import os
import select
import signal
import socket
import subprocess
import sys
import time

CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
PR_SET_NAME = 15
SO_ATTACH_FILTER = 26
BPF_RET_K = 0x06
ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
NETLINK_ROUTE = 0
NETLINK_KOBJECT_UEVENT = 15
NETLINK_GENERIC = 16
# Far above any pid (pid_max is at most 2^22), so ss finds no /proc entry to name it after.
UNOWNED_NETLINK_PORTID = 2000000000
# Options ss --inet-sockopt shows (linux/in.h, linux/tcp.h); not every Python names them.
IP_RECVERR = 11
IP_FREEBIND = 15
IP_TRANSPARENT = 19
IP_NODEFRAG = 22
IP_BIND_ADDRESS_NO_PORT = 24
IP_RECVERR_RFC4884 = 26
IP_MULTICAST_LOOP = 34
IP_MULTICAST_ALL = 49
TCP_FASTOPEN_CONNECT = 30
# A documentation address (RFC 5737) no interface has: only IP_FREEBIND or IP_TRANSPARENT can bind it.
FOREIGN_ADDRESS = "192.0.2.10"

LIBC = ctypes.CDLL(None, use_errno=True)


class SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8),
                ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(SockFilter))]


def log(message):
    print(f"zoo[{os.getpid()}]: {message}", file=sys.stderr, flush=True)


def check_libc(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def name_this_process(name):
    """Sets the comm that ss prints in users:(("comm",...))."""
    check_libc(LIBC.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()), 0, 0, 0), "prctl(PR_SET_NAME)")


def die_with_parent():
    check_libc(LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)")


def enter_netns(name):
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY | os.O_CLOEXEC)
    try:
        check_libc(LIBC.setns(fd, CLONE_NEWNET), f"setns({name})")
    finally:
        os.close(fd)


def drop_everything_from_now_on(sock):
    """Attaches a socket filter that accepts nothing, freezing the receive queue as it is.

    Packet and raw sockets see every frame in the namespace, and a few keep coming after set-up
    (SYN retransmissions towards the black hole); without this their Recv-Q would creep.
    """
    program = (SockFilter * 1)(SockFilter(BPF_RET_K, 0, 0, 0))
    fprog = SockFprog(1, program)
    sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, bytes(fprog))


def close_all_but(keep):
    """Closes every inherited descriptor above stderr except those in keep."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass  # the descriptor listdir itself used


def has_queued(sock):
    """Whether a datagram (or frame) waits in the socket's receive queue; reads nothing."""
    try:
        return len(sock.recv(65536, socket.MSG_PEEK | socket.MSG_DONTWAIT | socket.MSG_TRUNC)) > 0
    except BlockingIOError:
        return False


def wait_until(predicate, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.02)


class Child:
    """A forked helper process, told when to go on through pipes (one byte per step)."""

    def __init__(self, name, body, keep=()):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            code = 0
            try:
                close_all_but({to_child_r, from_child_w, *(s.fileno() for s in keep)})
                die_with_parent()
                name_this_process(name)
                body(ChildChannel(to_child_r, from_child_w))
            except BaseException as e:  # a child must never return into the parent's code
                log(f"{name} failed: {e!r}")
                code = 1
            finally:
                os._exit(code)
        os.close(to_child_r)
        os.close(from_child_w)
        self.name = name

    def step(self, timeout=10.0):
        """Lets the child do its next step and waits until it reports it done."""
        os.write(self.to_child, b"g")
        self.await_done(timeout)

    def await_done(self, timeout=10.0):
        ready, _, _ = select.select([self.from_child], [], [], timeout)
        if not ready or os.read(self.from_child, 1) != b"d":
            raise RuntimeError(f"{self.name} did not finish its step")

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


class ChildChannel:
    def __init__(self, commands, replies):
        self.commands = commands
        self.replies = replies

    def done(self):
        os.write(self.replies, b"d")

    def await_go(self):
        """Blocks until the parent says go; exits when the parent is gone."""
        if os.read(self.commands, 1) != b"g":
            os._exit(0)

    def hold_until_parent_gone(self):
        while os.read(self.commands, 1):
            pass


class Zoo:
    def __init__(self, args):
        self.args = args
        self.held = []  # every socket we own; dropping the reference would close it
        self.children = []
        self.unix_paths = []

    # ---- small helpers -------------------------------------------------------------------

    def hold(self, sock):
        self.held.append(sock)
        return sock

    def tcp_listener(self, family, host, port, backlog=128, v6only=None, device=None, rcvbuf=None):
        s = self.hold(socket.socket(family, socket.SOCK_STREAM))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if v6only is not None:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
        if device is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, device.encode())
        if rcvbuf is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.bind((host, port))
        s.listen(backlog)
        return s

    def tcp_client(self, family, address):
        s = self.hold(socket.socket(family, socket.SOCK_STREAM))
        s.settimeout(5)
        s.connect(address)
        return s

    def accept(self, listener):
        listener.settimeout(5)
        conn, _ = listener.accept()
        return self.hold(conn)

    def udp(self, family, host, port, v6only=None, device=None):
        s = self.hold(socket.socket(family, socket.SOCK_DGRAM))
        if v6only is not None:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
        if device is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, device.encode())
        s.bind((host, port))
        return s

    def unix(self, kind, address=None):
        s = self.hold(socket.socket(socket.AF_UNIX, kind))
        if address is not None:
            if not address.startswith("\0"):
                self.unix_paths.append(address)
            s.bind(address)
        return s

    def unix_path(self, name):
        return os.path.join(self.args.unix_dir, name)

    def abstract(self, name):
        return f"\0{self.args.abstract_prefix}-{name}"

    # ---- the zoo -------------------------------------------------------------------------

    def build(self):
        sink = self.start_sink()

        # Created before the worker is forked, so both processes own these descriptors.
        shared_http = self.tcp_listener(socket.AF_INET, "0.0.0.0", 80)
        shared_dns = self.udp(socket.AF_INET, "0.0.0.0", 53)
        shared_unix = self.unix(socket.SOCK_STREAM, self.unix_path("shared.sock"))
        shared_unix.listen(16)
        worker = self.start_worker(keep=(shared_http, shared_dns, shared_unix))

        self.build_tcp_listeners()
        self.build_tcp_connections(shared_http, worker, sink)
        self.build_udp()
        self.build_unix()
        self.build_raw_packet_netlink()
        self.build_socket_options()

        print(f"INFO main={os.getpid()} worker={worker.pid} sink={sink.pid}", flush=True)

    def start_sink(self):
        a = self.args

        def body(channel):
            enter_netns(a.sink_netns)
            # Step 1: a database the zoo connects to over the veth; it sends bytes nobody reads.
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((a.peer, 5432))
            listener.listen(8)
            channel.done()
            listener.settimeout(10)
            conn, _ = listener.accept()
            conn.sendall(b"s" * 100)
            # Step 2: a client of the zoo's MySQL on the veth address.
            channel.await_go()
            client = socket.create_connection((a.local, 3306), timeout=5)
            channel.done()
            channel.hold_until_parent_gone()
            conn.close()
            client.close()

        child = Child("zoo-sink", body)
        self.children.append(child)
        child.await_done()
        return child

    def start_worker(self, keep):
        a = self.args
        seqpacket_name = self.abstract("seqpacket")

        def body(channel):
            held = []
            postgres = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            postgres.bind(("127.0.0.1", 5432))
            postgres.listen(64)
            redis = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            redis.bind(("::1", 6379))
            redis.listen(64)
            syslog = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            syslog.bind(("127.0.0.1", 514))
            seq = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            seq.bind(seqpacket_name)
            seq.listen(8)
            genl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
            genl.bind((0, 0))
            arp = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0806))
            arp.bind((a.dev, 0x0806))
            drop_everything_from_now_on(arp)
            held += [postgres, redis, syslog, seq, genl, arp]
            channel.done()
            # Step 1: accept the zoo's redis client and its seqpacket client, read nothing.
            channel.await_go()
            redis.settimeout(5)
            held.append(redis.accept()[0])
            seq.settimeout(5)
            held.append(seq.accept()[0])
            channel.done()
            channel.hold_until_parent_gone()

        child = Child("zoo-worker", body, keep)
        self.children.append(child)
        child.await_done()
        return child

    def build_tcp_listeners(self):
        a = self.args
        self.ssh = self.tcp_listener(socket.AF_INET, "0.0.0.0", 22)
        self.https = self.tcp_listener(socket.AF_INET6, "::", 443, v6only=False)
        self.http_alt = self.tcp_listener(socket.AF_INET6, "::", 8080, v6only=True)
        self.mysql = self.tcp_listener(socket.AF_INET, a.local, 3306)
        self.tcp_listener(socket.AF_INET, "0.0.0.0", 25, device=a.dev)
        self.tcp_listener(socket.AF_INET, "127.0.0.1", 57000)  # named, but in the ephemeral range
        self.tcp_listener(socket.AF_INET6, "::1", 61000, backlog=5)
        self.tcp_listener(socket.AF_INET, "127.0.0.1", 9000, backlog=4)
        self.rsync = self.tcp_listener(socket.AF_INET, "127.0.0.1", 873, rcvbuf=4096)

    def build_tcp_connections(self, shared_http, worker, sink):
        a = self.args
        v4, v6 = socket.AF_INET, socket.AF_INET6

        # ESTAB both ways with bytes nobody reads: Recv-Q on each side.
        client = self.tcp_client(v4, ("127.0.0.1", 22))
        server = self.accept(self.ssh)
        client.sendall(b"c" * 1000)
        server.sendall(b"s" * 500)

        # A listen queue: three connections completed by the kernel and never accepted.
        for _ in range(3):
            self.tcp_client(v4, ("127.0.0.1", 9000))

        # Dual-stack listener: a v4 client shows up as ::ffff:127.0.0.1, a v6 one as ::1.
        self.tcp_client(v4, ("127.0.0.1", 443))
        self.accept(self.https)
        self.tcp_client(v6, ("::1", 443))
        self.accept(self.https)

        # Unsent and unacknowledged bytes: the receiver's tiny buffer fills and its window
        # closes, so the sender's Send-Q stays above zero.
        flooder = self.tcp_client(v4, ("127.0.0.1", 873))
        self.accept(self.rsync)
        flooder.setblocking(False)
        try:
            for _ in range(10000):
                flooder.send(b"f" * 4096)
        except BlockingIOError:
            pass

        self.shared_http = shared_http
        self.make_time_wait()

        # FIN-WAIT-2 / CLOSE-WAIT (v4 and v6): one side shuts down writing, the other never
        # closes; neither side is orphaned, so the states hold.
        for family, host, listener in ((v4, "127.0.0.1", shared_http), (v6, "::1", self.http_alt)):
            c = self.tcp_client(family, (host, listener.getsockname()[1]))
            self.accept(listener)
            c.shutdown(socket.SHUT_WR)

        # SYN-SENT: the black-hole address has a static neighbour entry pointing at a MAC
        # nobody owns, so the SYN is dropped by the sink and never answered.
        syn = self.hold(socket.socket(v4, socket.SOCK_STREAM))
        syn.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 127)  # the most: retry for hours
        syn.setblocking(False)
        err = syn.connect_ex((a.blackhole, 443))
        if err != errno.EINPROGRESS:
            raise OSError(err, f"connect to the black hole: {os.strerror(err)}")

        # Over the veth: the zoo is a client of the sink's database (which sends 100 unread
        # bytes) and the sink is a client of the zoo's MySQL on the veth address.
        self.tcp_client(v4, (a.peer, 5432))
        sink.step()
        self.accept(self.mysql)

        # The worker accepts these, so client and server belong to different processes.
        self.tcp_client(v6, ("::1", 6379)).sendall(b"PING\r\n")
        self.seqpacket_client = self.unix(socket.SOCK_SEQPACKET)
        self.seqpacket_client.connect(self.abstract("seqpacket"))
        self.seqpacket_client.send(b"hello")
        worker.step()

    def build_udp(self):
        a = self.args
        v4, v6 = socket.AF_INET, socket.AF_INET6
        ntp = self.udp(v4, "127.0.0.1", 123)
        sender = self.udp(v4, "127.0.0.1", 40123)
        sender.connect(("127.0.0.1", 123))  # connected UDP: ESTAB
        for _ in range(3):
            sender.send(b"n" * 48)  # queued at ntp, never read
        wait_until(lambda: has_queued(ntp), "datagrams to reach udp/123")
        self.udp(v6, "::", 5353, v6only=False)
        self.udp(v6, "::", 161, v6only=True)
        self.udp(v6, "::1", 443)
        self.udp(v4, a.local, 443)
        self.udp(v4, "0.0.0.0", 67, device=a.dev)
        far = self.udp(v4, a.local, 0)
        far.connect((a.peer, 53))  # connect() on UDP sends nothing
        v6conn = self.udp(v6, "::1", 0)
        v6conn.connect(("::1", 5353))

    def build_unix(self):
        stream = self.unix(socket.SOCK_STREAM, self.unix_path("stream.sock"))
        stream.listen(8)
        client = self.unix(socket.SOCK_STREAM)
        client.connect(self.unix_path("stream.sock"))
        self.accept(stream)
        client.sendall(b"u" * 300)  # unread at the server end
        pending = self.unix(socket.SOCK_STREAM)
        pending.connect(self.unix_path("stream.sock"))  # never accepted: listener Recv-Q 1

        abstract_stream = self.unix(socket.SOCK_STREAM, self.abstract("stream"))
        abstract_stream.listen(8)
        abstract_client = self.unix(socket.SOCK_STREAM)
        abstract_client.connect(self.abstract("stream"))
        self.accept(abstract_stream)

        dgram = self.unix(socket.SOCK_DGRAM, self.unix_path("dgram.sock"))
        dgram_client = self.unix(socket.SOCK_DGRAM)
        dgram_client.connect(self.unix_path("dgram.sock"))
        dgram_client.send(b"d" * 64)
        dgram_client.send(b"d" * 32)
        self.unix(socket.SOCK_DGRAM, self.abstract("dgram"))

        seq = self.unix(socket.SOCK_SEQPACKET, self.unix_path("seqpacket.sock"))
        seq.listen(4)
        seq_client = self.unix(socket.SOCK_SEQPACKET)
        seq_client.connect(self.unix_path("seqpacket.sock"))
        self.accept(seq)

        left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.hold(left)
        self.hold(right)
        left.sendall(b"p" * 7)
        a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.hold(a)
        self.hold(b)
        self.unix(socket.SOCK_STREAM)  # never bound nor connected

    def build_raw_packet_netlink(self):
        a = self.args
        icmp = self.hold(socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
        icmp_dev = self.hold(socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
        icmp_dev.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, a.dev.encode())
        icmp6 = self.hold(socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6))
        # One echo round trip over loopback leaves request and reply queued on both.
        icmp.sendto(bytes([8, 0, 0xf7, 0xfe, 0, 1, 0, 0]), ("127.0.0.1", 0))
        icmp6.sendto(bytes([128, 0, 0, 0, 0, 1, 0, 0]), ("::1", 0))

        everything = self.hold(socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL)))
        ip_on_veth = self.hold(socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP)))
        ip_on_veth.bind((a.dev, ETH_P_IP))

        rtnl = self.hold(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE))
        rtnl.bind((0, 0))  # the first netlink socket of a process gets its pid as port id
        fixed = self.hold(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE))
        fixed.bind((UNOWNED_NETLINK_PORTID, 0))
        second = self.hold(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE))
        second.bind((0, 0))  # the pid is taken for this protocol: the kernel picks a negative id
        uevent = self.hold(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_KOBJECT_UEVENT))
        uevent.bind((0, 0))  # port ids are per protocol, so this one gets the pid again

        # Generate a little traffic so the packet socket holds frames, then freeze the queues.
        self.tcp_client(socket.AF_INET, ("127.0.0.1", 22))
        self.accept(self.ssh).sendall(b"x")
        for sock, what in ((icmp, "ICMP echo"), (icmp6, "ICMPv6 echo"), (everything, "frames")):
            wait_until(lambda: has_queued(sock), f"{what} on a raw or packet socket")
        time.sleep(0.2)  # let the echo replies and the last ACKs land before the queues freeze
        for sock in (icmp, icmp_dev, icmp6, everything, ip_on_veth):
            drop_everything_from_now_on(sock)

    def build_socket_options(self):
        """Sockets whose inet options differ from the defaults (ss --inet-sockopt).

        Every full inet socket shows some (mc_loop and mc_all are on by default, is_icsk marks TCP);
        these set the others, and one UDP socket turns the two defaults off.
        """
        v4 = socket.AF_INET
        # A transparent proxy's listener: IP_TRANSPARENT (CAP_NET_ADMIN) and IP_FREEBIND on a foreign address.
        tproxy = self.hold(socket.socket(v4, socket.SOCK_STREAM))
        tproxy.setsockopt(socket.SOL_IP, IP_TRANSPARENT, 1)
        tproxy.setsockopt(socket.SOL_IP, IP_FREEBIND, 1)
        tproxy.bind((FOREIGN_ADDRESS, 3128))
        tproxy.listen(16)

        # IP_RECVERR with RFC 4884 extensions, multicast loop and "all groups" off.
        echo = self.udp(v4, "127.0.0.1", 7)
        for option, value in ((IP_RECVERR, 1), (IP_RECVERR_RFC4884, 1), (IP_MULTICAST_LOOP, 0),
                              (IP_MULTICAST_ALL, 0)):
            echo.setsockopt(socket.SOL_IP, option, value)

        # A client that bound with IP_BIND_ADDRESS_NO_PORT, its port chosen at connect().
        client = self.hold(socket.socket(v4, socket.SOCK_STREAM))
        client.setsockopt(socket.SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        client.bind(("127.0.0.1", 0))
        client.settimeout(5)
        client.connect(("127.0.0.1", 22))
        self.accept(self.ssh)

        # TCP_FASTOPEN_CONNECT with cookie-less Fast Open (this namespace's sysctl): connect() returns at
        # once and the SYN waits for the first write, which never comes. A SYN-SENT that holds still.
        with open("/proc/sys/net/ipv4/tcp_fastopen", "w") as sysctl:
            sysctl.write("5")
        deferred = self.hold(socket.socket(v4, socket.SOCK_STREAM))
        deferred.setsockopt(socket.IPPROTO_TCP, TCP_FASTOPEN_CONNECT, 1)
        deferred.connect(("127.0.0.1", 9000))

        # Raw IPPROTO_RAW implies IP_HDRINCL; IP_NODEFRAG on top. It never receives, so its queue stays empty.
        raw = self.hold(socket.socket(v4, socket.SOCK_RAW, socket.IPPROTO_RAW))
        raw.setsockopt(socket.SOL_IP, IP_NODEFRAG, 1)

    def make_time_wait(self):
        """TIME-WAIT, v4 and v6: the client closes first, then the server. Lasts 60 s."""
        pairs = ((socket.AF_INET, "127.0.0.1", self.shared_http), (socket.AF_INET6, "::1", self.https))
        closed = []
        for family, host, listener in pairs:
            c = socket.socket(family, socket.SOCK_STREAM)
            c.settimeout(5)
            c.connect((host, listener.getsockname()[1]))
            port = c.getsockname()[1]
            closed.append(f"{host}:{port}" if family == socket.AF_INET else f"[{host}]:{port}")
            listener.settimeout(5)
            s, _ = listener.accept()
            c.close()
            s.recv(1)  # returns b"" once the client's FIN is in
            s.close()
        return closed

    # ---- settling ------------------------------------------------------------------------

    def settle(self):
        required = {"LISTEN", "ESTAB", "TIME-WAIT", "CLOSE-WAIT", "FIN-WAIT-2", "SYN-SENT"}

        def states_present():
            seen = {line.split()[0] for line in ss_lines(["-tanH"])}
            return required <= seen

        wait_until(states_present, f"TCP states {sorted(required)}", timeout=15)
        # Netlink is left out: ss's own sock_diag socket is in it and differs every run.
        previous, stable_rounds = None, 0
        deadline = time.monotonic() + 15
        while stable_rounds < 3:
            snapshot = ss_lines(["-anH", "-A", "inet,unix,packet"])
            stable_rounds = stable_rounds + 1 if snapshot == previous else 0
            previous = snapshot
            if time.monotonic() > deadline:
                log("warning: the listing kept changing; going on anyway")
                break
            time.sleep(0.2)

    def hold_until_released(self):
        """Holds until stdin closes or the timeout passes.

        A "time-wait" line on stdin asks for fresh TIME-WAIT sockets (they expire after 60 s,
        and a long test run wants them all along); "TIME-WAIT-READY" answers once they show.
        """
        deadline = time.monotonic() + self.args.timeout
        pending = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                log("timeout reached; cleaning up")
                return
            ready, _, _ = select.select([sys.stdin], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(sys.stdin.fileno(), 4096)
            if not chunk:
                return
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if line.strip() == b"time-wait":
                    self.renew_time_wait()
                elif line.strip():
                    log(f"ignoring unknown request {line!r}")

    def renew_time_wait(self):
        fresh = set(self.make_time_wait())

        def all_in_time_wait():
            return fresh <= {line.split()[2] for line in ss_lines(["-tanH", "state", "time-wait"])}
        wait_until(all_in_time_wait, "fresh TIME-WAIT sockets")
        print("TIME-WAIT-READY", flush=True)

    def clean_up(self):
        for child in self.children:
            child.stop()
        for sock in self.held:
            sock.close()
        for path in self.unix_paths:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass


def ss_lines(args):
    out = subprocess.run(["ss", *args], check=True, capture_output=True, text=True, timeout=10).stdout
    return out.splitlines()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sink-netns", required=True, help="namespace holding the veth peer")
    parser.add_argument("--dev", required=True, help="the zoo's end of the veth pair")
    parser.add_argument("--local", required=True, help="the zoo's address on the veth")
    parser.add_argument("--peer", required=True, help="the sink's address on the veth")
    parser.add_argument("--blackhole", required=True, help="an address whose packets nobody answers")
    parser.add_argument("--unix-dir", required=True, help="an empty directory for unix socket paths")
    parser.add_argument("--abstract-prefix", required=True, help="prefix of abstract unix names")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to hold at most")
    args = parser.parse_args()

    # Leave through the cleanup below on SIGTERM/SIGINT too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    zoo = Zoo(args)
    try:
        zoo.build()
        zoo.settle()
        print("READY", flush=True)
        zoo.hold_until_released()
    except Exception as e:
        log(f"failed: {e!r}")
        print(f"FAILED {e}", flush=True)
        return 1
    finally:
        zoo.clean_up()
    return 0


if __name__ == "__main__":
    sys.exit(main())
