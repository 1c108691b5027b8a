package io.sockscope.kernel;

import java.util.function.Consumer;

/**
 * A netlink socket that sends requests and streams their replies: each datagram's messages are handed to
 * the handler as soon as the datagram is received and checked, in one receive buffer reused throughout
 * (sized with {@code MSG_PEEK | MSG_TRUNC}, so nothing is ever truncated). Memory therefore stays the same
 * however many sockets a dump lists.
 *
 * <p>What streaming means for failures:
 * <ul>
 * <li>A kernel that cannot answer a request (no diag handler for the family or protocol) says so in the
 *     first datagram of the reply; the dump then fails with nothing delivered
 *     ({@link NetlinkException#messagesDelivered()} is 0).</li>
 * <li>An error that arrives after messages were delivered fails the dump too; the exception tells how many
 *     messages had been delivered.</li>
 * <li>{@code NLM_F_DUMP_INTR} (the kernel's data changed during the dump) in the first datagram, before
 *     anything was delivered, repeats the dump, up to {@link #MAX_DUMP_ATTEMPTS} attempts; flagged later,
 *     the dump runs to its end and returns {@link DumpOutcome#POSSIBLY_INCONSISTENT}.</li>
 * </ul>
 *
 * <p>A channel belongs to the thread that opened it. Close it.
 */
public final class NetlinkChannel implements AutoCloseable {
    /** {@code SO_RCVBUF} asked for, as ss does: room for a burst of replies. */
    public static final int RECEIVE_BUFFER_BYTES = SocketExchange.RECEIVE_BUFFER_BYTES;
    /** How many times in all a dump whose first datagram is flagged {@code NLM_F_DUMP_INTR} is sent. */
    public static final int MAX_DUMP_ATTEMPTS = 3;

    private final NetlinkExchange exchange;
    private boolean closed;

    private NetlinkChannel(NetlinkExchange exchange) {
        this.exchange = exchange;
    }

    /**
     * Opens and binds a socket of a netlink protocol ({@code NETLINK_SOCK_DIAG} is 4).
     *
     * @throws NetlinkException naming the system call that failed ({@code socket: EPROTONOSUPPORT}, …)
     */
    public static NetlinkChannel open(int protocol) throws NetlinkException {
        return new NetlinkChannel(SocketExchange.open(NativeLayer.syscalls(), protocol));
    }

    /**
     * A channel that runs its dumps over {@code exchange} (which it closes when closed): how tests drive the
     * dump loop with scripted replies.
     */
    public static NetlinkChannel over(NetlinkExchange exchange) {
        return new NetlinkChannel(exchange);
    }

    /** The port id the kernel assigned to this socket; replies to it carry it in {@code nlmsg_pid}. */
    public int portId() {
        return exchange.portId();
    }

    /**
     * Sends a request and hands every data message of its reply to {@code handler}, datagram by datagram,
     * until the reply ends with {@code NLMSG_DONE} (or, for a request without {@code NLM_F_DUMP}, with its
     * acknowledgement: such a request must set {@code NLM_F_ACK}). Messages whose sequence number differs from
     * the request's, or that are not addressed to this socket, are not part of the reply: they are skipped
     * with a warning.
     *
     * @param call     names the operation in errors, e.g. {@code sock_diag dump}
     * @param request  a whole request message; its {@code nlmsg_seq} identifies the reply
     * @param warnings told about reply bytes that were skipped (the rest is still delivered)
     * @throws NetlinkException when a system call fails, the kernel answers with an error, or the message
     *                          ending the reply cannot be read; {@link NetlinkException#messagesDelivered()}
     *                          tells whether anything had been delivered
     */
    public DumpOutcome dump(String call, byte[] request, NetlinkMessageHandler handler, Consumer<String> warnings)
            throws NetlinkException {
        return dump(call, request, handler, warnings, null);
    }

    /**
     * {@link #dump(String, byte[], NetlinkMessageHandler, Consumer)}, also handing each raw reply datagram to
     * {@code recorder} (when not null) before its messages are delivered or its error is thrown.
     */
    public DumpOutcome dump(String call, byte[] request, NetlinkMessageHandler handler, Consumer<String> warnings,
                            ReplyRecorder recorder) throws NetlinkException {
        if (closed) {
            throw new IllegalStateException("netlink channel is closed");
        }
        return new DumpLoop(exchange, call, request, handler, warnings, recorder).run();
    }

    /** Closes the socket and frees its memory; further use fails. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            exchange.close();
        }
    }
}
