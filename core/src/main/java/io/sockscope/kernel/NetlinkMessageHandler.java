package io.sockscope.kernel;

/**
 * Receives the data messages of a dump, one at a time, in the order the kernel sent them, where they were
 * received: in a heap array, so that every decoder reads plain array elements through the same reader
 * ({@code netlink.AttributeCursor}), the socket dumps and rtnetlink's alike.
 */
@FunctionalInterface
public interface NetlinkMessageHandler {
    /**
     * One message's payload, the bytes after its {@code nlmsghdr}. The array is the dump's receive array,
     * reused for the next datagram: the bytes are valid only during the call. Decode them, or copy what must
     * be kept.
     *
     * @param type   {@code nlmsg_type}
     * @param flags  {@code nlmsg_flags}
     * @param buffer the received datagram
     * @param offset where the payload starts in {@code buffer}
     * @param length the payload's length
     */
    void onMessage(int type, int flags, byte[] buffer, int offset, int length);
}
