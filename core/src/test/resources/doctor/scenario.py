"""Servers and clients for the doctor's scenario tests, run inside test network namespaces.

Every mode prints "ready" on stdout (flushed) once its sockets are in place, then waits to be killed
(servers, held clients) or exits (one-shot clients). Nothing here talks to addresses outside the test's
own namespaces: hosts and ports come from the test.

  Every mode takes --name NAME to set the process's command name (what ss and the doctor show), so that a
  scenario can play a well-known daemon.

  listen HOST PORT [--v6only] [--backlog N] [--no-accept] [--keep] [--nofile N] [--fill M] [--leak-port P]
      TCP server. Default: accept and close at once (the server closes first, so TIME-WAIT stays here).
      --no-accept never calls accept() (the queue fills); --keep accepts and never closes (CLOSE-WAIT
      once clients hang up); --until-eof reads until the client hangs up, then closes (TIME-WAIT stays
      with the client); --nofile sets RLIMIT_NOFILE, --fill opens that many extra descriptors;
      --leak-port also listens on P, in the same process, and never closes what it accepts there.
  udp HOST PORT [--v6only]      a UDP socket answering every datagram
  unix PATH [--mode OCTAL] [--stale] [--dgram] [--chdir DIR]
      a unix stream listener at PATH (chmod to --mode); --stale binds, listens and exits without
      removing the file; --dgram binds a datagram socket instead; --chdir binds PATH relative to DIR
      (how a server listens at a path longer than a unix socket address holds)
  connect HOST PORT COUNT [--hold] [--client-closes] [--bind ADDRESS]
      COUNT connections. --hold keeps them open until killed; --client-closes closes each at once from
      this side (TIME-WAIT on the client); otherwise waits for the server to close first.
  probe HOST PORT [--udp] [--timeout S]
      one connection attempt; prints connected, refused, timeout or error:TEXT
  probe-unix PATH [--chdir DIR]
      one unix connect (from DIR); prints connected, refused, missing, denied or error:TEXT
  bind HOST PORT [--udp] [--reuseaddr]
      one bind attempt; prints bound or error:ERRNO-NAME
"""
import errno
import os
import resource
import signal
import socket
import sys
import threading
import time


def ready():
    sys.stdout.write("ready\n")
    sys.stdout.flush()


def wait_forever():
    while True:
        signal.pause()


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def option(args, name, default=None):
    if name in args:
        return args[args.index(name) + 1]
    return default


def listen(args):
    host, port = args[0], int(args[1])
    fam = family_of(host)
    nofile = option(args, "--nofile")
    if nofile is not None:
        n = int(nofile)
        resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if "--v6only" in args else 0)
    s.bind((host, port))
    s.listen(int(option(args, "--backlog", "128")))
    held = []
    fill = option(args, "--fill")
    if fill is not None:
        for _ in range(int(fill)):
            held.append(open("/dev/null", "rb"))
    leak_port = option(args, "--leak-port")
    if leak_port is not None:
        leaky = socket.socket(fam, socket.SOCK_STREAM)
        leaky.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        leaky.bind((host, int(leak_port)))
        leaky.listen(128)
        threading.Thread(target=keep_every_connection, args=(leaky, held), daemon=True).start()
    ready()
    if "--no-accept" in args:
        wait_forever()
    while True:
        conn, _ = s.accept()
        if "--keep" in args:
            held.append(conn)
        elif "--until-eof" in args:
            conn.settimeout(10)
            try:
                while conn.recv(4096):
                    pass
            except OSError:
                pass
            conn.close()
        else:
            conn.close()


def keep_every_connection(listener, held):
    while True:
        conn, _ = listener.accept()
        held.append(conn)


def udp(args):
    host, port = args[0], int(args[1])
    fam = family_of(host)
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if "--v6only" in args else 0)
    s.bind((host, port))
    ready()
    while True:
        data, peer = s.recvfrom(2048)
        s.sendto(data, peer)


def unix(args):
    path = args[0]
    chdir = option(args, "--chdir")
    if chdir is not None:
        os.chdir(chdir)
    kind = socket.SOCK_DGRAM if "--dgram" in args else socket.SOCK_STREAM
    s = socket.socket(socket.AF_UNIX, kind)
    s.bind(path)
    mode = option(args, "--mode")
    if mode is not None:
        os.chmod(path, int(mode, 8))
    if kind == socket.SOCK_STREAM:
        s.listen(16)
    if "--stale" in args:
        # Exit without unlinking: the file stays, nobody listens any more.
        ready()
        os._exit(0)
    ready()
    if kind == socket.SOCK_DGRAM:
        wait_forever()
    while True:
        conn, _ = s.accept()
        conn.close()


def connect(args):
    host, port, count = args[0], int(args[1]), int(args[2])
    fam = family_of(host)
    bind_to = option(args, "--bind")
    held = []
    for _ in range(count):
        c = socket.socket(fam, socket.SOCK_STREAM)
        if bind_to is not None:
            c.bind((bind_to, 0))
        if "--hold" in args:
            c.setblocking(False)
            try:
                c.connect((host, port))
            except BlockingIOError:
                pass
            held.append(c)
            continue
        c.connect((host, port))
        if "--client-closes" in args:
            c.close()
        else:
            c.settimeout(5)
            try:
                c.recv(1)  # returns b"" once the server closes first
            finally:
                c.close()
    if "--hold" in args:
        time.sleep(0.5)  # let the handshakes finish
        ready()
        wait_forever()
    ready()


def probe(args):
    host, port = args[0], int(args[1])
    timeout = float(option(args, "--timeout", "2"))
    kind = socket.SOCK_DGRAM if "--udp" in args else socket.SOCK_STREAM
    c = socket.socket(family_of(host), kind)
    c.settimeout(timeout)
    try:
        c.connect((host, port))
        if kind == socket.SOCK_DGRAM:
            c.send(b"ping")
            c.recv(16)
        print("connected")
    except socket.timeout:
        print("timeout")
    except ConnectionRefusedError:
        print("refused")
    except OSError as e:
        print("error:" + (errno.errorcode.get(e.errno, str(e.errno)) if e.errno else str(e)))
    finally:
        c.close()


def probe_unix(args):
    chdir = option(args, "--chdir")
    if chdir is not None:
        os.chdir(chdir)
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        c.connect(args[0])
        print("connected")
    except ConnectionRefusedError:
        print("refused")
    except FileNotFoundError:
        print("missing")
    except PermissionError:
        print("denied")
    except OSError as e:
        # Python refuses a path longer than sun_path itself, with no errno.
        print("error:" + (errno.errorcode.get(e.errno, str(e.errno)) if e.errno else str(e)))
    finally:
        c.close()


def bind(args):
    host, port = args[0], int(args[1])
    kind = socket.SOCK_DGRAM if "--udp" in args else socket.SOCK_STREAM
    s = socket.socket(family_of(host), kind)
    if "--reuseaddr" in args:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind((host, port))
        if kind == socket.SOCK_STREAM:
            s.listen(1)
        print("bound")
    except OSError as e:
        print("error:" + errno.errorcode.get(e.errno, str(e.errno)))
    finally:
        s.close()


MODES = {"listen": listen, "udp": udp, "unix": unix, "connect": connect, "probe": probe,
         "probe-unix": probe_unix, "bind": bind}

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    name = option(sys.argv, "--name")
    if name is not None:
        with open("/proc/self/comm", "w") as comm:
            comm.write(name)
    MODES[sys.argv[1]](sys.argv[2:])
