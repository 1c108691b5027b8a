"""A listener in a process close to its descriptor limit: the soft RLIMIT_NOFILE is lowered to LIMIT and
descriptors are opened until about OPEN of them are in use. Prints the listener's port and how many descriptors
are open, then waits for stdin to close."""
import os
import resource
import socket
import sys

limit, wanted = int(sys.argv[1]), int(sys.argv[2])
_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
held = []
while len(os.listdir("/proc/self/fd")) < wanted:
    held.append(os.open("/dev/null", os.O_RDONLY))
# Listing the directory takes a descriptor of its own while it runs.
print(listener.getsockname()[1], len(os.listdir("/proc/self/fd")) - 1, flush=True)
sys.stdin.read()
