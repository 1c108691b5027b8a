package io.sockscope.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The request/reply exchange a dump runs over: send the bytes of a request, receive the reply one datagram
 * at a time. {@link NetlinkChannel#open} puts a real netlink socket behind it; tests put scripted replies
 * behind it, so that the dump loop's handling of multipart replies, errors and {@code NLM_F_DUMP_INTR} can be
 * checked without a kernel.
 *
 * <p>Contract: {@link #receive} returns only datagrams the kernel sent (port 0), whole, never truncated;
 * the returned segment stays valid until the next {@code receive} or {@code close}, and its memory is reused
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
     * Waits for the next datagram from the kernel.
     *
     * @throws NetlinkException naming the call that failed, or when the datagram could not be read whole
     */
    MemorySegment receive() throws NetlinkException;

    /** Releases the socket and its buffers. Closing twice does nothing. */
    @Override
    void close();
}
