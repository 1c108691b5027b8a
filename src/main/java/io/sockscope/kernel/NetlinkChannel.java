package io.sockscope.kernel;

import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkError;
import io.sockscope.netlink.NetlinkHeader;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A netlink socket ({@code AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC}) bound to a kernel-assigned port, that sends
 * dump requests and collects their replies.
 *
 * <p>{@link #dump} receives the whole reply before handing any message to the handler, so a dump either
 * delivers everything or fails having delivered nothing; that is what lets it retry a dump the kernel flagged
 * {@code NLM_F_DUMP_INTR}, and lets callers fall back to another source on failure. Replies are read straight
 * into native buffers sized with {@code MSG_PEEK | MSG_TRUNC}, so nothing is ever truncated.
 *
 * <p>A channel belongs to the thread that opened it (its memory is confined to that thread). Close it.
 */
public final class NetlinkChannel implements AutoCloseable {
    /** {@code SO_RCVBUF} asked for, as ss does: room for a burst of replies. */
    public static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    /** How many times a dump flagged {@code NLM_F_DUMP_INTR} is run before it is delivered anyway. */
    public static final int MAX_DUMP_ATTEMPTS = 3;

    // The kernel fills a dump datagram up to the size of the reader's last buffer, capped at 32 KiB: offer
    // that much every time so that a large dump takes few round trips.
    private static final int MIN_RECEIVE_BYTES = 32 * 1024;
    private static final long SLAB_BYTES = 1 << 20;

    private final Arena arena;
    private final MemorySegment callState;
    private final MessageHeader header;
    private final int fd;
    private final int portId;
    private boolean closed;

    private NetlinkChannel(Arena arena, MemorySegment callState, MessageHeader header, int fd, int portId) {
        this.arena = arena;
        this.callState = callState;
        this.header = header;
        this.fd = fd;
        this.portId = portId;
    }

    /**
     * Opens and binds a socket of a netlink protocol ({@code NETLINK_SOCK_DIAG} is 4).
     *
     * @throws NetlinkException naming the system call that failed ({@code socket: EPROTONOSUPPORT}, …)
     */
    public static NetlinkChannel open(int protocol) throws NetlinkException {
        Arena arena = Arena.ofConfined();
        int fd = -1;
        try {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            fd = Libc.socket(state, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw NetlinkException.ofSyscall("socket", Libc.errno(state));
            }
            MemorySegment option = arena.allocate(ValueLayout.JAVA_INT);
            option.set(ValueLayout.JAVA_INT, 0, RECEIVE_BUFFER_BYTES);
            // A smaller buffer only costs round trips: dumps are paced by the reader, so failure is harmless.
            Libc.setsockopt(state, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, option, 4);
            option.set(ValueLayout.JAVA_INT, 0, 1);
            // Kernels before 4.12 have no extended ack; errors then come without their text.
            Libc.setsockopt(state, fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, option, 4);

            MemorySegment address = arena.allocate(MessageHeader.SOCKADDR_NL);
            address.set(ValueLayout.JAVA_SHORT, MessageHeader.NL_FAMILY, (short) Libc.AF_NETLINK);
            if (Libc.bind(state, fd, address, MessageHeader.SOCKADDR_NL_SIZE) < 0) {
                throw NetlinkException.ofSyscall("bind", Libc.errno(state));
            }
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, MessageHeader.SOCKADDR_NL_SIZE);
            if (Libc.getsockname(state, fd, address, length) < 0) {
                throw NetlinkException.ofSyscall("getsockname", Libc.errno(state));
            }
            int portId = address.get(ValueLayout.JAVA_INT, MessageHeader.NL_PID);
            return new NetlinkChannel(arena, state, new MessageHeader(arena), fd, portId);
        } catch (NetlinkException | RuntimeException | Error e) {
            if (fd >= 0) {
                Libc.close(fd);
            }
            arena.close();
            throw e;
        }
    }

    /** The port id the kernel assigned to this socket; replies to it carry it in {@code nlmsg_pid}. */
    public int portId() {
        return portId;
    }

    /**
     * Sends a dump request and hands every data message of the reply to {@code handler}, after the reply
     * ended with {@code NLMSG_DONE} (or, for a request without {@code NLM_F_DUMP}, with its acknowledgement:
     * such a request must set {@code NLM_F_ACK}). Messages whose sequence number differs from the request's, or that are
     * not addressed to this socket, are not part of the reply and are skipped.
     *
     * @param call     names the operation in errors, e.g. {@code sock_diag dump}
     * @param request  a whole request message; its {@code nlmsg_seq} identifies the reply
     * @param warnings told about reply bytes that could not be framed (the rest is still delivered)
     * @throws NetlinkException when a system call fails, or the kernel answers with an error (nothing was
     *                          delivered then)
     */
    public DumpOutcome dump(String call, byte[] request, NetlinkMessageHandler handler, Consumer<String> warnings)
            throws NetlinkException {
        return dump(call, request, handler, warnings, null);
    }

    /**
     * {@link #dump(String, byte[], NetlinkMessageHandler, Consumer)}, also handing the raw reply datagrams to
     * {@code recorder} (when not null) before any message is delivered, or before the error is thrown.
     */
    public DumpOutcome dump(String call, byte[] request, NetlinkMessageHandler handler, Consumer<String> warnings,
                            ReplyRecorder recorder) throws NetlinkException {
        if (closed) {
            throw new IllegalStateException("netlink channel is closed");
        }
        if (request.length < NetlinkHeader.SIZE) {
            throw new IllegalArgumentException("request of " + request.length + " bytes has no header");
        }
        int seq = NetlinkHeader.seq(MemorySegment.ofArray(request), 0);
        // A request that is not a dump ends with its acknowledgement instead of NLMSG_DONE.
        boolean endsWithAck = (NetlinkHeader.flags(MemorySegment.ofArray(request), 0) & NetlinkHeader.NLM_F_DUMP)
                != NetlinkHeader.NLM_F_DUMP;
        for (int attempt = 1; ; attempt++) {
            try (Arena replyArena = Arena.ofConfined()) {
                send(replyArena, request);
                ReplyBuffers reply = new ReplyBuffers(replyArena);
                boolean interrupted;
                try {
                    interrupted = receiveUntilDone(call, seq, endsWithAck, reply, warnings);
                } catch (NetlinkException e) {
                    record(reply, recorder);
                    throw e;
                }
                if (interrupted && attempt < MAX_DUMP_ATTEMPTS) {
                    continue;
                }
                record(reply, recorder);
                for (MemorySegment datagram : reply.datagrams) {
                    deliver(datagram, seq, handler);
                }
                return interrupted ? DumpOutcome.POSSIBLY_INCONSISTENT : DumpOutcome.CONSISTENT;
            }
        }
    }

    private static void record(ReplyBuffers reply, ReplyRecorder recorder) {
        if (recorder != null) {
            reply.datagrams.forEach(recorder::datagram);
        }
    }

    private void send(Arena replyArena, byte[] request) throws NetlinkException {
        MemorySegment buffer = replyArena.allocate(request.length);
        MemorySegment.copy(request, 0, buffer, ValueLayout.JAVA_BYTE, 0, request.length);
        while (true) {
            long sent = Libc.sendmsg(callState, fd, header.prepare(buffer), 0);
            if (sent >= 0) {
                return;
            }
            int errno = Libc.errno(callState);
            if (errno != Errno.EINTR) {
                throw NetlinkException.ofSyscall("sendmsg", errno);
            }
        }
    }

    /** Reads datagrams until {@code NLMSG_DONE}; returns whether any message was flagged DUMP_INTR. */
    private boolean receiveUntilDone(String call, int seq, boolean endsWithAck, ReplyBuffers reply,
                                     Consumer<String> warnings) throws NetlinkException {
        boolean interrupted = false;
        while (true) {
            MemorySegment datagram = receive(reply, warnings);
            if (datagram == null) {
                continue;
            }
            reply.datagrams.add(datagram);
            MessageCursor c = new MessageCursor(datagram);
            while (c.next()) {
                if (c.portId() != portId || c.seq() != seq) {
                    continue;
                }
                if ((c.flags() & NetlinkHeader.NLM_F_DUMP_INTR) != 0) {
                    interrupted = true;
                }
                if (c.type() == NetlinkHeader.NLMSG_DONE) {
                    NetlinkError done = decode(call, c, true);
                    if (done.error() < 0) {
                        throw NetlinkException.ofKernel(call, done.errno(), done.extAckMessage());
                    }
                    return interrupted;
                }
                if (c.type() == NetlinkHeader.NLMSG_ERROR) {
                    NetlinkError error = decode(call, c, false);
                    if (error.error() != 0) {
                        throw NetlinkException.ofKernel(call, error.errno(), error.extAckMessage());
                    }
                    if (endsWithAck) {
                        return interrupted;
                    }
                }
            }
            if (c.remnant() != 0) {
                warnings.accept(call + ": skipped " + c.remnant() + " bytes that do not form a netlink message");
            }
        }
    }

    private static NetlinkError decode(String call, MessageCursor c, boolean done) throws NetlinkException {
        try {
            return done ? NetlinkError.ofDoneMessage(c.message()) : NetlinkError.ofErrorMessage(c.message());
        } catch (MalformedMessageException e) {
            throw NetlinkException.ofProtocol(call, e.getMessage());
        }
    }

    /** Hands the data messages of one datagram to the handler, up to {@code NLMSG_DONE}. */
    private void deliver(MemorySegment datagram, int seq, NetlinkMessageHandler handler) {
        MessageCursor c = new MessageCursor(datagram);
        while (c.next()) {
            if (c.portId() != portId || c.seq() != seq) {
                continue;
            }
            int type = c.type();
            if (type == NetlinkHeader.NLMSG_DONE) {
                return;
            }
            // Types below 16 are netlink control messages (errors were dealt with while receiving).
            if (type >= 16) {
                handler.onMessage(type, c.flags(), c.payload());
            }
        }
    }

    /** Receives one datagram from the kernel; null when it came from elsewhere and was dropped. */
    private MemorySegment receive(ReplyBuffers reply, Consumer<String> warnings) throws NetlinkException {
        long pending = receive(MemorySegment.NULL, Libc.MSG_PEEK | Libc.MSG_TRUNC);
        MemorySegment buffer = reply.next(Math.max(pending, MIN_RECEIVE_BYTES));
        long received = receive(buffer, 0);
        if ((header.receivedFlags() & Libc.MSG_TRUNC) != 0) {
            warnings.accept("recvmsg: reply datagram truncated to " + received + " bytes");
        }
        if (header.senderPortId() != 0) {
            return null;
        }
        reply.commit(received);
        return buffer.asSlice(0, Math.min(received, buffer.byteSize()));
    }

    private long receive(MemorySegment buffer, int flags) throws NetlinkException {
        while (true) {
            long n = Libc.recvmsg(callState, fd, header.prepare(buffer), flags);
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

    /** Closes the socket and frees its memory; further use fails. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            arena.close();
        }
    }

    /** The datagrams of one reply, carved out of large slabs so that a big dump costs few allocations. */
    private static final class ReplyBuffers {
        final List<MemorySegment> datagrams = new ArrayList<>();
        private final Arena arena;
        private MemorySegment slab = MemorySegment.NULL;
        private long used;

        ReplyBuffers(Arena arena) {
            this.arena = arena;
        }

        /** Room for the next datagram, at least {@code size} bytes. */
        MemorySegment next(long size) {
            if (slab.byteSize() - used < size) {
                slab = arena.allocate(Math.max(SLAB_BYTES, size), 8);
                used = 0;
            }
            return slab.asSlice(used, size);
        }

        /** Keeps the first {@code received} bytes of the room last handed out. */
        void commit(long received) {
            used += (received + 7) & ~7L;
        }
    }
}
