"""A server that closes every connection once its client has: it reads a request, answers it, and closes when
the client's FIN arrives. A client makes RATE connections a second for SECONDS seconds, each sending one byte,
reading the answer and closing. Prints "port PORT" once listening, then "made N failed F" at the end."""
import selectors
import socket
import sys
import threading
import time

rate, seconds = int(sys.argv[1]), float(sys.argv[2])
go = threading.Event()


def serve(listener, stop):
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    while not stop.is_set():
        for key, _ in sel.select(0.1):
            if key.fileobj is listener:
                try:
                    conn, _ = listener.accept()
                except BlockingIOError:
                    continue
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ)
                continue
            conn = key.fileobj
            try:
                data = conn.recv(64)
            except (BlockingIOError, ConnectionError):
                data = b"" if not isinstance(sys.exc_info()[1], BlockingIOError) else None
            if data is None:
                continue
            if data:
                conn.send(data)
            else:
                sel.unregister(conn)
                conn.close()


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(4096)
listener.setblocking(False)
stop = threading.Event()
server = threading.Thread(target=serve, args=(listener, stop))
server.start()
port = listener.getsockname()[1]
print("port", port, flush=True)
sys.stdin.readline()  # the caller's signal that its watch is ready
made = failed = 0
start = time.monotonic()
while time.monotonic() - start < seconds:
    due = start + made / rate
    now = time.monotonic()
    if due > now:
        time.sleep(due - now)
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=2)
        c.sendall(b"x")
        c.recv(1)
        c.close()
        made += 1
    except OSError:
        failed += 1
        made += 1
stop.set()
server.join()
print("made", made, "failed", failed, "in", round(time.monotonic() - start, 1), flush=True)
