package io.sockscope.procmap;

import io.sockscope.model.HostOrder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The kernel's own description of its types (BTF, {@code /sys/kernel/btf/vmlinux}), read just far enough to
 * find a function's type id and a structure member's place and size. A BPF program that reads kernel
 * structures must use the offsets of the running kernel, which change with its version and configuration;
 * this is where the kernel publishes them. Only the blob's own framing is trusted: a record that does not fit
 * ends the walk, and a name that cannot be found is reported as absent, never guessed.
 *
 * <p>The format is that of the kernel's {@code Documentation/bpf/btf.rst}: a header, then the type section
 * (records numbered from 1, each a 12-byte common part followed by kind-specific data), then the string section.
 */
final class KernelBtf {
    /** What a lookup returns for a name that is not there. */
    static final int ABSENT = -1;

    private static final int MAGIC = 0xEB9F;
    private static final int HEADER_MIN = 24;

    private static final int KIND_INT = 1;
    private static final int KIND_PTR = 2;
    private static final int KIND_ARRAY = 3;
    private static final int KIND_STRUCT = 4;
    private static final int KIND_UNION = 5;
    private static final int KIND_ENUM = 6;
    private static final int KIND_TYPEDEF = 8;
    private static final int KIND_VOLATILE = 9;
    private static final int KIND_CONST = 10;
    private static final int KIND_RESTRICT = 11;
    private static final int KIND_FUNC = 12;
    private static final int KIND_FUNC_PROTO = 13;
    private static final int KIND_VAR = 14;
    private static final int KIND_DATASEC = 15;
    private static final int KIND_DECL_TAG = 17;
    private static final int KIND_TYPE_TAG = 18;
    private static final int KIND_ENUM64 = 19;

    private final byte[] blob;
    private final int stringsStart;
    private final int stringsEnd;
    /** Where each type's record starts in {@link #blob}, by type id (index 0, the void type, unused). */
    private final int[] typeStarts;
    private final int types;

    private KernelBtf(byte[] blob, int stringsStart, int stringsEnd, int[] typeStarts, int types) {
        this.blob = blob;
        this.stringsStart = stringsStart;
        this.stringsEnd = stringsEnd;
        this.typeStarts = typeStarts;
        this.types = types;
    }

    /**
     * Frames a BTF blob in this machine's byte order (the kernel writes its own).
     *
     * @throws IllegalArgumentException when the blob is not BTF, is of the other byte order, or its sections do
     *                                  not lie inside it
     */
    static KernelBtf parse(byte[] blob) {
        if (blob.length < HEADER_MIN || HostOrder.u16(blob, 0) != MAGIC) {
            throw new IllegalArgumentException("not BTF in this machine's byte order");
        }
        long headerLength = u32(blob, 4);
        long typeOffset = u32(blob, 8);
        long typeLength = u32(blob, 12);
        long stringOffset = u32(blob, 16);
        long stringLength = u32(blob, 20);
        long typesStart = headerLength + typeOffset;
        long typesEnd = typesStart + typeLength;
        long stringsStart = headerLength + stringOffset;
        long stringsEnd = stringsStart + stringLength;
        if (headerLength < HEADER_MIN || typesEnd > blob.length || stringsEnd > blob.length) {
            throw new IllegalArgumentException("BTF sections lie outside the blob");
        }
        int[] starts = new int[Math.max(16, (int) (typeLength / 32))];
        int count = 0;
        int at = (int) typesStart;
        while (at + 12 <= typesEnd) {
            int next = recordEnd(blob, at);
            if (next < 0 || next > typesEnd) {
                break; // an unknown kind or a cut record: the types before it are still sound
            }
            if (++count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count] = at;
            at = next;
        }
        return new KernelBtf(blob, (int) stringsStart, (int) stringsEnd, starts, count);
    }

    /** Where the record starting at {@code at} ends, or -1 for a kind this reader does not know. */
    private static int recordEnd(byte[] blob, int at) {
        int info = (int) u32(blob, at + 4);
        int kind = info >>> 24 & 0x1F;
        int vlen = info & 0xFFFF;
        int data = at + 12;
        return switch (kind) {
            case KIND_INT, KIND_VAR, KIND_DECL_TAG -> data + 4;
            case KIND_ARRAY -> data + 12;
            case KIND_STRUCT, KIND_UNION, KIND_DATASEC, KIND_ENUM64 -> data + 12 * vlen;
            case KIND_ENUM, KIND_FUNC_PROTO -> data + 8 * vlen;
            case KIND_PTR, 7, KIND_TYPEDEF, KIND_VOLATILE, KIND_CONST, KIND_RESTRICT, KIND_FUNC, 16, KIND_TYPE_TAG ->
                    data;
            default -> -1;
        };
    }

    /** The number of types framed (the highest type id). */
    int typeCount() {
        return types;
    }

    /** The id of the function named {@code name}, or {@link #ABSENT}. */
    int functionId(String name) {
        return find(KIND_FUNC, name);
    }

    /** The id of each structure named in {@code names}, in that order, {@link #ABSENT} for one not there. */
    int[] structIds(String... names) {
        return findAll(KIND_STRUCT, names);
    }

    /**
     * The byte offset of member {@code member} of structure {@code structId}, or {@link #ABSENT} when the
     * member is not there or is a bit field.
     */
    int memberOffset(int structId, String member) {
        int at = memberRecord(structId, member);
        if (at < 0) {
            return ABSENT;
        }
        long offset = u32(blob, at + 8);
        if ((int) u32(blob, typeStarts[structId] + 4) < 0) {
            // kind_flag: the offset's high byte is a bit field's size, which must be 0 for a plain member.
            if (offset >>> 24 != 0) {
                return ABSENT;
            }
            offset &= 0xFFFFFF;
        }
        return offset % 8 == 0 ? (int) (offset / 8) : ABSENT;
    }

    /**
     * The size in bytes of member {@code member} of structure {@code structId}, through typedefs and
     * qualifiers, or {@link #ABSENT} when it is not an integer, pointer, enum, structure or array of those.
     */
    int memberSize(int structId, String member) {
        int at = memberRecord(structId, member);
        return at < 0 ? ABSENT : sizeOf((int) u32(blob, at + 4), 0);
    }

    private int sizeOf(int typeId, int depth) {
        if (typeId <= 0 || typeId > types || depth > 32) {
            return ABSENT;
        }
        int at = typeStarts[typeId];
        int info = (int) u32(blob, at + 4);
        int kind = info >>> 24 & 0x1F;
        return switch (kind) {
            case KIND_INT, KIND_ENUM, KIND_ENUM64, KIND_STRUCT, KIND_UNION -> (int) u32(blob, at + 8);
            case KIND_PTR -> 8;
            case KIND_TYPEDEF, KIND_VOLATILE, KIND_CONST, KIND_RESTRICT, KIND_TYPE_TAG ->
                    sizeOf((int) u32(blob, at + 8), depth + 1);
            case KIND_ARRAY -> {
                int element = sizeOf((int) u32(blob, at + 12), depth + 1);
                long count = u32(blob, at + 20);
                yield element < 0 || element * count > Integer.MAX_VALUE ? ABSENT : (int) (element * count);
            }
            default -> ABSENT;
        };
    }

    /** Where the member record named {@code member} of structure {@code structId} starts, or -1. */
    private int memberRecord(int structId, String member) {
        if (structId <= 0 || structId > types) {
            return -1;
        }
        int at = typeStarts[structId];
        int info = (int) u32(blob, at + 4);
        if ((info >>> 24 & 0x1F) != KIND_STRUCT) {
            return -1;
        }
        int vlen = info & 0xFFFF;
        byte[] wanted = member.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < vlen; i++) {
            int record = at + 12 + 12 * i;
            if (nameIs((int) u32(blob, record), wanted)) {
                return record;
            }
        }
        return -1;
    }

    /** The first type of {@code kind} named {@code name}, or {@link #ABSENT}. */
    private int find(int kind, String name) {
        return findAll(kind, name)[0];
    }

    /** The first type of {@code kind} with each of {@code names}, found in one pass over the types. */
    private int[] findAll(int kind, String... names) {
        byte[][] wanted = new byte[names.length][];
        int[] ids = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            wanted[i] = names[i].getBytes(StandardCharsets.UTF_8);
            ids[i] = ABSENT;
        }
        int missing = names.length;
        for (int id = 1; id <= types && missing > 0; id++) {
            int at = typeStarts[id];
            if ((HostOrder.u32(blob, at + 4) >>> 24 & 0x1F) != kind) {
                continue;
            }
            int nameOffset = (int) u32(blob, at);
            for (int i = 0; i < names.length; i++) {
                if (ids[i] == ABSENT && nameIs(nameOffset, wanted[i])) {
                    ids[i] = id;
                    missing--;
                }
            }
        }
        return ids;
    }

    /** Whether the NUL-terminated string at {@code nameOffset} of the string section is {@code wanted}. */
    private boolean nameIs(int nameOffset, byte[] wanted) {
        long start = stringsStart + (nameOffset & 0xFFFFFFFFL);
        if (start + wanted.length >= stringsEnd) {
            return false;
        }
        int at = (int) start;
        for (int i = 0; i < wanted.length; i++) {
            if (blob[at + i] != wanted[i]) {
                return false;
            }
        }
        return blob[at + wanted.length] == 0;
    }

    /** An unsigned 32-bit field: BTF's counts, offsets and ids. */
    private static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong(HostOrder.u32(b, at));
    }
}
