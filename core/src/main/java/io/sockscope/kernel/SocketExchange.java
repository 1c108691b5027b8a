package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A netlink socket ({@code AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC}) bound to a kernel-assigned port, as a
 * {@link NetlinkExchange}. Every datagram is read into one receive buffer, reused from datagram to datagram:
 * {@code MSG_PEEK | MSG_TRUNC} tells the size of the datagram waiting, and the buffer grows only when one is
 * larger than any before, so a dump costs the same memory whatever the number of sockets it lists.
 */
final class SocketExchange implements NetlinkExchange {
    /** {@code SO_RCVBUF} asked for, as ss does: room for a burst of replies. */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    // The kernel fills a dump datagram up to the size of the reader's largest buffer so far, capped at 32 KiB:
    // offer that much from the start so that a large dump takes few round trips.
    private static final int MIN_RECEIVE_BYTES = 32 * 1024;

    private final Arena arena;
    private final MemorySegment callState;
    private final MessageHeader header;
    private final int fd;
    private final int portId;
    // The receive buffer lives in an arena of its own so that growing it frees the smaller one.
    private Arena bufferArena;
    private MemorySegment buffer;
    private MemorySegment sendBuffer = MemorySegment.NULL;
    private boolean closed;

    private SocketExchange(Arena arena, MemorySegment callState, int fd, int portId) {
        this.arena = arena;
        this.callState = callState;
        this.header = new MessageHeader(arena);
        this.fd = fd;
        this.portId = portId;
        this.bufferArena = Arena.ofConfined();
        this.buffer = bufferArena.allocate(MIN_RECEIVE_BYTES, 8);
    }

    /**
     * Opens and binds a socket of a netlink protocol ({@code NETLINK_SOCK_DIAG} is 4).
     *
     * @throws NetlinkException naming the system call that failed ({@code socket: EPROTONOSUPPORT}, …)
     */
    static SocketExchange open(int protocol) throws NetlinkException {
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            BoundSocket socket = BoundSocket.open(arena, state, protocol, 0);
            return new SocketExchange(arena, state, socket.fd(), socket.portId());
        } catch (NetlinkException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] request) throws NetlinkException {
        checkOpen();
        if (sendBuffer.byteSize() < request.length) {
            // Requests are small (a filter program at most a few KiB): the channel's arena keeps them.
            sendBuffer = arena.allocate(Math.max(request.length, 256), 8);
        }
        MemorySegment bytes = sendBuffer.asSlice(0, request.length);
        MemorySegment.copy(request, 0, bytes, ValueLayout.JAVA_BYTE, 0, request.length);
        while (true) {
            long sent = Libc.sendmsg(callState, fd, header.prepare(bytes), 0);
            if (sent >= 0) {
                return;
            }
            int errno = Libc.errno(callState);
            if (errno != Errno.EINTR) {
                throw NetlinkException.ofSyscall("sendmsg", errno);
            }
        }
    }

    @Override
    public MemorySegment receive() throws NetlinkException {
        checkOpen();
        while (true) {
            long pending = recvmsg(MemorySegment.NULL, Libc.MSG_PEEK | Libc.MSG_TRUNC);
            if (pending > buffer.byteSize()) {
                grow(pending);
            }
            long received = recvmsg(buffer, 0);
            if ((header.receivedFlags() & Libc.MSG_TRUNC) != 0) {
                // Only another reader of this socket could slip a larger datagram in between the two calls.
                throw NetlinkException.ofProtocol("recvmsg", "a datagram did not fit the "
                        + buffer.byteSize() + "-byte buffer its peeked size asked for");
            }
            // Other processes may write to our port: only the kernel's datagrams are replies.
            if (header.senderPortId() == 0) {
                return buffer.asSlice(0, received);
            }
        }
    }

    /** The size of the receive buffer now: 32 KiB, or the largest datagram received so far. */
    long receiveBufferBytes() {
        return buffer.byteSize();
    }

    private void grow(long size) {
        Arena larger = Arena.ofConfined();
        MemorySegment grown = larger.allocate(size, 8);
        bufferArena.close();
        bufferArena = larger;
        buffer = grown;
    }

    private long recvmsg(MemorySegment into, int flags) throws NetlinkException {
        while (true) {
            long n = Libc.recvmsg(callState, fd, header.prepare(into), flags);
            if (n > 0) {
                return n;
            }
            if (n == 0) {
                throw NetlinkException.ofProtocol("recvmsg", "end of file on netlink socket");
            }
            int errno = Libc.errno(callState);
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
            Libc.close(fd);
            bufferArena.close();
            arena.close();
        }
    }
}
