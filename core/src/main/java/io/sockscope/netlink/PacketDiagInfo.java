package io.sockscope.netlink;

import io.sockscope.model.PacketInfo;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct packet_diag_info}, the payload of {@code PACKET_DIAG_INFO}; offsets within that payload.
 *
 * <pre>
 * struct packet_diag_info {
 *     __u32   pdi_index;        // bound interface, 0 for any
 *     __u32   pdi_version;      // TPACKET_V1..V3
 *     __u32   pdi_reserve;
 *     __u32   pdi_copy_thresh;
 *     __u32   pdi_tstamp;
 *     __u32   pdi_flags;        // PDI_RUNNING 0x1, AUXDATA 0x2, ORIGDEV 0x4, VNETHDR 0x8, LOSS 0x10
 * };
 * </pre>
 */
public final class PacketDiagInfo {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("pdi_index"),
                FieldLayouts.U32.withName("pdi_version"),
                FieldLayouts.U32.withName("pdi_reserve"),
                FieldLayouts.U32.withName("pdi_copy_thresh"),
                FieldLayouts.U32.withName("pdi_tstamp"),
                FieldLayouts.U32.withName("pdi_flags"));
    }

    public static final int SIZE = 24;
    public static final long INDEX = 0;
    public static final long VERSION = 4;
    public static final long RESERVE = 8;
    public static final long COPY_THRESH = 12;
    public static final long TSTAMP = 16;
    public static final long FLAGS = 20;

    private PacketDiagInfo() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static PacketInfo decode(AttributeCursor p) {
        return new PacketInfo(p.u32At(VERSION), p.u32At(COPY_THRESH), p.u32AsLongAt(FLAGS));
    }
}
