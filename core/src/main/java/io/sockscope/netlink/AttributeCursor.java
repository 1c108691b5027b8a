package io.sockscope.netlink;

import java.nio.ByteOrder;

/**
 * Walks the {@code struct rtattr} records of an attribute area (what follows a fixed struct in a message):
 *
 * <pre>
 * struct rtattr {
 *     unsigned short rta_len;   // header (4 bytes) plus payload
 *     unsigned short rta_type;
 * };                            // payload follows; the next attribute starts at RTA_ALIGN(rta_len)
 * </pre>
 *
 * <p>Every attribute is visited, known or not, so callers keep what they do not understand. Readers of a
 * fixed-size payload zero-extend it when the kernel sent fewer bytes than the struct has (older kernels send
 * shorter structs). A record whose length is below 4 or runs past the end stops the walk; the records before
 * it stay valid and {@link #malformed()} says so once {@link #next()} returned false (the error is sticky,
 * checked once after the loop).
 *
 * <p>The cursor reads a heap array in place (a dump's datagrams are received into the heap; see
 * {@link Fields} for why): it is the one reader under every decoder, sock_diag's, rtnetlink's and the
 * extended acknowledgement's alike. It reads memory it does not own and is a small mutable object for one
 * thread.
 */
public final class AttributeCursor {
    /** Size of {@code struct rtattr}. */
    public static final int HEADER_SIZE = 4;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final byte[] bytes;
    private final int start;
    private final int limit;
    private int nextOffset;
    private int payloadOffset;
    private int payloadLength;
    private int type;
    private int leftover;
    private int badLength;

    /** A cursor over the {@code length} bytes of {@code bytes} from {@code offset}, read in place. */
    public AttributeCursor(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || length > bytes.length - offset) {
            throw new IndexOutOfBoundsException("area " + offset + "+" + length + " of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.start = offset;
        this.limit = offset + length;
        this.nextOffset = offset;
    }

    /** Moves to the next attribute; false at the end or at the first malformed record. */
    public boolean next() {
        int remaining = limit - nextOffset;
        if (remaining < HEADER_SIZE) {
            // Also covers a last attribute without its trailing padding (remaining < 0).
            leftover = Math.max(remaining, 0);
            nextOffset = limit;
            return false;
        }
        int len = Fields.u16(bytes, nextOffset);
        if (len < HEADER_SIZE || len > remaining) {
            leftover = remaining;
            badLength = len;
            nextOffset = limit;
            return false;
        }
        type = Fields.u16(bytes, nextOffset + 2);
        payloadOffset = nextOffset + HEADER_SIZE;
        payloadLength = len - HEADER_SIZE;
        nextOffset += NetlinkHeader.align(len);
        return true;
    }

    /** {@code rta_type} as sent, flag bits included. */
    public int type() {
        return type;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Offset of the current payload within the area. */
    public long payloadOffset() {
        return payloadOffset - start;
    }

    /** A copy of the current payload. */
    public byte[] bytes() {
        return Fields.bytes(bytes, payloadOffset, payloadLength);
    }

    /** The {@code __u8} at {@code fieldOffset} of the payload, 0 past its end. */
    public int u8At(long fieldOffset) {
        return fieldOffset >= 0 && fieldOffset < payloadLength ? Fields.u8(bytes, payloadOffset + (int) fieldOffset) : 0;
    }

    /** The host-order {@code __u16} at {@code fieldOffset} of the payload, zero-extended when it is shorter. */
    public int u16At(long fieldOffset) {
        if (fieldOffset >= 0 && fieldOffset + 2 <= payloadLength) {
            return Fields.u16(bytes, payloadOffset + (int) fieldOffset);
        }
        return (int) partial(fieldOffset, 2);
    }

    /**
     * The payload as a C string: its bytes up to the first NUL or its end, one char per byte (the kernel's
     * names are ASCII).
     */
    public String string() {
        int n = 0;
        while (n < payloadLength && bytes[payloadOffset + n] != 0) {
            n++;
        }
        return new String(bytes, payloadOffset, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A cursor over the attributes nested in the current payload. */
    public AttributeCursor nested() {
        return new AttributeCursor(bytes, payloadOffset, payloadLength);
    }

    /** The first payload byte, 0 for an empty payload. */
    public int u8() {
        return payloadLength >= 1 ? Fields.u8(bytes, payloadOffset) : 0;
    }

    public int u32() {
        return u32At(0);
    }

    public long u64() {
        return u64At(0);
    }

    /** The {@code __u32} at {@code fieldOffset} of the payload, zero-extended when the payload is shorter. */
    public int u32At(long fieldOffset) {
        if (fieldOffset >= 0 && fieldOffset + 4 <= payloadLength) {
            return Fields.u32(bytes, payloadOffset + (int) fieldOffset);
        }
        return (int) partial(fieldOffset, 4);
    }

    /** The {@code __u32} at {@code fieldOffset}, unsigned, zero-extended when the payload is shorter. */
    public long u32AsLongAt(long fieldOffset) {
        return Integer.toUnsignedLong(u32At(fieldOffset));
    }

    /** The {@code __u64} at {@code fieldOffset} of the payload, zero-extended when the payload is shorter. */
    public long u64At(long fieldOffset) {
        if (fieldOffset >= 0 && fieldOffset + 8 <= payloadLength) {
            return Fields.u64(bytes, payloadOffset + (int) fieldOffset);
        }
        return partial(fieldOffset, 8);
    }

    /** Reads the bytes of a field that lie inside the payload, as if the rest were zero (like a memset). */
    private long partial(long fieldOffset, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            long at = fieldOffset + i;
            if (at < 0 || at >= payloadLength) {
                continue;
            }
            long b = Fields.u8(bytes, payloadOffset + (int) at);
            int shift = LITTLE_ENDIAN ? 8 * i : 8 * (size - 1 - i);
            value |= b << shift;
        }
        return value;
    }

    /** Whether the walk stopped at a record that could not be framed (valid once {@link #next()} is false). */
    public boolean malformed() {
        return leftover != 0;
    }

    /** What was wrong, for a warning; null when nothing was. */
    public String problem() {
        if (leftover == 0) {
            return null;
        }
        return "attribute area has " + leftover + " unframed trailing bytes (rta_len " + badLength + ")";
    }
}
