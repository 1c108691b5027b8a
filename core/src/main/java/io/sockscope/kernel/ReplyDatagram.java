package io.sockscope.kernel;

import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkError;
import io.sockscope.netlink.NetlinkHeader;

/**
 * What one received datagram means to the request waiting for it, found by walking its headers before any
 * of its messages is delivered: whether the reply ends in it ({@code NLMSG_DONE}, an {@code NLMSG_ERROR}
 * reporting a failure, or the acknowledgement that ends a request that is not a dump), with which error,
 * whether the kernel flagged the dump {@code NLM_F_DUMP_INTR}, and what could not be used.
 *
 * @param end                offset of the message that ends the reply; the datagram's size when it goes on
 * @param endsReply          whether the reply ends in this datagram
 * @param interrupted        whether a message of the reply carries {@code NLM_F_DUMP_INTR}
 * @param error              the failure the reply ends with, or null
 * @param malformed          why the message ending the reply could not be read, or null
 * @param foreignMessages    messages with another sequence number or port id, skipped
 * @param firstForeignSeq    {@code nlmsg_seq} of the first of them
 * @param firstForeignPortId {@code nlmsg_pid} of the first of them
 * @param remnant            bytes at the end that do not form a message
 */
record ReplyDatagram(long end, boolean endsReply, boolean interrupted, NetlinkError error, String malformed,
                     int foreignMessages, int firstForeignSeq, int firstForeignPortId, long remnant) {

    /**
     * Walks the first {@code length} bytes of {@code datagram} for the reply to request {@code seq} sent from
     * port {@code portId}.
     *
     * @param endsWithAck the request is not a dump: its acknowledgement ({@code NLMSG_ERROR} 0) ends it
     */
    static ReplyDatagram scan(byte[] datagram, int length, int portId, int seq, boolean endsWithAck) {
        MessageCursor c = new MessageCursor(datagram, length);
        boolean interrupted = false;
        int foreign = 0;
        int foreignSeq = 0;
        int foreignPortId = 0;
        while (c.next()) {
            if (c.portId() != portId || c.seq() != seq) {
                if (foreign++ == 0) {
                    foreignSeq = c.seq();
                    foreignPortId = c.portId();
                }
                continue;
            }
            interrupted |= (c.flags() & NetlinkHeader.NLM_F_DUMP_INTR) != 0;
            int type = c.type();
            if (type != NetlinkHeader.NLMSG_DONE && type != NetlinkHeader.NLMSG_ERROR) {
                continue;
            }
            NetlinkError outcome;
            try {
                int at = (int) c.offset();
                outcome = type == NetlinkHeader.NLMSG_DONE
                        ? NetlinkError.ofDoneMessage(datagram, at, c.length())
                        : NetlinkError.ofErrorMessage(datagram, at, c.length());
            } catch (MalformedMessageException e) {
                return new ReplyDatagram(c.offset(), true, interrupted, null, e.getMessage(),
                        foreign, foreignSeq, foreignPortId, 0);
            }
            // NLMSG_DONE carries 0 (some kernels: a positive length) when the dump went well.
            boolean failed = type == NetlinkHeader.NLMSG_DONE ? outcome.error() < 0 : outcome.error() != 0;
            if (failed || type == NetlinkHeader.NLMSG_DONE || endsWithAck) {
                return new ReplyDatagram(c.offset(), true, interrupted, failed ? outcome : null, null,
                        foreign, foreignSeq, foreignPortId, 0);
            }
            // An acknowledgement in the middle of a dump ends nothing.
        }
        return new ReplyDatagram(length, false, interrupted, null, null,
                foreign, foreignSeq, foreignPortId, c.remnant());
    }
}
