package io.sockscope.api;

/**
 * The kernel's {@code struct tcp_info} for one TCP socket (ss {@code -i}), every field the kernel's
 * {@code <linux/tcp.h>} of iproute2 6.1 names. The kernel's 8- and 32-bit unsigned values are widened so that
 * none reads negative; its 64-bit ones ({@code pacingRate} … {@code bytesRetrans}) are held in a {@code long}
 * with their bits unchanged: read them with {@link Long#toUnsignedString(long)} or
 * {@link Long#compareUnsigned(long, long)} ({@code maxPacingRate} is all ones, -1 here, for "no limit"). Fields a
 * kernel does not send read as zero. Units are the kernel's: times in microseconds ({@code rto}, {@code ato},
 * {@code rtt}, {@code rttvar}, {@code minRtt}, {@code rcvRtt}, {@code busyTime}, {@code rwndLimited},
 * {@code sndbufLimited}) or milliseconds ({@code lastDataSent}, {@code lastAckSent}, {@code lastDataRecv},
 * {@code lastAckRecv}), rates in bytes per second, windows in segments ({@code sndCwnd}, {@code sndSsthresh}).
 *
 * @param state {@code tcpi_state}
 * @param caState {@code tcpi_ca_state}
 * @param retransmits {@code tcpi_retransmits}
 * @param probes {@code tcpi_probes}
 * @param backoff {@code tcpi_backoff}
 * @param options {@code tcpi_options}
 * @param sndWscale {@code tcpi_snd_wscale}
 * @param rcvWscale {@code tcpi_rcv_wscale}
 * @param deliveryRateAppLimited {@code tcpi_delivery_rate_app_limited}
 * @param fastopenClientFail {@code tcpi_fastopen_client_fail}
 * @param rto {@code tcpi_rto}
 * @param ato {@code tcpi_ato}
 * @param sndMss {@code tcpi_snd_mss}
 * @param rcvMss {@code tcpi_rcv_mss}
 * @param unacked {@code tcpi_unacked}
 * @param sacked {@code tcpi_sacked}
 * @param lost {@code tcpi_lost}
 * @param retrans {@code tcpi_retrans}
 * @param fackets {@code tcpi_fackets}
 * @param lastDataSent {@code tcpi_last_data_sent}
 * @param lastAckSent {@code tcpi_last_ack_sent}
 * @param lastDataRecv {@code tcpi_last_data_recv}
 * @param lastAckRecv {@code tcpi_last_ack_recv}
 * @param pmtu {@code tcpi_pmtu}
 * @param rcvSsthresh {@code tcpi_rcv_ssthresh}
 * @param rtt {@code tcpi_rtt}
 * @param rttvar {@code tcpi_rttvar}
 * @param sndSsthresh {@code tcpi_snd_ssthresh}
 * @param sndCwnd {@code tcpi_snd_cwnd}
 * @param advmss {@code tcpi_advmss}
 * @param reordering {@code tcpi_reordering}
 * @param rcvRtt {@code tcpi_rcv_rtt}
 * @param rcvSpace {@code tcpi_rcv_space}
 * @param totalRetrans {@code tcpi_total_retrans}
 * @param pacingRate {@code tcpi_pacing_rate}
 * @param maxPacingRate {@code tcpi_max_pacing_rate}
 * @param bytesAcked {@code tcpi_bytes_acked}
 * @param bytesReceived {@code tcpi_bytes_received}
 * @param segsOut {@code tcpi_segs_out}
 * @param segsIn {@code tcpi_segs_in}
 * @param notsentBytes {@code tcpi_notsent_bytes}
 * @param minRtt {@code tcpi_min_rtt}
 * @param dataSegsIn {@code tcpi_data_segs_in}
 * @param dataSegsOut {@code tcpi_data_segs_out}
 * @param deliveryRate {@code tcpi_delivery_rate}
 * @param busyTime {@code tcpi_busy_time}
 * @param rwndLimited {@code tcpi_rwnd_limited}
 * @param sndbufLimited {@code tcpi_sndbuf_limited}
 * @param delivered {@code tcpi_delivered}
 * @param deliveredCe {@code tcpi_delivered_ce}
 * @param bytesSent {@code tcpi_bytes_sent}
 * @param bytesRetrans {@code tcpi_bytes_retrans}
 * @param dsackDups {@code tcpi_dsack_dups}
 * @param reordSeen {@code tcpi_reord_seen}
 * @param rcvOoopack {@code tcpi_rcv_ooopack}
 * @param sndWnd {@code tcpi_snd_wnd}
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
        long rto,
        long ato,
        long sndMss,
        long rcvMss,
        long unacked,
        long sacked,
        long lost,
        long retrans,
        long fackets,
        long lastDataSent,
        long lastAckSent,
        long lastDataRecv,
        long lastAckRecv,
        long pmtu,
        long rcvSsthresh,
        long rtt,
        long rttvar,
        long sndSsthresh,
        long sndCwnd,
        long advmss,
        long reordering,
        long rcvRtt,
        long rcvSpace,
        long totalRetrans,
        long pacingRate,
        long maxPacingRate,
        long bytesAcked,
        long bytesReceived,
        long segsOut,
        long segsIn,
        long notsentBytes,
        long minRtt,
        long dataSegsIn,
        long dataSegsOut,
        long deliveryRate,
        long busyTime,
        long rwndLimited,
        long sndbufLimited,
        long delivered,
        long deliveredCe,
        long bytesSent,
        long bytesRetrans,
        long dsackDups,
        long reordSeen,
        long rcvOoopack,
        long sndWnd) {
}
