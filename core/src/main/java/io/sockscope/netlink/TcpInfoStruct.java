package io.sockscope.netlink;

import io.sockscope.model.TcpInfo;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.nio.ByteOrder;

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
 * };
 * </pre>
 *
 * The offsets of the raw view and the decoder into {@link TcpInfo}. The bit fields are split as the C compiler
 * of the host lays them out (lowest bits first on a little-endian machine).
 */
public final class TcpInfoStruct {

    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("tcpi_state"),
                FieldLayouts.U8.withName("tcpi_ca_state"),
                FieldLayouts.U8.withName("tcpi_retransmits"),
                FieldLayouts.U8.withName("tcpi_probes"),
                FieldLayouts.U8.withName("tcpi_backoff"),
                FieldLayouts.U8.withName("tcpi_options"),
                FieldLayouts.U8.withName("tcpi_wscale"),
                FieldLayouts.U8.withName("tcpi_rate_flags"),
                FieldLayouts.U32.withName("tcpi_rto"),
                FieldLayouts.U32.withName("tcpi_ato"),
                FieldLayouts.U32.withName("tcpi_snd_mss"),
                FieldLayouts.U32.withName("tcpi_rcv_mss"),
                FieldLayouts.U32.withName("tcpi_unacked"),
                FieldLayouts.U32.withName("tcpi_sacked"),
                FieldLayouts.U32.withName("tcpi_lost"),
                FieldLayouts.U32.withName("tcpi_retrans"),
                FieldLayouts.U32.withName("tcpi_fackets"),
                FieldLayouts.U32.withName("tcpi_last_data_sent"),
                FieldLayouts.U32.withName("tcpi_last_ack_sent"),
                FieldLayouts.U32.withName("tcpi_last_data_recv"),
                FieldLayouts.U32.withName("tcpi_last_ack_recv"),
                FieldLayouts.U32.withName("tcpi_pmtu"),
                FieldLayouts.U32.withName("tcpi_rcv_ssthresh"),
                FieldLayouts.U32.withName("tcpi_rtt"),
                FieldLayouts.U32.withName("tcpi_rttvar"),
                FieldLayouts.U32.withName("tcpi_snd_ssthresh"),
                FieldLayouts.U32.withName("tcpi_snd_cwnd"),
                FieldLayouts.U32.withName("tcpi_advmss"),
                FieldLayouts.U32.withName("tcpi_reordering"),
                FieldLayouts.U32.withName("tcpi_rcv_rtt"),
                FieldLayouts.U32.withName("tcpi_rcv_space"),
                FieldLayouts.U32.withName("tcpi_total_retrans"),
                FieldLayouts.U64.withName("tcpi_pacing_rate"),
                FieldLayouts.U64.withName("tcpi_max_pacing_rate"),
                FieldLayouts.U64.withName("tcpi_bytes_acked"),
                FieldLayouts.U64.withName("tcpi_bytes_received"),
                FieldLayouts.U32.withName("tcpi_segs_out"),
                FieldLayouts.U32.withName("tcpi_segs_in"),
                FieldLayouts.U32.withName("tcpi_notsent_bytes"),
                FieldLayouts.U32.withName("tcpi_min_rtt"),
                FieldLayouts.U32.withName("tcpi_data_segs_in"),
                FieldLayouts.U32.withName("tcpi_data_segs_out"),
                FieldLayouts.U64.withName("tcpi_delivery_rate"),
                FieldLayouts.U64.withName("tcpi_busy_time"),
                FieldLayouts.U64.withName("tcpi_rwnd_limited"),
                FieldLayouts.U64.withName("tcpi_sndbuf_limited"),
                FieldLayouts.U32.withName("tcpi_delivered"),
                FieldLayouts.U32.withName("tcpi_delivered_ce"),
                FieldLayouts.U64.withName("tcpi_bytes_sent"),
                FieldLayouts.U64.withName("tcpi_bytes_retrans"),
                FieldLayouts.U32.withName("tcpi_dsack_dups"),
                FieldLayouts.U32.withName("tcpi_reord_seen"),
                FieldLayouts.U32.withName("tcpi_rcv_ooopack"),
                FieldLayouts.U32.withName("tcpi_snd_wnd"),
                FieldLayouts.U32.withName("tcpi_rcv_wnd"),
                FieldLayouts.U32.withName("tcpi_rehash"));
    }

    /** The size ss 6.1 knows. */
    public static final int SIZE = 232;

    public static final long STATE = 0;
    public static final long CA_STATE = 1;
    public static final long RETRANSMITS = 2;
    public static final long PROBES = 3;
    public static final long BACKOFF = 4;
    public static final long OPTIONS = 5;
    public static final long WSCALE = 6;
    public static final long RATE_FLAGS = 7;
    public static final long RTO = 8;
    public static final long ATO = 12;
    public static final long SND_MSS = 16;
    public static final long RCV_MSS = 20;
    public static final long UNACKED = 24;
    public static final long SACKED = 28;
    public static final long LOST = 32;
    public static final long RETRANS = 36;
    public static final long FACKETS = 40;
    public static final long LAST_DATA_SENT = 44;
    public static final long LAST_ACK_SENT = 48;
    public static final long LAST_DATA_RECV = 52;
    public static final long LAST_ACK_RECV = 56;
    public static final long PMTU = 60;
    public static final long RCV_SSTHRESH = 64;
    public static final long RTT = 68;
    public static final long RTTVAR = 72;
    public static final long SND_SSTHRESH = 76;
    public static final long SND_CWND = 80;
    public static final long ADVMSS = 84;
    public static final long REORDERING = 88;
    public static final long RCV_RTT = 92;
    public static final long RCV_SPACE = 96;
    public static final long TOTAL_RETRANS = 100;
    public static final long PACING_RATE = 104;
    public static final long MAX_PACING_RATE = 112;
    public static final long BYTES_ACKED = 120;
    public static final long BYTES_RECEIVED = 128;
    public static final long SEGS_OUT = 136;
    public static final long SEGS_IN = 140;
    public static final long NOTSENT_BYTES = 144;
    public static final long MIN_RTT = 148;
    public static final long DATA_SEGS_IN = 152;
    public static final long DATA_SEGS_OUT = 156;
    public static final long DELIVERY_RATE = 160;
    public static final long BUSY_TIME = 168;
    public static final long RWND_LIMITED = 176;
    public static final long SNDBUF_LIMITED = 184;
    public static final long DELIVERED = 192;
    public static final long DELIVERED_CE = 196;
    public static final long BYTES_SENT = 200;
    public static final long BYTES_RETRANS = 208;
    public static final long DSACK_DUPS = 216;
    public static final long REORD_SEEN = 220;
    public static final long RCV_OOOPACK = 224;
    public static final long SND_WND = 228;
    public static final long RCV_WND = 232;
    public static final long REHASH = 236;


    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private TcpInfoStruct() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static TcpInfo decode(AttributeCursor p) {
        int wscale = p.u8At(WSCALE);
        int rateFlags = p.u8At(RATE_FLAGS);
        // Bit fields: declared first means lowest bits on little-endian hosts, highest on big-endian ones.
        int snd = LITTLE_ENDIAN ? wscale & 0xf : wscale >>> 4;
        int rcv = LITTLE_ENDIAN ? wscale >>> 4 : wscale & 0xf;
        boolean appLimited = LITTLE_ENDIAN ? (rateFlags & 1) != 0 : (rateFlags & 0x80) != 0;
        int fastopenFail = LITTLE_ENDIAN ? (rateFlags >>> 1) & 3 : (rateFlags >>> 5) & 3;
        return new TcpInfo(
                p.u8At(STATE), p.u8At(CA_STATE), p.u8At(RETRANSMITS), p.u8At(PROBES),
                p.u8At(BACKOFF), p.u8At(OPTIONS), snd, rcv, appLimited, fastopenFail,
                p.u32At(RTO), p.u32At(ATO), p.u32At(SND_MSS), p.u32At(RCV_MSS),
                p.u32At(UNACKED), p.u32At(SACKED), p.u32At(LOST), p.u32At(RETRANS), p.u32At(FACKETS),
                p.u32At(LAST_DATA_SENT), p.u32At(LAST_ACK_SENT), p.u32At(LAST_DATA_RECV), p.u32At(LAST_ACK_RECV),
                p.u32At(PMTU), p.u32At(RCV_SSTHRESH), p.u32At(RTT), p.u32At(RTTVAR), p.u32At(SND_SSTHRESH),
                p.u32At(SND_CWND), p.u32At(ADVMSS), p.u32At(REORDERING),
                p.u32At(RCV_RTT), p.u32At(RCV_SPACE), p.u32At(TOTAL_RETRANS),
                p.u64At(PACING_RATE), p.u64At(MAX_PACING_RATE),
                p.u64At(BYTES_ACKED), p.u64At(BYTES_RECEIVED),
                p.u32At(SEGS_OUT), p.u32At(SEGS_IN), p.u32At(NOTSENT_BYTES), p.u32At(MIN_RTT),
                p.u32At(DATA_SEGS_IN), p.u32At(DATA_SEGS_OUT),
                p.u64At(DELIVERY_RATE), p.u64At(BUSY_TIME), p.u64At(RWND_LIMITED),
                p.u64At(SNDBUF_LIMITED),
                p.u32At(DELIVERED), p.u32At(DELIVERED_CE),
                p.u64At(BYTES_SENT), p.u64At(BYTES_RETRANS),
                p.u32At(DSACK_DUPS), p.u32At(REORD_SEEN), p.u32At(RCV_OOOPACK), p.u32At(SND_WND),
                p.u32At(RCV_WND), p.u32At(REHASH));
    }
}
