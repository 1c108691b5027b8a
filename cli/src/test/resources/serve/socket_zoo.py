"""A known set of sockets inside whatever network namespace this runs in, held until stdin closes.

"listeners": TCP listeners on 127.0.0.1:8080 (loopback only) and 0.0.0.0:9090, and one on 127.0.0.1:7070 with a
backlog of 2 that never accepts, given 4 connections (its accept queue full, the last one left in SYN-SENT).
"leaky": accepts 3 connections from itself and keeps the accepted ends open after the clients close theirs: 3
sockets in CLOSE-WAIT, the only sockets this process holds.
Prints "ready" once everything is in place, then waits for stdin to close."""
import socket
import sys


def listener(address, port, backlog):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((address, port))
    s.listen(backlog)
    return s


kept = []
role = sys.argv[1]
if role == "listeners":
    kept.append(listener("127.0.0.1", 8080, 16))
    kept.append(listener("0.0.0.0", 9090, 16))
    full = listener("127.0.0.1", 7070, 2)
    kept.append(full)
    for i in range(4):
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        client.setblocking(False)
        client.connect_ex(("127.0.0.1", 7070))
        kept.append(client)
elif role == "leaky":
    server = listener("127.0.0.1", 0, 16)
    port = server.getsockname()[1]
    for i in range(3):
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        client.close()
        kept.append(accepted)
    server.close()
else:
    sys.exit("unknown role " + role)
print("ready", flush=True)
sys.stdin.read()
