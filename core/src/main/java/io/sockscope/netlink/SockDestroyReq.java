package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.IpProtocol;

import java.lang.foreign.MemorySegment;

/**
 * The {@code SOCK_DESTROY} request that closes one inet socket: an {@code inet_diag_req_v2} naming the socket
 * by the identity a dump reported for it ({@code inet_diag_sockid}: ports, addresses, interface, cookie), sent
 * with {@code NLM_F_REQUEST | NLM_F_ACK} and answered with an acknowledgement or an error.
 *
 * <pre>
 * struct inet_diag_req_v2 {           // struct inet_diag_req_raw for raw sockets:
 *     __u8    sdiag_family;
 *     __u8    sdiag_protocol;
 *     __u8    idiag_ext;              //   __u8 sdiag_raw_protocol;
 *     __u8    pad;
 *     __u32   idiag_states;           // 0
 *     struct inet_diag_sockid id;
 * };
 * </pre>
 * As in ss, {@code sdiag_protocol} is the protocol of the dump the socket came from, cut to its low byte
 * (no {@code INET_DIAG_REQ_PROTOCOL} is added), and for raw sockets the socket's own IP protocol travels in
 * {@code sdiag_raw_protocol}.
 */
public final class SockDestroyReq {
    /** The size of the whole request message. */
    public static final int SIZE = NetlinkHeader.SIZE + InetDiagReqV2.SIZE;

    private SockDestroyReq() {
    }

    /**
     * @param socket   the socket as a dump delivered it
     * @param protocol the protocol number the dump asked for ({@code IPPROTO_TCP}, {@code IPPROTO_UDP}, 255 for raw…)
     * @param seq      {@code nlmsg_seq}
     */
    public static byte[] encode(InetSocket socket, int protocol, int seq) {
        byte[] out = new byte[SIZE];
        MemorySegment s = MemorySegment.ofArray(out);
        NetlinkHeader.write(s, 0, SIZE, SockDiag.SOCK_DESTROY,
                NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK, seq, 0);
        long base = NetlinkHeader.SIZE;
        Fields.putU8(s, base + InetDiagReqV2.FAMILY, socket.family());
        Fields.putU8(s, base + InetDiagReqV2.PROTOCOL, protocol);
        if (protocol == IpProtocol.IPPROTO_RAW) {
            // sdiag_raw_protocol shares idiag_ext's byte; ss sends 0 when the dump did not report one.
            Fields.putU8(s, base + InetDiagReqV2.EXT, Math.max(socket.protocol(), 0));
        }
        long id = base + InetDiagReqV2.ID;
        putEndpoint(s, id + InetDiagSockId.SPORT, id + InetDiagSockId.SRC, socket.local(), socket.family());
        putEndpoint(s, id + InetDiagSockId.DPORT, id + InetDiagSockId.DST, socket.peer(), socket.family());
        Fields.putU32(s, id + InetDiagSockId.IF, socket.ifindex());
        Fields.putU32(s, id + InetDiagSockId.COOKIE, (int) socket.cookie());
        Fields.putU32(s, id + InetDiagSockId.COOKIE + 4, (int) (socket.cookie() >>> 32));
        return out;
    }

    private static void putEndpoint(MemorySegment s, long portOffset, long addressOffset, InetEndpoint e,
                                    int family) {
        s.set(FieldLayouts.BE16, portOffset, (short) e.port());
        byte[] address = e.address();
        // An IPv4 socket's identity has its address in the first word and zeros after it, as the kernel sends it.
        int length = family == AddressFamily.INET ? Math.min(address.length, 4) : address.length;
        MemorySegment.copy(address, 0, s, FieldLayouts.U8, addressOffset, length);
    }
}
