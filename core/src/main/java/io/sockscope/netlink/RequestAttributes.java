package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;

/**
 * Appends request attributes the way ss lays them out: each {@code rtattr} header directly followed by its
 * payload, with no padding added (ss gathers them with an iovec; bytecode is a whole number of 4-byte ops).
 */
final class RequestAttributes {
    /** The largest payload a 16-bit {@code rta_len} can describe. */
    static final int MAX_PAYLOAD = 0xffff - AttributeCursor.HEADER_SIZE;

    private RequestAttributes() {
    }

    /** Bytes an attribute with this payload takes (without padding). */
    static int size(int payloadLength) {
        return AttributeCursor.HEADER_SIZE + payloadLength;
    }

    /** Writes one attribute at {@code offset}; returns the offset after it. */
    static long put(MemorySegment s, long offset, int type, byte[] payload) {
        Fields.putU16(s, offset, size(payload.length));
        Fields.putU16(s, offset + 2, type);
        MemorySegment.copy(payload, 0, s, FieldLayouts.U8, offset + AttributeCursor.HEADER_SIZE, payload.length);
        return offset + size(payload.length);
    }

    /** Writes one {@code __u32} attribute at {@code offset}; returns the offset after it. */
    static long putU32(MemorySegment s, long offset, int type, int value) {
        Fields.putU16(s, offset, size(4));
        Fields.putU16(s, offset + 2, type);
        Fields.putU32(s, offset + AttributeCursor.HEADER_SIZE, value);
        return offset + size(4);
    }

    /** {@link #put(MemorySegment, long, int, byte[])} into an array. */
    static long put(byte[] b, long offset, int type, byte[] payload) {
        Fields.putU16(b, offset, size(payload.length));
        Fields.putU16(b, offset + 2, type);
        System.arraycopy(payload, 0, b, Math.toIntExact(offset + AttributeCursor.HEADER_SIZE), payload.length);
        return offset + size(payload.length);
    }

    /** {@link #putU32(MemorySegment, long, int, int)} into an array. */
    static long putU32(byte[] b, long offset, int type, int value) {
        Fields.putU16(b, offset, size(4));
        Fields.putU16(b, offset + 2, type);
        Fields.putU32(b, offset + AttributeCursor.HEADER_SIZE, value);
        return offset + size(4);
    }

    static void checkPayload(byte[] payload, String what) {
        if (payload != null && payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException(what + " of " + payload.length + " bytes does not fit an rtattr");
        }
    }
}
