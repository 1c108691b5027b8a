package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The literal offset constants agree with each struct's layout (which mirrors the C struct). */
class StructLayoutTest {
    private static void check(StructLayout layout, int size, Object... nameOffsetPairs) {
        assertEquals(size, layout.byteSize(), "sizeof");
        for (int i = 0; i < nameOffsetPairs.length; i += 2) {
            String name = (String) nameOffsetPairs[i];
            long offset = (Long) nameOffsetPairs[i + 1];
            assertEquals(layout.byteOffset(PathElement.groupElement(name)), offset, name);
        }
    }

    @Test
    void nlmsghdr() {
        // tcp_info and mptcp_info as Linux 6.18 has them: the fields ss 7.1 prints past those 6.1 knew.
        check(TcpInfoStruct.layout(), 240, "tcpi_snd_wnd", TcpInfoStruct.SND_WND, "tcpi_rcv_wnd",
                TcpInfoStruct.RCV_WND, "tcpi_rehash", TcpInfoStruct.REHASH);
        check(MptcpInfoStruct.layout(), 96, "mptcpi_csum_enabled", MptcpInfoStruct.CSUM_ENABLED,
                "mptcpi_retransmits", MptcpInfoStruct.RETRANSMITS, "mptcpi_bytes_retrans", MptcpInfoStruct.BYTES_RETRANS,
                "mptcpi_bytes_sent", MptcpInfoStruct.BYTES_SENT, "mptcpi_bytes_received", MptcpInfoStruct.BYTES_RECEIVED,
                "mptcpi_bytes_acked", MptcpInfoStruct.BYTES_ACKED, "mptcpi_subflows_total", MptcpInfoStruct.SUBFLOWS_TOTAL,
                "mptcpi_endp_laminar_max", MptcpInfoStruct.ENDP_LAMINAR_MAX, "mptcpi_last_data_sent",
                MptcpInfoStruct.LAST_DATA_SENT, "mptcpi_last_data_recv", MptcpInfoStruct.LAST_DATA_RECV,
                "mptcpi_last_ack_recv", MptcpInfoStruct.LAST_ACK_RECV);
        check(NetlinkHeader.layout(), NetlinkHeader.SIZE, "nlmsg_len", NetlinkHeader.LEN, "nlmsg_type",
                NetlinkHeader.TYPE, "nlmsg_flags", NetlinkHeader.FLAGS, "nlmsg_seq", NetlinkHeader.SEQ,
                "nlmsg_pid", NetlinkHeader.PID);
    }

    @Test
    void inetDiag() {
        check(InetDiagSockId.layout(), InetDiagSockId.SIZE, "idiag_sport", InetDiagSockId.SPORT, "idiag_dport",
                InetDiagSockId.DPORT, "idiag_src", InetDiagSockId.SRC, "idiag_dst", InetDiagSockId.DST,
                "idiag_if", InetDiagSockId.IF, "idiag_cookie", InetDiagSockId.COOKIE);
        check(InetDiagReqV2.layout(), InetDiagReqV2.SIZE, "sdiag_family", InetDiagReqV2.FAMILY, "sdiag_protocol",
                InetDiagReqV2.PROTOCOL, "idiag_ext", InetDiagReqV2.EXT, "idiag_states", InetDiagReqV2.STATES,
                "id", InetDiagReqV2.ID);
        check(InetDiagReq.layout(), InetDiagReq.SIZE, "idiag_family", InetDiagReq.FAMILY, "idiag_src_len",
                InetDiagReq.SRC_LEN, "idiag_dst_len", InetDiagReq.DST_LEN, "idiag_ext", InetDiagReq.EXT,
                "id", InetDiagReq.ID, "idiag_states", InetDiagReq.STATES, "idiag_dbs", InetDiagReq.DBS);
        check(InetDiagMsg.layout(), InetDiagMsg.SIZE, "idiag_family", InetDiagMsg.FAMILY, "idiag_state",
                InetDiagMsg.STATE, "idiag_timer", InetDiagMsg.TIMER, "idiag_retrans", InetDiagMsg.RETRANS,
                "id", InetDiagMsg.ID, "idiag_expires", InetDiagMsg.EXPIRES, "idiag_rqueue", InetDiagMsg.RQUEUE,
                "idiag_wqueue", InetDiagMsg.WQUEUE, "idiag_uid", InetDiagMsg.UID, "idiag_inode", InetDiagMsg.INODE);
    }

    @Test
    void unixDiag() {
        check(UnixDiagReq.layout(), UnixDiagReq.SIZE, "sdiag_family", UnixDiagReq.FAMILY, "sdiag_protocol",
                UnixDiagReq.PROTOCOL, "udiag_states", UnixDiagReq.STATES, "udiag_ino", UnixDiagReq.INO,
                "udiag_show", UnixDiagReq.SHOW, "udiag_cookie", UnixDiagReq.COOKIE);
        check(UnixDiagMsg.layout(), UnixDiagMsg.SIZE, "udiag_family", UnixDiagMsg.FAMILY, "udiag_type",
                UnixDiagMsg.TYPE, "udiag_state", UnixDiagMsg.STATE, "udiag_ino", UnixDiagMsg.INO,
                "udiag_cookie", UnixDiagMsg.COOKIE);
    }

    @Test
    void packetDiag() {
        check(PacketDiagReq.layout(), PacketDiagReq.SIZE, "sdiag_family", PacketDiagReq.FAMILY, "sdiag_protocol",
                PacketDiagReq.PROTOCOL, "pdiag_ino", PacketDiagReq.INO, "pdiag_show", PacketDiagReq.SHOW,
                "pdiag_cookie", PacketDiagReq.COOKIE);
        check(PacketDiagMsg.layout(), PacketDiagMsg.SIZE, "pdiag_family", PacketDiagMsg.FAMILY, "pdiag_type",
                PacketDiagMsg.TYPE, "pdiag_num", PacketDiagMsg.NUM, "pdiag_ino", PacketDiagMsg.INO,
                "pdiag_cookie", PacketDiagMsg.COOKIE);
        check(PacketDiagInfo.layout(), PacketDiagInfo.SIZE, "pdi_index", PacketDiagInfo.INDEX, "pdi_version",
                PacketDiagInfo.VERSION, "pdi_reserve", PacketDiagInfo.RESERVE, "pdi_copy_thresh",
                PacketDiagInfo.COPY_THRESH, "pdi_tstamp", PacketDiagInfo.TSTAMP, "pdi_flags", PacketDiagInfo.FLAGS);
    }

    @Test
    void netlinkDiag() {
        check(NetlinkDiagReq.layout(), NetlinkDiagReq.SIZE, "sdiag_family", NetlinkDiagReq.FAMILY, "sdiag_protocol",
                NetlinkDiagReq.PROTOCOL, "ndiag_ino", NetlinkDiagReq.INO, "ndiag_show", NetlinkDiagReq.SHOW,
                "ndiag_cookie", NetlinkDiagReq.COOKIE);
        check(NetlinkDiagMsg.layout(), NetlinkDiagMsg.SIZE, "ndiag_family", NetlinkDiagMsg.FAMILY, "ndiag_type",
                NetlinkDiagMsg.TYPE, "ndiag_protocol", NetlinkDiagMsg.PROTOCOL, "ndiag_state", NetlinkDiagMsg.STATE,
                "ndiag_portid", NetlinkDiagMsg.PORTID, "ndiag_dst_portid", NetlinkDiagMsg.DST_PORTID,
                "ndiag_dst_group", NetlinkDiagMsg.DST_GROUP, "ndiag_ino", NetlinkDiagMsg.INO,
                "ndiag_cookie", NetlinkDiagMsg.COOKIE);
    }
}
