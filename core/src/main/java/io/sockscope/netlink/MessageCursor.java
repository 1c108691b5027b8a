package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;

/**
 * Walks the netlink messages packed in one received datagram, in order, without copying. A message whose
 * length field is below the header size or runs past the end stops the walk: nothing after it can be framed,
 * and {@link #remnant()} tells how many bytes were left unread.
 *
 * <pre>{@code
 * MessageCursor c = new MessageCursor(datagram);
 * while (c.next()) {
 *     switch (c.type()) { ... c.payload() ... }
 * }
 * if (c.remnant() != 0) { ... }
 * }</pre>
 *
 * <p>A cursor reads a segment it does not own; it is a small mutable object for one thread.
 */
public final class MessageCursor {
    private final MemorySegment buffer;
    private final long limit;
    private long nextOffset;
    private long offset = -1;
    private int length;
    private long remnant;

    /** A cursor over every byte of {@code buffer}. */
    public MessageCursor(MemorySegment buffer) {
        this.buffer = buffer;
        this.limit = buffer.byteSize();
    }

    /** Moves to the next message; false when there is none (or the rest cannot be framed). */
    public boolean next() {
        long remaining = limit - nextOffset;
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
        nextOffset = offset + NetlinkHeader.align((long) len);
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

    /** The current message, header included. */
    public MemorySegment message() {
        return buffer.asSlice(offset, length);
    }

    /** The current message after its header. */
    public MemorySegment payload() {
        return buffer.asSlice(offset + NetlinkHeader.SIZE, length - NetlinkHeader.SIZE);
    }

    /** Bytes at the end that did not form a message; 0 after a clean walk. Valid once {@link #next()} is false. */
    public long remnant() {
        return remnant;
    }
}
