package io.sockscope.netlink;

import io.sockscope.model.VegasInfo;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct tcpvegas_info}, the payload of {@code INET_DIAG_VEGASINFO} (TCP Vegas and Veno, and what
 * some other congestion controls report in its place).
 *
 * <pre>
 * struct tcpvegas_info {
 *     __u32   tcpv_enabled;
 *     __u32   tcpv_rttcnt;
 *     __u32   tcpv_rtt;       // microseconds
 *     __u32   tcpv_minrtt;
 * };
 * </pre>
 */
public final class TcpVegasInfo {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("tcpv_enabled"),
                FieldLayouts.U32.withName("tcpv_rttcnt"),
                FieldLayouts.U32.withName("tcpv_rtt"),
                FieldLayouts.U32.withName("tcpv_minrtt"));
    }

    public static final int SIZE = 16;
    public static final long ENABLED = 0;
    public static final long RTTCNT = 4;
    public static final long RTT = 8;
    public static final long MINRTT = 12;

    private TcpVegasInfo() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static VegasInfo decode(AttributeCursor p) {
        return new VegasInfo(p.u32AsLongAt(ENABLED), p.u32AsLongAt(RTTCNT), p.u32AsLongAt(RTT),
                p.u32AsLongAt(MINRTT));
    }
}
