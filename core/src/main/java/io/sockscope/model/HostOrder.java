package io.sockscope.model;

import java.nio.ByteOrder;

/**
 * Reads and writes unsigned fields in this machine's byte order in plain byte arrays: what the kernel hands
 * over (netlink replies, directory entries, BTF, iterator records) and what it takes (requests, BPF
 * instructions), once copied to or built on the heap. Plain array reads cost a few instructions even before
 * the JIT's last tier and need no part of the foreign-memory API.
 */
public final class HostOrder {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private HostOrder() {
    }

    public static int u16(byte[] b, int offset) {
        int first = b[offset] & 0xff;
        int second = b[offset + 1] & 0xff;
        return LITTLE_ENDIAN ? first | second << 8 : first << 8 | second;
    }

    /** A 32-bit field; read it with {@link Integer#toUnsignedLong} where its top bit is a value bit. */
    public static int u32(byte[] b, int offset) {
        int b0 = b[offset] & 0xff;
        int b1 = b[offset + 1] & 0xff;
        int b2 = b[offset + 2] & 0xff;
        int b3 = b[offset + 3] & 0xff;
        return LITTLE_ENDIAN ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b0 << 24 | b1 << 16 | b2 << 8 | b3;
    }

    public static long u64(byte[] b, int offset) {
        long first = Integer.toUnsignedLong(u32(b, offset));
        long second = Integer.toUnsignedLong(u32(b, offset + 4));
        return LITTLE_ENDIAN ? first | second << 32 : first << 32 | second;
    }

    public static void putU16(byte[] b, int offset, int value) {
        byte low = (byte) value;
        byte high = (byte) (value >>> 8);
        b[offset] = LITTLE_ENDIAN ? low : high;
        b[offset + 1] = LITTLE_ENDIAN ? high : low;
    }

    public static void putU32(byte[] b, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            int shift = LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
            b[offset + i] = (byte) (value >>> shift);
        }
    }
}
