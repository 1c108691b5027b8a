package io.sockscope.kernel;

import java.lang.foreign.MemorySegment;

/**
 * {@link SocketExchange} over the JNI library's array calls, used when that library is loaded: requests go
 * from their arrays and datagrams come into a heap array, so a dump creates no native segment at all. The
 * receive buffer is sized as {@link SocketExchange}'s is: {@code MSG_PEEK | MSG_TRUNC} tells the size of the
 * datagram waiting, and the buffer grows only when one is larger than any before.
 */
final class ArraySocketExchange implements NetlinkExchange, ArrayReceiver {
    // As in SocketExchange: the kernel fills a dump datagram up to the reader's largest buffer, capped at 32 KiB.
    private static final int MIN_RECEIVE_BYTES = 32 * 1024;

    private final int fd;
    private final int portId;
    /** Where the JNI receive puts the sender's port id and {@code msg_flags}. */
    private final int[] meta = new int[2];
    private byte[] buffer = new byte[MIN_RECEIVE_BYTES];
    private int length;
    private boolean closed;

    private ArraySocketExchange(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /**
     * Opens and binds a socket of a netlink protocol; needs {@link JniCalls#AVAILABLE}.
     *
     * @throws NetlinkException naming the system call that failed ({@code socket: EPROTONOSUPPORT}, …)
     */
    static ArraySocketExchange open(int protocol) throws NetlinkException {
        BoundSocket socket = BoundSocket.openWithJni(protocol, 0);
        return new ArraySocketExchange(socket.fd(), socket.portId());
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] request) throws NetlinkException {
        checkOpen();
        while (true) {
            long sent = JniCalls.sendToKernel(fd, request, request.length, 0);
            if (sent >= 0) {
                return;
            }
            if (sent != -Errno.EINTR) {
                throw NetlinkException.ofSyscall("sendmsg", (int) -sent);
            }
        }
    }

    @Override
    public byte[] receiveArray() throws NetlinkException {
        checkOpen();
        while (true) {
            long pending = receive(null, 0, Libc.MSG_PEEK | Libc.MSG_TRUNC);
            if (pending > buffer.length) {
                buffer = new byte[Math.toIntExact(pending)];
            }
            long received = receive(buffer, buffer.length, 0);
            if ((meta[1] & Libc.MSG_TRUNC) != 0) {
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

    /** A view of the array {@link #receiveArray()} fills, for callers of the general interface. */
    @Override
    public MemorySegment receive() throws NetlinkException {
        byte[] datagram = receiveArray();
        return MemorySegment.ofArray(datagram).asSlice(0, length);
    }

    private long receive(byte[] into, int size, int flags) throws NetlinkException {
        while (true) {
            long n = JniCalls.receive(fd, into, size, flags, meta);
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
            JniCalls.close(fd);
        }
    }
}
