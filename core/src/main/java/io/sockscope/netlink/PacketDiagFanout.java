package io.sockscope.netlink;

import io.sockscope.model.PacketFanout;

/**
 * The payload of {@code PACKET_DIAG_FANOUT}: one {@code __u32} holding the fanout group id in its low 16 bits
 * and the {@code PACKET_FANOUT_*} mode in its high 16 bits (flags included).
 */
public final class PacketDiagFanout {
    private PacketDiagFanout() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static PacketFanout decode(AttributeCursor p) {
        long value = p.u32AsLongAt(0);
        return new PacketFanout((int) (value & 0xffff), (int) ((value >>> 16) & 0xffff));
    }
}
