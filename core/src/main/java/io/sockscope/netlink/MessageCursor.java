package io.sockscope.netlink;

/**
 * Walks the netlink messages packed in one received datagram, in order, without copying. A message whose
 * length field is below the header size or runs past the end stops the walk: nothing after it can be framed,
 * and {@link #remnant()} tells how many bytes were left unread.
 *
 * <pre>{@code
 * MessageCursor c = new MessageCursor(datagram, length);
 * while (c.next()) {
 *     switch (c.type()) { ... c.buffer(), c.payloadOffset(), c.payloadLength() ... }
 * }
 * if (c.remnant() != 0) { ... }
 * }</pre>
 *
 * <p>The cursor reads a heap array: a dump copies each datagram there once, and decoders then read plain
 * array elements (see {@link Fields}). A cursor reads an array it does not own; it is a small mutable
 * object for one thread.
 */
public final class MessageCursor {
    private final byte[] buffer;
    private final int limit;
    private int nextOffset;
    private int offset = -1;
    private int length;
    private int remnant;

    /** A cursor over the first {@code length} bytes of {@code buffer}. */
    public MessageCursor(byte[] buffer, int length) {
        if (length < 0 || length > buffer.length) {
            throw new IndexOutOfBoundsException("length " + length + " of a " + buffer.length + "-byte buffer");
        }
        this.buffer = buffer;
        this.limit = length;
    }

    /** Moves to the next message; false when there is none (or the rest cannot be framed). */
    public boolean next() {
        int remaining = limit - nextOffset;
        if (remaining < NetlinkHeader.SIZE) {
            // The last message may omit its trailing padding, which leaves remaining negative.
            remnant = Math.max(remaining, 0);
            nextOffset = limit;
            return false;
        }
        int len = NetlinkHeader.length(buffer, nextOffset);
        if (len < NetlinkHeader.SIZE || len > remaining) {
            remnant = remaining;
            nextOffset = limit;
            return false;
        }
        offset = nextOffset;
        length = len;
        // A last message without its padding ends at the limit; the next call then finds nothing left.
        nextOffset = (int) Math.min(limit, NetlinkHeader.align((long) offset + len));
        return true;
    }

    /** Offset of the current message in the buffer. */
    public long offset() {
        return offset;
    }

    /** {@code nlmsg_len} of the current message, header included. */
    public int length() {
        return length;
    }

    public int type() {
        return NetlinkHeader.type(buffer, offset);
    }

    public int flags() {
        return NetlinkHeader.flags(buffer, offset);
    }

    public int seq() {
        return NetlinkHeader.seq(buffer, offset);
    }

    public int portId() {
        return NetlinkHeader.portId(buffer, offset);
    }

    /** The array the messages are read from (the payload is at {@link #payloadOffset()}). */
    public byte[] buffer() {
        return buffer;
    }

    /** Where the current message's payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + NetlinkHeader.SIZE;
    }

    /** Length of the current message's payload. */
    public int payloadLength() {
        return length - NetlinkHeader.SIZE;
    }

    /** Bytes at the end that did not form a message; 0 after a clean walk. Valid once {@link #next()} is false. */
    public long remnant() {
        return remnant;
    }
}
