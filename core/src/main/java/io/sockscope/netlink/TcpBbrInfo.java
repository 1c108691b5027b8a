package io.sockscope.netlink;

import io.sockscope.model.BbrInfo;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct tcp_bbr_info}, the payload of {@code INET_DIAG_BBRINFO} (asked for with the
 * {@code INET_DIAG_VEGASINFO} bit).
 *
 * <pre>
 * struct tcp_bbr_info {
 *     __u32   bbr_bw_lo;          // bandwidth estimate in bytes per second, low 32 bits
 *     __u32   bbr_bw_hi;          // high 32 bits
 *     __u32   bbr_min_rtt;        // microseconds
 *     __u32   bbr_pacing_gain;    // fixed point, 8 fractional bits
 *     __u32   bbr_cwnd_gain;      // fixed point, 8 fractional bits
 * };
 * </pre>
 */
public final class TcpBbrInfo {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("bbr_bw_lo"),
                FieldLayouts.U32.withName("bbr_bw_hi"),
                FieldLayouts.U32.withName("bbr_min_rtt"),
                FieldLayouts.U32.withName("bbr_pacing_gain"),
                FieldLayouts.U32.withName("bbr_cwnd_gain"));
    }

    public static final int SIZE = 20;
    public static final long BW_LO = 0;
    public static final long BW_HI = 4;
    public static final long MIN_RTT = 8;
    public static final long PACING_GAIN = 12;
    public static final long CWND_GAIN = 16;

    private TcpBbrInfo() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static BbrInfo decode(AttributeCursor p) {
        long bandwidth = (p.u32AsLongAt(BW_HI) << 32) | p.u32AsLongAt(BW_LO);
        return new BbrInfo(bandwidth, p.u32AsLongAt(MIN_RTT), p.u32AsLongAt(PACING_GAIN), p.u32AsLongAt(CWND_GAIN));
    }
}
