package io.sockscope.model;

/**
 * {@code struct tcp_dctcp_info} ({@code INET_DIAG_DCTCPINFO}), what DCTCP reports.
 *
 * @param enabled whether DCTCP runs (0: it fell back to Reno)
 * @param ceState the CE state
 * @param alpha   the congestion estimate (unsigned)
 * @param abEcn   bytes acknowledged with ECE (unsigned)
 * @param abTotal bytes acknowledged (unsigned)
 */
public record DctcpInfo(int enabled, int ceState, long alpha, long abEcn, long abTotal) {
}
