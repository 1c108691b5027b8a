package io.sockscope.netlink;

import io.sockscope.model.PacketRing;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct packet_diag_ring}, the payload of {@code PACKET_DIAG_RX_RING} and {@code PACKET_DIAG_TX_RING}:
 * the geometry of a memory-mapped packet ring.
 *
 * <pre>
 * struct packet_diag_ring {
 *     __u32   pdr_block_size;
 *     __u32   pdr_block_nr;
 *     __u32   pdr_frame_size;
 *     __u32   pdr_frame_nr;
 *     __u32   pdr_retire_tmo;
 *     __u32   pdr_sizeof_priv;
 *     __u32   pdr_features;
 * };
 * </pre>
 * Every field is held in an {@code int} with its bits unchanged (ss prints them signed).
 */
public final class PacketDiagRing {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("pdr_block_size"),
                FieldLayouts.U32.withName("pdr_block_nr"),
                FieldLayouts.U32.withName("pdr_frame_size"),
                FieldLayouts.U32.withName("pdr_frame_nr"),
                FieldLayouts.U32.withName("pdr_retire_tmo"),
                FieldLayouts.U32.withName("pdr_sizeof_priv"),
                FieldLayouts.U32.withName("pdr_features"));
    }

    public static final int SIZE = 28;
    public static final long BLOCK_SIZE = 0;
    public static final long BLOCK_NR = 4;
    public static final long FRAME_SIZE = 8;
    public static final long FRAME_NR = 12;
    public static final long RETIRE_TMO = 16;
    public static final long SIZEOF_PRIV = 20;
    public static final long FEATURES = 24;

    private PacketDiagRing() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static PacketRing decode(AttributeCursor p) {
        return new PacketRing(p.u32At(BLOCK_SIZE), p.u32At(BLOCK_NR), p.u32At(FRAME_SIZE), p.u32At(FRAME_NR),
                p.u32At(RETIRE_TMO), p.u32At(SIZEOF_PRIV), p.u32At(FEATURES));
    }
}
