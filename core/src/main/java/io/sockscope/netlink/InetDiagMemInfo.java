package io.sockscope.netlink;

import io.sockscope.model.InetMemory;

import java.lang.foreign.MemoryLayout;
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
 */
public final class InetDiagMemInfo {
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

    private InetDiagMemInfo() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static InetMemory decode(AttributeCursor p) {
        return new InetMemory(p.u32AsLongAt(RMEM), p.u32AsLongAt(WMEM), p.u32AsLongAt(FMEM), p.u32AsLongAt(TMEM));
    }
}
