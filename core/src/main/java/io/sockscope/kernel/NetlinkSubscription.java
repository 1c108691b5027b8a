package io.sockscope.kernel;

import io.sockscope.netlink.MessageCursor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A netlink socket subscribed to multicast groups, for notifications the kernel broadcasts (sock_diag's
 * destroy events): nothing is requested, messages arrive as things happen. Each {@link #receive} waits at
 * most the wake interval given at opening, so that a caller can look at a stop flag between waits without
 * interrupting a system call.
 *
 * <p>Only kernel broadcasts are delivered: datagrams from another sender and messages not addressed to
 * everybody (port id and sequence number 0) are skipped, as ss skips them. When the kernel had to drop
 * notifications because the socket's receive queue was full ({@code ENOBUFS}), a warning says so and the
 * subscription goes on.
 *
 * <p>Belongs to the thread that opened it (its memory is confined). Close it.
 */
public final class NetlinkSubscription implements AutoCloseable {
    private static final int MIN_RECEIVE_BYTES = 32 * 1024;

    private final Arena arena;
    private final MemorySegment callState;
    private final MessageHeader header;
    private final int fd;
    private Arena bufferArena;
    private MemorySegment buffer;
    private boolean closed;

    private NetlinkSubscription(Arena arena, MemorySegment callState, int fd) {
        this.arena = arena;
        this.callState = callState;
        this.header = new MessageHeader(arena);
        this.fd = fd;
        this.bufferArena = Arena.ofConfined();
        this.buffer = bufferArena.allocate(MIN_RECEIVE_BYTES, 8);
    }

    /**
     * Opens a socket of a netlink protocol bound to {@code groups} (bit {@code n - 1} joins group {@code n}).
     *
     * @param wakeInterval the longest a {@link #receive} waits (at least a millisecond)
     * @throws NetlinkException naming the system call that failed ({@code bind: EPERM} when joining the
     *                          groups needs a privilege the caller lacks)
     */
    public static NetlinkSubscription open(int protocol, int groups, Duration wakeInterval) throws NetlinkException {
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            BoundSocket socket = BoundSocket.open(arena, state, protocol, groups);
            // struct timeval { long tv_sec; long tv_usec; }
            long micros = Math.max(wakeInterval.toNanos() / 1000, 1000);
            MemorySegment timeval = arena.allocate(16, 8);
            timeval.set(ValueLayout.JAVA_LONG, 0, micros / 1_000_000);
            timeval.set(ValueLayout.JAVA_LONG, 8, micros % 1_000_000);
            if (Libc.setsockopt(state, socket.fd(), Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeval, 16) < 0) {
                int errno = Libc.errno(state);
                Libc.close(socket.fd());
                throw NetlinkException.ofSyscall("setsockopt", errno);
            }
            return new NetlinkSubscription(arena, state, socket.fd());
        } catch (NetlinkException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Waits for the next datagram, at most the wake interval, and hands its broadcast messages to
     * {@code handler} in order.
     *
     * @param warnings told when notifications were lost
     * @return false when the wait ended with nothing received (the interval passed, or a signal came)
     * @throws NetlinkException when receiving fails otherwise
     */
    public boolean receive(NetlinkMessageHandler handler, Consumer<String> warnings) throws NetlinkException {
        if (closed) {
            throw new IllegalStateException("netlink subscription is closed");
        }
        long pending = recvmsg(MemorySegment.NULL, Libc.MSG_PEEK | Libc.MSG_TRUNC);
        if (pending == 0) {
            return false;
        }
        if (pending < 0) {
            warnings.accept("the kernel dropped notifications: the receive queue was full (ENOBUFS)");
            return true;
        }
        if (pending > buffer.byteSize()) {
            Arena larger = Arena.ofConfined();
            MemorySegment grown = larger.allocate(pending, 8);
            bufferArena.close();
            bufferArena = larger;
            buffer = grown;
        }
        long received = recvmsg(buffer, 0);
        if (received <= 0) {
            return received < 0;
        }
        if (header.senderPortId() != 0) {
            return true; // another process wrote to our port: not a notification
        }
        MessageCursor c = new MessageCursor(buffer.asSlice(0, received));
        while (c.next()) {
            // Types below 16 are netlink control messages; broadcasts carry port id 0 and sequence 0.
            if (c.type() >= 16 && c.portId() == 0 && c.seq() == 0) {
                handler.onMessage(c.type(), c.flags(), c.payload());
            }
        }
        if (c.remnant() != 0) {
            warnings.accept("skipped " + c.remnant() + " bytes of a notification that do not form a netlink message");
        }
        return true;
    }

    /** The byte count received, 0 when the wait timed out or was interrupted, -1 after an overflow. */
    private long recvmsg(MemorySegment into, int flags) throws NetlinkException {
        long n = Libc.recvmsg(callState, fd, header.prepare(into), flags);
        if (n > 0) {
            return n;
        }
        if (n == 0) {
            throw NetlinkException.ofProtocol("recvmsg", "end of file on netlink socket");
        }
        int errno = Libc.errno(callState);
        if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
            return 0;
        }
        if (errno == Errno.ENOBUFS) {
            return -1;
        }
        throw NetlinkException.ofSyscall("recvmsg", errno);
    }

    /** Leaves the groups and closes the socket. Closing twice does nothing. */
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
