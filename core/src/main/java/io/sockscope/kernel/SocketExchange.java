package io.sockscope.kernel;

/**
 * A netlink socket ({@code AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC}) bound to a kernel-assigned port, as a
 * {@link NetlinkExchange}. Every datagram is read into one heap array, reused from datagram to datagram:
 * {@code MSG_PEEK | MSG_TRUNC} tells the size of the datagram waiting, and the array grows only when one is
 * larger than any before, so a dump costs the same memory whatever the number of sockets it lists.
 */
final class SocketExchange implements NetlinkExchange {
    /** {@code SO_RCVBUF} asked for, as ss does: room for a burst of replies. */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    // The kernel fills a dump datagram up to the size of the reader's largest buffer so far, capped at 32 KiB:
    // offer that much from the start so that a large dump takes few round trips.
    private static final int MIN_RECEIVE_BYTES = 32 * 1024;

    private final Syscalls calls;
    private final int fd;
    private final int portId;
    /** Where a receive puts the sender's port id and {@code msg_flags}. */
    private final int[] meta = new int[2];
    private byte[] buffer = new byte[MIN_RECEIVE_BYTES];
    private int length;
    private boolean closed;

    private SocketExchange(Syscalls calls, int fd, int portId) {
        this.calls = calls;
        this.fd = fd;
        this.portId = portId;
    }

    /**
     * Opens and binds a socket of a netlink protocol ({@code NETLINK_SOCK_DIAG} is 4).
     *
     * @throws NetlinkException naming the system call that failed ({@code socket: EPROTONOSUPPORT}, …)
     */
    static SocketExchange open(Syscalls calls, int protocol) throws NetlinkException {
        BoundSocket socket = BoundSocket.open(calls, protocol, 0);
        return new SocketExchange(calls, socket.fd(), socket.portId());
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] request) throws NetlinkException {
        checkOpen();
        while (true) {
            long sent = calls.sendToKernel(fd, request, request.length, 0);
            if (sent >= 0) {
                return;
            }
            if (sent != -Errno.EINTR) {
                throw NetlinkException.ofSyscall("sendmsg", (int) -sent);
            }
        }
    }

    @Override
    public byte[] receive() throws NetlinkException {
        checkOpen();
        while (true) {
            long pending = receive(null, 0, Syscalls.MSG_PEEK | Syscalls.MSG_TRUNC);
            if (pending > buffer.length) {
                buffer = new byte[Math.toIntExact(pending)];
            }
            long received = receive(buffer, buffer.length, 0);
            if ((meta[1] & Syscalls.MSG_TRUNC) != 0) {
                // Only another reader of this socket could slip a larger datagram in between the two calls.
                throw NetlinkException.ofProtocol("recvmsg", "a datagram did not fit the "
                        + buffer.length + "-byte buffer its peeked size asked for");
            }
            // Other processes may write to our port: only the kernel's datagrams are replies.
            if (meta[0] == 0) {
                length = (int) received;
                return buffer;
            }
        }
    }

    @Override
    public int receivedLength() {
        return length;
    }

    /** The size of the receive buffer now: 32 KiB, or the largest datagram received so far. */
    int receiveBufferBytes() {
        return buffer.length;
    }

    private long receive(byte[] into, int size, int flags) throws NetlinkException {
        while (true) {
            long n = calls.receive(fd, into, size, flags, meta);
            if (n > 0) {
                return n;
            }
            if (n == 0) {
                throw NetlinkException.ofProtocol("recvmsg", "end of file on netlink socket");
            }
            int errno = (int) -n;
            if (errno != Errno.EINTR && errno != Errno.EAGAIN) {
                throw NetlinkException.ofSyscall("recvmsg", errno);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("netlink channel is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            calls.close(fd);
        }
    }
}
