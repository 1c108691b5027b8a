"""Connections on demand inside whatever network namespace this runs in. Prints the listener's port, then for
each line read: "short" makes a connection and closes both ends at once; "leak" makes one whose client closes
while the accepted end is kept open (CLOSE-WAIT). Each prints the client's port."""
import socket
import sys

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
print(listener.getsockname()[1], flush=True)
kept = []
for line in sys.stdin:
    client = socket.create_connection(("127.0.0.1", listener.getsockname()[1]))
    accepted, _ = listener.accept()
    port = client.getsockname()[1]
    client.close()
    if line.strip() == "leak":
        kept.append(accepted)
    else:
        accepted.close()
    print(port, flush=True)
