package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An attribute area indexed by type, the way iproute2's {@code parse_rtattr} indexes it: one slot per type up to
 * a maximum, holding the <em>first</em> attribute of that type (later duplicates and types above the maximum
 * are ignored). Readers of fixed-size values zero-extend a payload shorter than the value, as ss's callers do
 * when they copy a short struct into a zeroed one.
 *
 * <p>A table is a mutable object for one thread, meant to be reused: {@link #parse} forgets the previous area.
 * It keeps a reference to the parsed segment, not a copy.
 */
public final class AttributeTable {
    private final int maxType;
    private final long[] offset;
    private final int[] length;
    /** Null until the first parse: even {@code MemorySegment.NULL} would start the foreign-memory API. */
    private MemorySegment area;
    private String problem;

    /** A table for attribute types 0 to {@code maxType}. */
    public AttributeTable(int maxType) {
        if (maxType < 0) {
            throw new IllegalArgumentException("maxType must not be negative, was " + maxType);
        }
        this.maxType = maxType;
        this.offset = new long[maxType + 1];
        this.length = new int[maxType + 1];
        Arrays.fill(offset, -1);
    }

    /**
     * Indexes {@code attributes}, an area of {@code rtattr} records. The records before a damaged one are kept;
     * {@link #problem()} then says what was wrong.
     *
     * @return this table
     */
    public AttributeTable parse(MemorySegment attributes) {
        Arrays.fill(offset, -1);
        Arrays.fill(length, 0);
        area = attributes;
        AttributeCursor c = new AttributeCursor(attributes);
        while (c.next()) {
            int type = c.type();
            if (type <= maxType && offset[type] < 0) {
                offset[type] = c.payloadOffset();
                length[type] = c.payloadLength();
            }
        }
        problem = c.problem();
        return this;
    }

    /** Whether an attribute of this type was present. */
    public boolean has(int type) {
        return type >= 0 && type <= maxType && offset[type] >= 0;
    }

    /** The payload length of the attribute, 0 when absent. */
    public int length(int type) {
        return has(type) ? length[type] : 0;
    }

    /** The payload of the attribute (a slice of the parsed area), or null when absent. */
    public MemorySegment payload(int type) {
        return has(type) ? area.asSlice(offset[type], length[type]) : null;
    }

    /** The {@code __u8} at the start of the payload; 0 when absent or empty. */
    public int u8(int type) {
        return (int) read(type, 0, 1);
    }

    /** The host-order {@code __u16} at the start of the payload; 0 when absent. */
    public int u16(int type) {
        return (int) read(type, 0, 2);
    }

    /** The {@code __u32} at {@code fieldOffset} of the payload, as an unsigned value; 0 when absent. */
    public long u32(int type, long fieldOffset) {
        return read(type, fieldOffset, 4);
    }

    /** The {@code __u32} at the start of the payload, as an unsigned value; 0 when absent. */
    public long u32(int type) {
        return read(type, 0, 4);
    }

    /** The {@code __u64} at the start of the payload; 0 when absent. */
    public long u64(int type) {
        return read(type, 0, 8);
    }

    /**
     * The payload as a C string: the bytes up to the first NUL or the end, at most {@code maxLength} of them,
     * one char per byte; null when absent.
     */
    public String string(int type, int maxLength) {
        if (!has(type)) {
            return null;
        }
        long start = offset[type];
        int n = 0;
        while (n < length[type] && n < maxLength && Fields.u8(area, start + n) != 0) {
            n++;
        }
        byte[] bytes = Fields.bytes(area, start, n);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the attribute holds {@code text} as a C string: its bytes up to the first NUL (or the payload's end,
     * or {@code maxLength}) are the chars of {@code text}. Lets callers reuse a String they made before instead of
     * making one per socket.
     */
    public boolean stringEquals(int type, int maxLength, String text) {
        if (!has(type)) {
            return false;
        }
        long start = offset[type];
        int n = 0;
        while (n < length[type] && n < maxLength && Fields.u8(area, start + n) != 0) {
            if (n >= text.length() || Fields.u8(area, start + n) != text.charAt(n)) {
                return false;
            }
            n++;
        }
        return n == text.length();
    }

    /** What was wrong with the last parsed area, or null when every record could be framed. */
    public String problem() {
        return problem;
    }

    /** The little- or big-endian (host order) value of {@code size} bytes, zero-extended past the payload. */
    private long read(int type, long fieldOffset, int size) {
        if (!has(type)) {
            return 0;
        }
        return Structs.read(area, offset[type], length[type], fieldOffset, size);
    }
}
