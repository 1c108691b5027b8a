package io.sockscope.kernel;

import io.sockscope.netlink.MessageCursor;

import java.nio.ByteOrder;
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
 * <p>Belongs to the thread that opened it. Close it.
 */
public final class NetlinkSubscription implements AutoCloseable {
    private static final int MIN_RECEIVE_BYTES = 32 * 1024;
    /** What an overflow is reported as when the caller has nothing better to do with it. */
    public static final String OVERFLOW_WARNING = "the kernel dropped notifications: the receive queue was full"
            + " (ENOBUFS)";
    /** For {@link #open(int, int, Duration, int)}: the receive buffer every netlink socket of sockscope asks for. */
    public static final int DEFAULT_RECEIVE_BUFFER = 0;

    private final Syscalls calls;
    private final int fd;
    /** Where a receive puts the sender's port id and {@code msg_flags}. */
    private final int[] meta = new int[2];
    private byte[] buffer = new byte[MIN_RECEIVE_BYTES];
    private boolean closed;

    private NetlinkSubscription(Syscalls calls, int fd) {
        this.calls = calls;
        this.fd = fd;
    }

    /**
     * Opens a socket of a netlink protocol bound to {@code groups} (bit {@code n - 1} joins group {@code n}).
     *
     * @param wakeInterval the longest a {@link #receive} waits (at least a millisecond)
     * @throws NetlinkException naming the system call that failed ({@code bind: EPERM} when joining the
     *                          groups needs a privilege the caller lacks)
     */
    public static NetlinkSubscription open(int protocol, int groups, Duration wakeInterval) throws NetlinkException {
        return open(protocol, groups, wakeInterval, DEFAULT_RECEIVE_BUFFER);
    }

    /**
     * As {@link #open(int, int, Duration)}, with a receive buffer of {@code receiveBufferBytes} ({@code SO_RCVBUF},
     * which the kernel doubles and raises to its minimum of a few kilobytes) instead of the one every netlink socket
     * asks for. A small buffer makes the kernel drop notifications after a handful: it exists so that tests can
     * see what a subscriber does then.
     *
     * @param receiveBufferBytes the buffer to ask for, or {@link #DEFAULT_RECEIVE_BUFFER}
     */
    public static NetlinkSubscription open(int protocol, int groups, Duration wakeInterval, int receiveBufferBytes)
            throws NetlinkException {
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("receive buffer size must not be negative: " + receiveBufferBytes);
        }
        Syscalls calls = NativeLayer.syscalls();
        BoundSocket socket = BoundSocket.open(calls, protocol, groups);
        long micros = Math.max(wakeInterval.toNanos() / 1000, 1000);
        setOption(calls, socket.fd(), Syscalls.SO_RCVTIMEO, timeval(micros));
        if (receiveBufferBytes != DEFAULT_RECEIVE_BUFFER) {
            setOption(calls, socket.fd(), Syscalls.SO_RCVBUF, BoundSocket.hostOrder(receiveBufferBytes));
        }
        return new NetlinkSubscription(calls, socket.fd());
    }

    /** Sets a {@code SOL_SOCKET} option; on failure closes {@code fd} and says which call failed. */
    private static void setOption(Syscalls calls, int fd, int option, byte[] value) throws NetlinkException {
        long set = calls.setsockopt(fd, Syscalls.SOL_SOCKET, option, value);
        if (set < 0) {
            calls.close(fd);
            throw NetlinkException.ofSyscall("setsockopt", (int) -set);
        }
    }

    /** {@code struct timeval { long tv_sec; long tv_usec; }} of {@code micros}, in host order. */
    private static byte[] timeval(long micros) {
        byte[] bytes = new byte[16];
        long[] fields = {micros / 1_000_000, micros % 1_000_000};
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int field = 0; field < 2; field++) {
            for (int i = 0; i < 8; i++) {
                bytes[8 * field + i] = (byte) (fields[field] >>> (little ? 8 * i : 8 * (7 - i)));
            }
        }
        return bytes;
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
        return receive(handler, warnings, () -> warnings.accept(OVERFLOW_WARNING));
    }

    /**
     * As {@link #receive(NetlinkMessageHandler, Consumer)}, but an overflow is told to {@code lost} rather than
     * to the warnings: for a caller that recovers from it (reads the table again) instead of only saying so.
     */
    public boolean receive(NetlinkMessageHandler handler, Consumer<String> warnings, Runnable lost)
            throws NetlinkException {
        if (closed) {
            throw new IllegalStateException("netlink subscription is closed");
        }
        long pending = receive(null, 0, Syscalls.MSG_PEEK | Syscalls.MSG_TRUNC);
        if (pending == 0) {
            return false;
        }
        if (pending < 0) {
            lost.run();
            return true;
        }
        if (pending > buffer.length) {
            buffer = new byte[Math.toIntExact(pending)];
        }
        long received = receive(buffer, buffer.length, 0);
        if (received <= 0) {
            return received < 0;
        }
        if (meta[0] != 0) {
            return true; // another process wrote to our port: not a notification
        }
        MessageCursor c = new MessageCursor(buffer, (int) received);
        while (c.next()) {
            // Types below 16 are netlink control messages; broadcasts carry port id 0 and sequence 0.
            if (c.type() >= 16 && c.portId() == 0 && c.seq() == 0) {
                handler.onMessage(c.type(), c.flags(), buffer, c.payloadOffset(), c.payloadLength());
            }
        }
        if (c.remnant() != 0) {
            warnings.accept("skipped " + c.remnant() + " bytes of a notification that do not form a netlink message");
        }
        return true;
    }

    /** The byte count received, 0 when the wait timed out or was interrupted, -1 after an overflow. */
    private long receive(byte[] into, int size, int flags) throws NetlinkException {
        long n = calls.receive(fd, into, size, flags, meta);
        if (n > 0) {
            return n;
        }
        if (n == 0) {
            throw NetlinkException.ofProtocol("recvmsg", "end of file on netlink socket");
        }
        int errno = (int) -n;
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
            calls.close(fd);
        }
    }
}
