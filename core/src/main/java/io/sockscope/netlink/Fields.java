package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads and writes the scalar fields of kernel structs. Every layout is unaligned because messages sit at
 * 4-byte boundaries inside receive buffers (a {@code __u64} attribute is often not 8-aligned) and because
 * tests decode heap segments, whose alignment is one byte. Host order is the native order.
 */
final class Fields {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private Fields() {
    }

    static int u8(MemorySegment s, long offset) {
        return s.get(U8, offset) & 0xff;
    }

    static int u16(MemorySegment s, long offset) {
        return s.get(U16, offset) & 0xffff;
    }

    /** A {@code __be16} (ports, ethertypes) as a host-order value. */
    static int be16(MemorySegment s, long offset) {
        return s.get(BE16, offset) & 0xffff;
    }

    /** A {@code __u32} in an {@code int}: callers widen it unsigned where the value can exceed 2^31. */
    static int u32(MemorySegment s, long offset) {
        return s.get(U32, offset);
    }

    static long u32AsLong(MemorySegment s, long offset) {
        return Integer.toUnsignedLong(s.get(U32, offset));
    }

    static long u64(MemorySegment s, long offset) {
        return s.get(U64, offset);
    }

    /** The kernel's {@code __u32 cookie[2]} as one value: low word first, as the kernel splits it. */
    static long cookie(MemorySegment s, long offset) {
        return u32AsLong(s, offset) | (u32AsLong(s, offset + 4) << 32);
    }

    static byte[] bytes(MemorySegment s, long offset, int length) {
        byte[] out = new byte[length];
        MemorySegment.copy(s, U8, offset, out, 0, length);
        return out;
    }

    static void putU8(MemorySegment s, long offset, int value) {
        s.set(U8, offset, (byte) value);
    }

    static void putU16(MemorySegment s, long offset, int value) {
        s.set(U16, offset, (short) value);
    }

    static void putU32(MemorySegment s, long offset, int value) {
        s.set(U32, offset, value);
    }
}
