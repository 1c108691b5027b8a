package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct inet_diag_meminfo}, the payload of {@code INET_DIAG_MEMINFO}: the older, shorter memory
 * report, which ss prints only when a reply lacks {@code INET_DIAG_SKMEMINFO}.
 *
 * <pre>
 * struct inet_diag_meminfo {
 *     __u32   idiag_rmem;
 *     __u32   idiag_wmem;
 *     __u32   idiag_fmem;
 *     __u32   idiag_tmem;
 * };
 * </pre>
 *
 * @param rmem receive memory (unsigned)
 * @param wmem write queue memory (unsigned)
 * @param fmem forward-allocated memory (unsigned)
 * @param tmem transmit memory (unsigned)
 */
public record InetDiagMemInfo(long rmem, long wmem, long fmem, long tmem) {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("idiag_rmem"),
                FieldLayouts.U32.withName("idiag_wmem"),
                FieldLayouts.U32.withName("idiag_fmem"),
                FieldLayouts.U32.withName("idiag_tmem"));
    }

    public static final int SIZE = 16;
    public static final long RMEM = 0;
    public static final long WMEM = 4;
    public static final long FMEM = 8;
    public static final long TMEM = 12;

    /** Decodes a payload of any length; bytes past its end read as zero. */
    public static InetDiagMemInfo decode(MemorySegment p) {
        return new InetDiagMemInfo(Structs.u32(p, RMEM), Structs.u32(p, WMEM), Structs.u32(p, FMEM),
                Structs.u32(p, TMEM));
    }
}
