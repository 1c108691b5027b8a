package io.sockscope.netlink;

import io.sockscope.model.MptcpInfo;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct mptcp_info}, the payload of {@code INET_DIAG_INFO} for MPTCP sockets, as far as ss 6.1 knows it.
 *
 * <pre>
 * struct mptcp_info {
 *     __u8    mptcpi_subflows;
 *     __u8    mptcpi_add_addr_signal;
 *     __u8    mptcpi_add_addr_accepted;
 *     __u8    mptcpi_subflows_max;
 *     __u8    mptcpi_add_addr_signal_max;
 *     __u8    mptcpi_add_addr_accepted_max;
 *     __u32   mptcpi_flags;           // MPTCP_INFO_FLAG_*
 *     __u32   mptcpi_token;
 *     __u64   mptcpi_write_seq;
 *     __u64   mptcpi_snd_una;
 *     __u64   mptcpi_rcv_nxt;
 *     __u8    mptcpi_local_addr_used;
 *     __u8    mptcpi_local_addr_max;
 *     __u8    mptcpi_csum_enabled;
 * };
 * </pre>
 */
public final class MptcpInfoStruct {

    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("mptcpi_subflows"),
                FieldLayouts.U8.withName("mptcpi_add_addr_signal"),
                FieldLayouts.U8.withName("mptcpi_add_addr_accepted"),
                FieldLayouts.U8.withName("mptcpi_subflows_max"),
                FieldLayouts.U8.withName("mptcpi_add_addr_signal_max"),
                FieldLayouts.U8.withName("mptcpi_add_addr_accepted_max"),
                MemoryLayout.paddingLayout(2),
                FieldLayouts.U32.withName("mptcpi_flags"),
                FieldLayouts.U32.withName("mptcpi_token"),
                FieldLayouts.U64.withName("mptcpi_write_seq"),
                FieldLayouts.U64.withName("mptcpi_snd_una"),
                FieldLayouts.U64.withName("mptcpi_rcv_nxt"),
                FieldLayouts.U8.withName("mptcpi_local_addr_used"),
                FieldLayouts.U8.withName("mptcpi_local_addr_max"),
                FieldLayouts.U8.withName("mptcpi_csum_enabled"),
                MemoryLayout.paddingLayout(1),
                FieldLayouts.U32.withName("mptcpi_retransmits"),
                FieldLayouts.U64.withName("mptcpi_bytes_retrans"),
                FieldLayouts.U64.withName("mptcpi_bytes_sent"),
                FieldLayouts.U64.withName("mptcpi_bytes_received"),
                FieldLayouts.U64.withName("mptcpi_bytes_acked"),
                FieldLayouts.U8.withName("mptcpi_subflows_total"),
                FieldLayouts.U8.withName("mptcpi_endp_laminar_max"),
                FieldLayouts.U8.withName("mptcpi_endp_fullmesh_max"),
                FieldLayouts.U8.withName("reserved"),
                FieldLayouts.U32.withName("mptcpi_last_data_sent"),
                FieldLayouts.U32.withName("mptcpi_last_data_recv"),
                FieldLayouts.U32.withName("mptcpi_last_ack_recv"));
    }

    public static final int SIZE = 48;
    public static final long SUBFLOWS = 0;
    public static final long ADD_ADDR_SIGNAL = 1;
    public static final long ADD_ADDR_ACCEPTED = 2;
    public static final long SUBFLOWS_MAX = 3;
    public static final long ADD_ADDR_SIGNAL_MAX = 4;
    public static final long ADD_ADDR_ACCEPTED_MAX = 5;
    public static final long FLAGS = 8;
    public static final long TOKEN = 12;
    public static final long WRITE_SEQ = 16;
    public static final long SND_UNA = 24;
    public static final long RCV_NXT = 32;
    public static final long LOCAL_ADDR_USED = 40;
    public static final long LOCAL_ADDR_MAX = 41;
    public static final long CSUM_ENABLED = 42;
    // Linux 6.6 and later; a shorter struct from an older kernel reads as zeros past its end.
    public static final long RETRANSMITS = 44;
    public static final long BYTES_RETRANS = 48;
    public static final long BYTES_SENT = 56;
    public static final long BYTES_RECEIVED = 64;
    public static final long BYTES_ACKED = 72;
    public static final long SUBFLOWS_TOTAL = 80;
    public static final long ENDP_LAMINAR_MAX = 81;
    public static final long LAST_DATA_SENT = 84;
    public static final long LAST_DATA_RECV = 88;
    public static final long LAST_ACK_RECV = 92;

    private MptcpInfoStruct() {
    }

    /** Decodes the current attribute's payload, of any length: bytes past its end read as zero. */
    public static MptcpInfo decode(AttributeCursor p) {
        return new MptcpInfo(p.u8At(SUBFLOWS), p.u8At(ADD_ADDR_SIGNAL), p.u8At(ADD_ADDR_ACCEPTED),
                p.u8At(SUBFLOWS_MAX), p.u8At(ADD_ADDR_SIGNAL_MAX), p.u8At(ADD_ADDR_ACCEPTED_MAX),
                p.u32AsLongAt(FLAGS), p.u32AsLongAt(TOKEN), p.u64At(WRITE_SEQ), p.u64At(SND_UNA), p.u64At(RCV_NXT),
                p.u8At(LOCAL_ADDR_USED), p.u8At(LOCAL_ADDR_MAX), p.u8At(CSUM_ENABLED),
                p.u32AsLongAt(RETRANSMITS), p.u64At(BYTES_RETRANS), p.u64At(BYTES_SENT), p.u64At(BYTES_RECEIVED),
                p.u64At(BYTES_ACKED), p.u8At(SUBFLOWS_TOTAL), p.u8At(ENDP_LAMINAR_MAX),
                p.u32AsLongAt(LAST_DATA_SENT), p.u32AsLongAt(LAST_DATA_RECV), p.u32AsLongAt(LAST_ACK_RECV));
    }
}
