package io.sockscope.model;

/**
 * {@code struct tcpvegas_info} ({@code INET_DIAG_VEGASINFO}), what TCP Vegas and Veno (and a few other
 * congestion controls in its place) report.
 *
 * @param enabled  whether Vegas is active (unsigned)
 * @param rttCount RTTs sampled in the last round
 * @param rtt      the RTT estimate in microseconds ({@link #NO_RTT} for none)
 * @param minRtt   the smallest RTT seen
 */
public record VegasInfo(long enabled, long rttCount, long rtt, long minRtt) {
    /** The {@code rtt} of a Vegas that has no estimate yet. */
    public static final long NO_RTT = 0x7fffffff;
}
