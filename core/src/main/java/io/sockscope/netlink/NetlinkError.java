package io.sockscope.netlink;

import java.nio.charset.StandardCharsets;

/**
 * The outcome a kernel reports in an {@code NLMSG_ERROR} message (an error, or an acknowledgement when the
 * code is 0) or at the end of a dump in {@code NLMSG_DONE}, with the extended acknowledgement when the kernel
 * attached one ({@code NETLINK_EXT_ACK}).
 *
 * <pre>
 * struct nlmsgerr {
 *     int error;              // 0 or a negative errno
 *     struct nlmsghdr msg;    // the request, whole unless NLM_F_CAPPED
 * };                          // NLM_F_ACK_TLVS: attributes follow (NLMSGERR_ATTR_MSG, _OFFS, ...)
 * </pre>
 * An {@code NLMSG_DONE} payload is a single {@code int error}, followed by the same attributes.
 *
 * @param error         0 or a negative errno, as the kernel wrote it
 * @param extAckMessage the {@code NLMSGERR_ATTR_MSG} text, or null when there was none
 * @param extAckOffset  the {@code NLMSGERR_ATTR_OFFS} byte offset into the request, or -1
 */
public record NetlinkError(int error, String extAckMessage, long extAckOffset) {
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    /** Size of {@code struct nlmsgerr}: the error code and the echoed header. */
    public static final int NLMSGERR_SIZE = 4 + NetlinkHeader.SIZE;

    /** The errno the kernel reported, positive; 0 for success. */
    public int errno() {
        return -error;
    }

    /**
     * Decodes the whole {@code NLMSG_ERROR} message, header included, of {@code length} bytes at {@code offset}
     * of {@code b} (a received datagram), read in place.
     *
     * @throws MalformedMessageException when the message is too short to hold {@code struct nlmsgerr}
     */
    public static NetlinkError ofErrorMessage(byte[] b, int offset, int length) throws MalformedMessageException {
        if (length < NetlinkHeader.SIZE + NLMSGERR_SIZE) {
            throw new MalformedMessageException("truncated NLMSG_ERROR (" + length + " bytes)");
        }
        int flags = NetlinkHeader.flags(b, offset);
        int error = Fields.u32(b, offset + NetlinkHeader.SIZE);
        long attributes = NetlinkHeader.SIZE + NLMSGERR_SIZE;
        if ((flags & NetlinkHeader.NLM_F_CAPPED) == 0) {
            // The whole request was echoed: the attributes start after its payload.
            long echoed = Integer.toUnsignedLong(NetlinkHeader.length(b, offset + NetlinkHeader.SIZE + 4));
            attributes += Math.max(echoed - NetlinkHeader.SIZE, 0);
        }
        return withExtAck(b, offset, length, flags, error, NetlinkHeader.align(attributes));
    }

    /**
     * Decodes the whole {@code NLMSG_DONE} message, header included, of {@code length} bytes at {@code offset}
     * of {@code b} (a received datagram), read in place.
     *
     * @throws MalformedMessageException when the message is too short to hold the error code
     */
    public static NetlinkError ofDoneMessage(byte[] b, int offset, int length) throws MalformedMessageException {
        if (length < NetlinkHeader.SIZE + 4) {
            throw new MalformedMessageException("truncated NLMSG_DONE (" + length + " bytes)");
        }
        int flags = NetlinkHeader.flags(b, offset);
        int error = Fields.u32(b, offset + NetlinkHeader.SIZE);
        return withExtAck(b, offset, length, flags, error, NetlinkHeader.SIZE + 4);
    }

    private static NetlinkError withExtAck(byte[] b, int offset, int length, int flags, int error, long attributes) {
        if ((flags & NetlinkHeader.NLM_F_ACK_TLVS) == 0 || attributes >= length) {
            return new NetlinkError(error, null, -1);
        }
        String text = null;
        long at = -1;
        // Extended ack is a courtesy: a damaged attribute area only loses the text, never the error code.
        AttributeCursor c = new AttributeCursor(b, offset + (int) attributes, length - (int) attributes);
        while (c.next()) {
            switch (c.type()) {
                case NLMSGERR_ATTR_MSG -> text = cString(c.bytes());
                case NLMSGERR_ATTR_OFFS -> at = c.u32AsLongAt(0);
                default -> { }
            }
        }
        return new NetlinkError(error, text, at);
    }

    private static String cString(byte[] payload) {
        int end = 0;
        while (end < payload.length && payload[end] != 0) {
            end++;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8);
    }
}
