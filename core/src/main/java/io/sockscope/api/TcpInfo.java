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
 * <p>Made by the library only. Fields that newer kernels add to {@code tcp_info} may become accessors in a later
 * version (docs/library.md, Compatibility).
 */
public sealed interface TcpInfo permits TcpInfoRecord {
    /** {@return the kernel's {@code tcpi_state}} */
    int state();

    /** {@return the kernel's {@code tcpi_ca_state}} */
    int caState();

    /** {@return the kernel's {@code tcpi_retransmits}} */
    int retransmits();

    /** {@return the kernel's {@code tcpi_probes}} */
    int probes();

    /** {@return the kernel's {@code tcpi_backoff}} */
    int backoff();

    /** {@return the kernel's {@code tcpi_options}} */
    int options();

    /** {@return the kernel's {@code tcpi_snd_wscale}} */
    int sndWscale();

    /** {@return the kernel's {@code tcpi_rcv_wscale}} */
    int rcvWscale();

    /** {@return the kernel's {@code tcpi_delivery_rate_app_limited}} */
    boolean deliveryRateAppLimited();

    /** {@return the kernel's {@code tcpi_fastopen_client_fail}} */
    int fastopenClientFail();

    /** {@return the kernel's {@code tcpi_rto}} */
    long rto();

    /** {@return the kernel's {@code tcpi_ato}} */
    long ato();

    /** {@return the kernel's {@code tcpi_snd_mss}} */
    long sndMss();

    /** {@return the kernel's {@code tcpi_rcv_mss}} */
    long rcvMss();

    /** {@return the kernel's {@code tcpi_unacked}} */
    long unacked();

    /** {@return the kernel's {@code tcpi_sacked}} */
    long sacked();

    /** {@return the kernel's {@code tcpi_lost}} */
    long lost();

    /** {@return the kernel's {@code tcpi_retrans}} */
    long retrans();

    /** {@return the kernel's {@code tcpi_fackets}} */
    long fackets();

    /** {@return the kernel's {@code tcpi_last_data_sent}} */
    long lastDataSent();

    /** {@return the kernel's {@code tcpi_last_ack_sent}} */
    long lastAckSent();

    /** {@return the kernel's {@code tcpi_last_data_recv}} */
    long lastDataRecv();

    /** {@return the kernel's {@code tcpi_last_ack_recv}} */
    long lastAckRecv();

    /** {@return the kernel's {@code tcpi_pmtu}} */
    long pmtu();

    /** {@return the kernel's {@code tcpi_rcv_ssthresh}} */
    long rcvSsthresh();

    /** {@return the kernel's {@code tcpi_rtt}} */
    long rtt();

    /** {@return the kernel's {@code tcpi_rttvar}} */
    long rttvar();

    /** {@return the kernel's {@code tcpi_snd_ssthresh}} */
    long sndSsthresh();

    /** {@return the kernel's {@code tcpi_snd_cwnd}} */
    long sndCwnd();

    /** {@return the kernel's {@code tcpi_advmss}} */
    long advmss();

    /** {@return the kernel's {@code tcpi_reordering}} */
    long reordering();

    /** {@return the kernel's {@code tcpi_rcv_rtt}} */
    long rcvRtt();

    /** {@return the kernel's {@code tcpi_rcv_space}} */
    long rcvSpace();

    /** {@return the kernel's {@code tcpi_total_retrans}} */
    long totalRetrans();

    /** {@return the kernel's {@code tcpi_pacing_rate}} */
    long pacingRate();

    /** {@return the kernel's {@code tcpi_max_pacing_rate}} */
    long maxPacingRate();

    /** {@return the kernel's {@code tcpi_bytes_acked}} */
    long bytesAcked();

    /** {@return the kernel's {@code tcpi_bytes_received}} */
    long bytesReceived();

    /** {@return the kernel's {@code tcpi_segs_out}} */
    long segsOut();

    /** {@return the kernel's {@code tcpi_segs_in}} */
    long segsIn();

    /** {@return the kernel's {@code tcpi_notsent_bytes}} */
    long notsentBytes();

    /** {@return the kernel's {@code tcpi_min_rtt}} */
    long minRtt();

    /** {@return the kernel's {@code tcpi_data_segs_in}} */
    long dataSegsIn();

    /** {@return the kernel's {@code tcpi_data_segs_out}} */
    long dataSegsOut();

    /** {@return the kernel's {@code tcpi_delivery_rate}} */
    long deliveryRate();

    /** {@return the kernel's {@code tcpi_busy_time}} */
    long busyTime();

    /** {@return the kernel's {@code tcpi_rwnd_limited}} */
    long rwndLimited();

    /** {@return the kernel's {@code tcpi_sndbuf_limited}} */
    long sndbufLimited();

    /** {@return the kernel's {@code tcpi_delivered}} */
    long delivered();

    /** {@return the kernel's {@code tcpi_delivered_ce}} */
    long deliveredCe();

    /** {@return the kernel's {@code tcpi_bytes_sent}} */
    long bytesSent();

    /** {@return the kernel's {@code tcpi_bytes_retrans}} */
    long bytesRetrans();

    /** {@return the kernel's {@code tcpi_dsack_dups}} */
    long dsackDups();

    /** {@return the kernel's {@code tcpi_reord_seen}} */
    long reordSeen();

    /** {@return the kernel's {@code tcpi_rcv_ooopack}} */
    long rcvOoopack();

    /** {@return the kernel's {@code tcpi_snd_wnd}} */
    long sndWnd();

    /** {@return the kernel's {@code tcpi_rcv_wnd} (Linux 6.2 and later; 0 before)} */
    long rcvWnd();

    /** {@return the kernel's {@code tcpi_rehash} (Linux 6.2 and later; 0 before)} */
    long rehash();
}
