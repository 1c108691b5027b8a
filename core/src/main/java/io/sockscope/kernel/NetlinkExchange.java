package io.sockscope.kernel;

/**
 * The request/reply exchange a dump runs over: send the bytes of a request, receive the reply one datagram
 * at a time. {@link NetlinkChannel#open} puts a real netlink socket behind it ({@link SocketExchange}, whichever
 * {@link Syscalls} serve it); tests put scripted replies behind it, so that the dump loop's handling of
 * multipart replies, errors and {@code NLM_F_DUMP_INTR} can be checked without a kernel, through the same
 * code the real socket runs.
 *
 * <p>Contract: {@link #receive} returns only datagrams the kernel sent (port 0), whole, never truncated, in an
 * array of the exchange's that stays valid until the next {@code receive} or {@code close} and is reused
 * afterwards. An exchange belongs to one thread.
 */
public interface NetlinkExchange extends AutoCloseable {
    /** The port id of this end; replies meant for it carry it in {@code nlmsg_pid}. */
    int portId();

    /**
     * Sends one request (a whole netlink message, header included).
     *
     * @throws NetlinkException naming the call that failed, e.g. {@code sendmsg: ENOBUFS}
     */
    void send(byte[] request) throws NetlinkException;

    /**
     * Waits for the next datagram from the kernel: it is the first {@link #receivedLength()} bytes of the
     * returned array.
     *
     * @throws NetlinkException naming the call that failed, or when the datagram could not be read whole
     */
    byte[] receive() throws NetlinkException;

    /** The length of the datagram the last {@link #receive()} returned. */
    int receivedLength();

    /** Releases the socket and its buffers. Closing twice does nothing. */
    @Override
    void close();
}
