package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
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
public record PacketDiagRing(int blockSize, int blockCount, int frameSize, int frameCount, int retireTimeout,
                             int privateSize, int features) {
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

    /** Decodes a payload of any length; bytes past its end read as zero. */
    public static PacketDiagRing decode(MemorySegment p) {
        return new PacketDiagRing((int) Structs.u32(p, BLOCK_SIZE), (int) Structs.u32(p, BLOCK_NR),
                (int) Structs.u32(p, FRAME_SIZE), (int) Structs.u32(p, FRAME_NR), (int) Structs.u32(p, RETIRE_TMO),
                (int) Structs.u32(p, SIZEOF_PRIV), (int) Structs.u32(p, FEATURES));
    }
}
