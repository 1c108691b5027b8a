package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct tcp_dctcp_info}, the payload of {@code INET_DIAG_DCTCPINFO} (asked for with the
 * {@code INET_DIAG_VEGASINFO} bit).
 *
 * <pre>
 * struct tcp_dctcp_info {
 *     __u16   dctcp_enabled;
 *     __u16   dctcp_ce_state;
 *     __u32   dctcp_alpha;
 *     __u32   dctcp_ab_ecn;
 *     __u32   dctcp_ab_tot;
 * };
 * </pre>
 *
 * @param enabled whether DCTCP runs (0: it fell back to Reno)
 * @param ceState the CE state
 * @param alpha   the congestion estimate (unsigned)
 * @param abEcn   bytes acknowledged with ECE (unsigned)
 * @param abTotal bytes acknowledged (unsigned)
 */
public record TcpDctcpInfo(int enabled, int ceState, long alpha, long abEcn, long abTotal) {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U16.withName("dctcp_enabled"),
                FieldLayouts.U16.withName("dctcp_ce_state"),
                FieldLayouts.U32.withName("dctcp_alpha"),
                FieldLayouts.U32.withName("dctcp_ab_ecn"),
                FieldLayouts.U32.withName("dctcp_ab_tot"));
    }

    public static final int SIZE = 16;
    public static final long ENABLED = 0;
    public static final long CE_STATE = 2;
    public static final long ALPHA = 4;
    public static final long AB_ECN = 8;
    public static final long AB_TOT = 12;

    /** Decodes a payload of any length; bytes past its end read as zero. */
    public static TcpDctcpInfo decode(MemorySegment p) {
        return new TcpDctcpInfo(Structs.u16(p, ENABLED), Structs.u16(p, CE_STATE), Structs.u32(p, ALPHA),
                Structs.u32(p, AB_ECN), Structs.u32(p, AB_TOT));
    }
}
