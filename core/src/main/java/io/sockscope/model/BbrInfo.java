package io.sockscope.model;

/**
 * {@code struct tcp_bbr_info} ({@code INET_DIAG_BBRINFO}), what BBR reports.
 *
 * @param bandwidth  the bandwidth estimate in bytes per second (unsigned 64-bit)
 * @param minRtt     the min-filtered RTT in microseconds (unsigned)
 * @param pacingGain pacing gain shifted left 8 bits (unsigned)
 * @param cwndGain   cwnd gain shifted left 8 bits (unsigned)
 */
public record BbrInfo(long bandwidth, long minRtt, long pacingGain, long cwndGain) {
}
