package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Reads the fields of a struct that the kernel may have sent shorter than the layout sockscope knows (older
 * kernels, or a struct that grew): a field wholly or partly past the end reads as if the missing bytes were
 * zero, which is what ss gets by copying the payload into a zeroed struct. Values are host order, unsigned.
 */
final class Structs {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Structs() {
    }

    /**
     * The {@code size}-byte field ({@code 1, 2, 4} or {@code 8}) at {@code fieldOffset} of the struct whose
     * {@code length} bytes start at {@code start} in {@code s}.
     */
    static long read(MemorySegment s, long start, long length, long fieldOffset, int size) {
        if (fieldOffset >= 0 && fieldOffset + size <= length) {
            long at = start + fieldOffset;
            return switch (size) {
                case 1 -> Fields.u8(s, at);
                case 2 -> Fields.u16(s, at);
                case 4 -> Fields.u32AsLong(s, at);
                case 8 -> Fields.u64(s, at);
                default -> throw new IllegalArgumentException("field size " + size);
            };
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            long at = fieldOffset + i;
            if (at < 0 || at >= length) {
                continue;
            }
            long b = Fields.u8(s, start + at);
            int shift = LITTLE_ENDIAN ? 8 * i : 8 * (size - 1 - i);
            value |= b << shift;
        }
        return value;
    }

    static int u8(MemorySegment struct, long fieldOffset) {
        return (int) read(struct, 0, struct.byteSize(), fieldOffset, 1);
    }

    static int u16(MemorySegment struct, long fieldOffset) {
        return (int) read(struct, 0, struct.byteSize(), fieldOffset, 2);
    }

    /** An unsigned {@code __u32}. */
    static long u32(MemorySegment struct, long fieldOffset) {
        return read(struct, 0, struct.byteSize(), fieldOffset, 4);
    }

    static long u64(MemorySegment struct, long fieldOffset) {
        return read(struct, 0, struct.byteSize(), fieldOffset, 8);
    }
}
