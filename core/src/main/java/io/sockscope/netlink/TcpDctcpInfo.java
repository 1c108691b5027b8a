package io.sockscope.netlink;

import io.sockscope.model.DctcpInfo;

import java.lang.foreign.MemoryLayout;
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
 */
public final class TcpDctcpInfo {
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

    private TcpDctcpInfo() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static DctcpInfo decode(AttributeCursor p) {
        return new DctcpInfo(p.u16At(ENABLED), p.u16At(CE_STATE), p.u32AsLongAt(ALPHA), p.u32AsLongAt(AB_ECN),
                p.u32AsLongAt(AB_TOT));
    }
}
