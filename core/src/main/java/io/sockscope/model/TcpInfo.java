package io.sockscope.model;

/**
 * {@code struct tcp_info}, the payload of {@code INET_DIAG_INFO} for TCP sockets, as far as ss 6.1 knows it
 * (232 bytes; newer kernels send more, older ones less: missing fields read as zero, extra ones are ignored).
 *
 * <pre>
 * struct tcp_info {
 *     __u8  tcpi_state, tcpi_ca_state, tcpi_retransmits, tcpi_probes, tcpi_backoff, tcpi_options;
 *     __u8  tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;
 *     __u8  tcpi_delivery_rate_app_limited : 1, tcpi_fastopen_client_fail : 2;
 *     __u32 tcpi_rto, tcpi_ato, tcpi_snd_mss, tcpi_rcv_mss;                  // microseconds, bytes
 *     __u32 tcpi_unacked, tcpi_sacked, tcpi_lost, tcpi_retrans, tcpi_fackets;
 *     __u32 tcpi_last_data_sent, tcpi_last_ack_sent, tcpi_last_data_recv, tcpi_last_ack_recv;  // ms
 *     __u32 tcpi_pmtu, tcpi_rcv_ssthresh, tcpi_rtt, tcpi_rttvar, tcpi_snd_ssthresh, tcpi_snd_cwnd,
 *           tcpi_advmss, tcpi_reordering;
 *     __u32 tcpi_rcv_rtt, tcpi_rcv_space;
 *     __u32 tcpi_total_retrans;
 *     __u64 tcpi_pacing_rate, tcpi_max_pacing_rate;                           // bytes per second
 *     __u64 tcpi_bytes_acked, tcpi_bytes_received;
 *     __u32 tcpi_segs_out, tcpi_segs_in;
 *     __u32 tcpi_notsent_bytes, tcpi_min_rtt, tcpi_data_segs_in, tcpi_data_segs_out;
 *     __u64 tcpi_delivery_rate;
 *     __u64 tcpi_busy_time, tcpi_rwnd_limited, tcpi_sndbuf_limited;           // microseconds
 *     __u32 tcpi_delivered, tcpi_delivered_ce;
 *     __u64 tcpi_bytes_sent, tcpi_bytes_retrans;
 *     __u32 tcpi_dsack_dups, tcpi_reord_seen;
 *     __u32 tcpi_rcv_ooopack;
 *     __u32 tcpi_snd_wnd;
 *     __u32 tcpi_rcv_wnd;             // Linux 6.2 and later
 *     __u32 tcpi_rehash;              // Linux 6.2 and later
 * };
 * </pre>
 *
 * Decoded by the netlink codec from {@code INET_DIAG_INFO}; the one copy of tcp_info every consumer reads.
 * Every {@code __u32} is held in an {@code int} with its bits unchanged (callers widen it unsigned where C does);
 * every {@code __u64} in a {@code long}. The bit fields are split as the C compiler of the host lays them out
 * (lowest bits first on a little-endian machine).
 */
public record TcpInfo(
        int state,
        int caState,
        int retransmits,
        int probes,
        int backoff,
        int options,
        int sndWscale,
        int rcvWscale,
        boolean deliveryRateAppLimited,
        int fastopenClientFail,
        int rto,
        int ato,
        int sndMss,
        int rcvMss,
        int unacked,
        int sacked,
        int lost,
        int retrans,
        int fackets,
        int lastDataSent,
        int lastAckSent,
        int lastDataRecv,
        int lastAckRecv,
        int pmtu,
        int rcvSsthresh,
        int rtt,
        int rttvar,
        int sndSsthresh,
        int sndCwnd,
        int advmss,
        int reordering,
        int rcvRtt,
        int rcvSpace,
        int totalRetrans,
        long pacingRate,
        long maxPacingRate,
        long bytesAcked,
        long bytesReceived,
        int segsOut,
        int segsIn,
        int notsentBytes,
        int minRtt,
        int dataSegsIn,
        int dataSegsOut,
        long deliveryRate,
        long busyTime,
        long rwndLimited,
        long sndbufLimited,
        int delivered,
        int deliveredCe,
        long bytesSent,
        long bytesRetrans,
        int dsackDups,
        int reordSeen,
        int rcvOoopack,
        int sndWnd,
        int rcvWnd,
        int rehash) {

    /** {@code tcpi_options} bits ({@code TCPI_OPT_*}). */
    public static final int TCPI_OPT_TIMESTAMPS = 1;
    public static final int TCPI_OPT_SACK = 2;
    public static final int TCPI_OPT_WSCALE = 4;
    public static final int TCPI_OPT_ECN = 8;
    public static final int TCPI_OPT_ECN_SEEN = 16;
    public static final int TCPI_OPT_SYN_DATA = 32;
    /** Microsecond timestamps (Linux 6.7 and later). */
    public static final int TCPI_OPT_USEC_TS = 64;

    /** Whether {@code tcpi_options} has the {@code TCPI_OPT_*} bit. */
    public boolean hasOption(int option) {
        return (options & option) != 0;
    }
}
