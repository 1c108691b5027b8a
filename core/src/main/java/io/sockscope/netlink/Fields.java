package io.sockscope.netlink;

import io.sockscope.model.HostOrder;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Reads and writes the scalar fields of kernel structs, unaligned (messages sit at 4-byte boundaries inside
 * receive buffers, and a {@code __u64} attribute is often not 8-aligned), in host order.
 *
 * <p>Every reply is read from a heap array, the datagram as it was received: plain array reads cost a few
 * instructions even before the JIT's last tier, where a segment access still walks its var handle's
 * checks, and a dump reads tens of fields per socket. They also keep a listing off the foreign-memory API
 * altogether. The segment writers remain for the request encoders that write through a view of their
 * array; their layouts are in {@link FieldLayouts}, created only when one is used.
 */
final class Fields {
    private Fields() {
    }

    static int u8(byte[] b, int offset) {
        return b[offset] & 0xff;
    }

    static int u16(byte[] b, int offset) {
        return HostOrder.u16(b, offset);
    }

    /** A {@code __be16} (ports, ethertypes) as a host-order value. */
    static int be16(byte[] b, int offset) {
        return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
    }

    static int u32(byte[] b, int offset) {
        return HostOrder.u32(b, offset);
    }

    static long u32AsLong(byte[] b, int offset) {
        return Integer.toUnsignedLong(u32(b, offset));
    }

    static long u64(byte[] b, int offset) {
        return HostOrder.u64(b, offset);
    }

    /** The kernel's {@code __u32 cookie[2]} as one value: low word first, as the kernel splits it. */
    static long cookie(byte[] b, int offset) {
        return u32AsLong(b, offset) | (u32AsLong(b, offset + 4) << 32);
    }

    static byte[] bytes(byte[] b, int offset, int length) {
        return Arrays.copyOfRange(b, offset, offset + length);
    }

    static void putU8(byte[] b, long offset, int value) {
        b[Math.toIntExact(offset)] = (byte) value;
    }

    static void putU16(byte[] b, long offset, int value) {
        HostOrder.putU16(b, Math.toIntExact(offset), value);
    }

    static void putU32(byte[] b, long offset, int value) {
        HostOrder.putU32(b, Math.toIntExact(offset), value);
    }

    static void putU8(MemorySegment s, long offset, int value) {
        s.set(FieldLayouts.U8, offset, (byte) value);
    }

    static void putU16(MemorySegment s, long offset, int value) {
        s.set(FieldLayouts.U16, offset, (short) value);
    }

    static void putU32(MemorySegment s, long offset, int value) {
        s.set(FieldLayouts.U32, offset, value);
    }
}
