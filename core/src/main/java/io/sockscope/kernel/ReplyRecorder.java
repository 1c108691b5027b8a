package io.sockscope.kernel;

/**
 * Receives the raw datagrams of a reply as they arrive, in order, headers and the final {@code NLMSG_DONE} or
 * {@code NLMSG_ERROR} included: what {@code ss -D} saves and a replay reads back. Each datagram is recorded
 * before its messages are delivered (or its error thrown). An attempt repeated because its first datagram
 * was flagged {@code NLM_F_DUMP_INTR} is not recorded.
 */
@FunctionalInterface
public interface ReplyRecorder {
    /**
     * @param datagram the receive array: the datagram is its first {@code length} bytes, valid only during the
     *                 call (copy what you keep)
     */
    void datagram(byte[] datagram, int length);
}
