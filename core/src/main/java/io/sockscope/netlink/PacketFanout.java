package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;

/**
 * The payload of {@code PACKET_DIAG_FANOUT}: one {@code __u32} holding the fanout group id in its low 16 bits
 * and the {@code PACKET_FANOUT_*} mode in its high 16 bits (flags included).
 *
 * @param id   the fanout group id
 * @param type the mode: {@link #HASH}, {@link #LOAD_BALANCE}, {@link #CPU}, {@link #ROLLOVER}, {@link #RANDOM},
 *             {@link #QUEUE_MAPPING}, or another value
 */
public record PacketFanout(int id, int type) {
    public static final int HASH = 0;
    public static final int LOAD_BALANCE = 1;
    public static final int CPU = 2;
    public static final int ROLLOVER = 3;
    public static final int RANDOM = 4;
    public static final int QUEUE_MAPPING = 5;

    /** Decodes a payload of any length; bytes past its end read as zero. */
    public static PacketFanout decode(MemorySegment p) {
        long value = Structs.u32(p, 0);
        return new PacketFanout((int) (value & 0xffff), (int) ((value >>> 16) & 0xffff));
    }
}
