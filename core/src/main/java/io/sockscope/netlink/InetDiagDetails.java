package io.sockscope.netlink;

import io.sockscope.model.InetDetails;
import io.sockscope.model.InetMemory;
import io.sockscope.model.InetSocketOptions;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.Md5Key;
import io.sockscope.model.SocketMemory;
import io.sockscope.model.SocketTable;
import io.sockscope.model.BbrInfo;
import io.sockscope.model.DctcpInfo;
import io.sockscope.model.MptcpInfo;
import io.sockscope.model.TcpInfo;
import io.sockscope.model.UlpInfo;
import io.sockscope.model.VegasInfo;

import java.util.List;

/**
 * Decodes the attribute area of an {@code inet_diag_msg} into {@link InetDetails}: every {@code INET_DIAG_*}
 * attribute that a consumer shows beyond the basics that {@link InetDiagMsg} reads itself. As in iproute2's
 * {@code parse_rtattr}, the first attribute of each type counts and later ones are ignored.
 * {@code INET_DIAG_INFO} is read as the protocol's struct: {@code mptcp_info} for MPTCP, nothing for SCTP
 * (ss prints none of {@code sctp_info}), {@code tcp_info} for the others.
 */
public final class InetDiagDetails {
    private InetDiagDetails() {
    }

    /**
     * The details of the {@code length} attribute bytes at {@code offset} of {@code b}.
     *
     * @param table    the table the socket was listed from
     * @param protocol {@code INET_DIAG_PROTOCOL}, or -1 when the reply had none (the table decides then)
     */
    public static InetDetails decode(byte[] b, int offset, int length, SocketTable table, int protocol) {
        int ipProtocol = protocol >= 0 ? protocol : protocolOf(table);
        TcpInfo tcpInfo = null;
        MptcpInfo mptcpInfo = null;
        String congestion = null;
        VegasInfo vegas = null;
        DctcpInfo dctcp = null;
        BbrInfo bbr = null;
        SocketMemory memory = null;
        InetMemory inetMemory = null;
        int tos = InetDetails.ABSENT;
        int trafficClass = InetDetails.ABSENT;
        long classId = InetDetails.ABSENT;
        InetSocketOptions options = null;
        boolean sawOptions = false;
        List<Md5Key> md5Keys = null;
        UlpInfo ulp = null;
        boolean sawInfo = false;
        AttributeCursor c = new AttributeCursor(b, offset, length);
        while (c.next()) {
            switch (c.type()) {
                case InetDiagAttribute.INET_DIAG_INFO -> {
                    if (!sawInfo) {
                        sawInfo = true;
                        if (ipProtocol == IpProtocol.IPPROTO_MPTCP) {
                            mptcpInfo = MptcpInfoStruct.decode(c);
                        } else if (ipProtocol != IpProtocol.IPPROTO_SCTP) {
                            tcpInfo = TcpInfoStruct.decode(c);
                        }
                    }
                }
                case InetDiagAttribute.INET_DIAG_CONG -> congestion = congestion != null ? congestion : c.string();
                case InetDiagAttribute.INET_DIAG_VEGASINFO -> vegas = vegas != null ? vegas : TcpVegasInfo.decode(c);
                case InetDiagAttribute.INET_DIAG_DCTCPINFO -> dctcp = dctcp != null ? dctcp : TcpDctcpInfo.decode(c);
                case InetDiagAttribute.INET_DIAG_BBRINFO -> bbr = bbr != null ? bbr : TcpBbrInfo.decode(c);
                case InetDiagAttribute.INET_DIAG_SKMEMINFO -> memory = memory != null ? memory : SkMemInfo.decode(c);
                case InetDiagAttribute.INET_DIAG_MEMINFO ->
                        inetMemory = inetMemory != null ? inetMemory : InetDiagMemInfo.decode(c);
                case InetDiagAttribute.INET_DIAG_TOS -> tos = tos >= 0 ? tos : c.u8();
                case InetDiagAttribute.INET_DIAG_TCLASS -> trafficClass = trafficClass >= 0 ? trafficClass : c.u8();
                case InetDiagAttribute.INET_DIAG_CLASS_ID -> classId = classId >= 0 ? classId : c.u32AsLongAt(0);
                case InetDiagAttribute.INET_DIAG_SOCKOPT -> {
                    if (!sawOptions) {
                        sawOptions = true;
                        options = InetDiagSockopt.decode(c);
                    }
                }
                case InetDiagAttribute.INET_DIAG_MD5SIG -> md5Keys = md5Keys != null ? md5Keys : TcpMd5Sig.decode(c);
                case InetDiagAttribute.INET_DIAG_ULP_INFO -> ulp = ulp != null ? ulp : UlpAttribute.decode(c.nested());
                default -> { }
            }
        }
        return new InetDetails(tcpInfo, mptcpInfo, congestion, vegas, dctcp, bbr, memory, inetMemory, tos,
                trafficClass, classId, options, md5Keys, ulp);
    }

    /** The IP protocol of a table, for a reply without {@code INET_DIAG_PROTOCOL}. */
    private static int protocolOf(SocketTable table) {
        return switch (table) {
            case UDP -> IpProtocol.IPPROTO_UDP;
            case RAW -> IpProtocol.IPPROTO_RAW;
            case DCCP -> IpProtocol.IPPROTO_DCCP;
            case SCTP -> IpProtocol.IPPROTO_SCTP;
            case MPTCP -> IpProtocol.IPPROTO_MPTCP;
            default -> IpProtocol.IPPROTO_TCP;
        };
    }
}
