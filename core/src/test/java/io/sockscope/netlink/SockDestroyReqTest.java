package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The {@code SOCK_DESTROY} request names a socket by exactly the identity the kernel reported for it: for
 * every socket of the golden TCP and UDP replies, the request's {@code inet_diag_sockid} is the reply's,
 * byte for byte, and the rest of the request is what ss sends.
 */
class SockDestroyReqTest {
    private static final int TCP = 6;
    private static final int UDP = 17;

    private static List<byte[]> payloads(String fixture) {
        return Golden.payloads(Golden.reply(fixture));
    }

    @Test
    void namesEveryGoldenSocketByItsReportedIdentity() throws Exception {
        int checked = 0;
        for (String fixture : List.of("tcp4.bin", "tcp6.bin", "udp4.bin")) {
            int protocol = fixture.startsWith("udp") ? UDP : TCP;
            SocketTable table = protocol == UDP ? SocketTable.UDP : SocketTable.TCP;
            for (byte[] payload : payloads(fixture)) {
                List<String> warnings = new ArrayList<>();
                InetSocket socket = InetDiagMsg.decode(payload, 0, payload.length, table, false, warnings::add);
                byte[] request = SockDestroyReq.encode(socket, protocol, 77);
                MemorySegment r = MemorySegment.ofArray(request);

                assertEquals(SockDestroyReq.SIZE, request.length);
                assertEquals(request.length, NetlinkHeader.length(request, 0));
                assertEquals(SockDiag.SOCK_DESTROY, NetlinkHeader.type(request, 0));
                assertEquals(NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK, NetlinkHeader.flags(request, 0));
                assertEquals(77, NetlinkHeader.seq(request, 0));
                assertEquals(0, NetlinkHeader.portId(request, 0));
                long base = NetlinkHeader.SIZE;
                assertEquals(InetDiagMsg.family(payload, 0), Byte.toUnsignedInt(r.get(ValueLayout.JAVA_BYTE, base)));
                assertEquals(protocol, Byte.toUnsignedInt(r.get(ValueLayout.JAVA_BYTE, base + 1)));
                assertEquals(0, r.get(ValueLayout.JAVA_BYTE, base + 2), "no extensions");
                assertEquals(0, r.get(ValueLayout.JAVA_INT_UNALIGNED, base + InetDiagReqV2.STATES), "no states");

                byte[] reported = MemorySegment.ofArray(payload).asSlice(InetDiagMsg.ID, InetDiagSockId.SIZE).toArray(ValueLayout.JAVA_BYTE);
                byte[] named = r.asSlice(base + InetDiagReqV2.ID, InetDiagSockId.SIZE).toArray(ValueLayout.JAVA_BYTE);
                assertArrayEquals(reported, named, fixture + ": the sockid of " + socket);
                checked++;
            }
        }
        assertFalse(checked < 8, "the golden replies hold at least eight sockets, checked " + checked);
    }

    @Test
    void rawSocketsCarryTheirOwnProtocolWhereExtensionsWouldBe() {
        InetSocket icmp = socket(SocketTable.RAW, AddressFamily.INET, 1);
        MemorySegment r = MemorySegment.ofArray(SockDestroyReq.encode(icmp, 255, 1));
        assertEquals(255, Byte.toUnsignedInt(r.get(ValueLayout.JAVA_BYTE, NetlinkHeader.SIZE + 1)));
        assertEquals(1, r.get(ValueLayout.JAVA_BYTE, NetlinkHeader.SIZE + 2), "sdiag_raw_protocol");

        InetSocket unknown = socket(SocketTable.RAW, AddressFamily.INET, -1);
        MemorySegment u = MemorySegment.ofArray(SockDestroyReq.encode(unknown, 255, 1));
        assertEquals(0, u.get(ValueLayout.JAVA_BYTE, NetlinkHeader.SIZE + 2), "ss sends 0 when no protocol was reported");
    }

    @Test
    void protocolsAbove255AreCutToTheirLowByteAsSsSendsThem() {
        InetSocket mptcp = socket(SocketTable.MPTCP, AddressFamily.INET6, -1);
        byte[] request = SockDestroyReq.encode(mptcp, 262, 1);
        assertEquals(SockDestroyReq.SIZE, request.length, "no INET_DIAG_REQ_PROTOCOL attribute");
        assertEquals(6, request[NetlinkHeader.SIZE + 1]);
    }

    @Test
    void anIpv4IdentityKeepsItsAddressInTheFirstWordAndZerosAfterIt() {
        InetSocket s = new InetSocket(SocketTable.TCP, AddressFamily.INET, TcpState.ESTABLISHED.code(), 0, 0,
                new InetEndpoint(new byte[] {10, 1, 2, 3}, 443), new InetEndpoint(new byte[] {10, 9, 8, 7}, 50000),
                3, 1234, 0, 0x1122334455667788L, Timer.OFF, 0, -1, -1, 0, 0, -1, null, null);
        MemorySegment r = MemorySegment.ofArray(SockDestroyReq.encode(s, TCP, 5));
        long id = NetlinkHeader.SIZE + InetDiagReqV2.ID;
        assertArrayEquals(new byte[] {0x01, (byte) 0xbb, (byte) 0xc3, 0x50},
                r.asSlice(id, 4).toArray(ValueLayout.JAVA_BYTE), "ports in network order");
        assertArrayEquals(new byte[] {10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                r.asSlice(id + InetDiagSockId.SRC, 16).toArray(ValueLayout.JAVA_BYTE));
        assertArrayEquals(new byte[] {10, 9, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                r.asSlice(id + InetDiagSockId.DST, 16).toArray(ValueLayout.JAVA_BYTE));
        assertEquals(3, r.get(ValueLayout.JAVA_INT_UNALIGNED, id + InetDiagSockId.IF));
        assertEquals(0x55667788, r.get(ValueLayout.JAVA_INT_UNALIGNED, id + InetDiagSockId.COOKIE), "low word first");
        assertEquals(0x11223344, r.get(ValueLayout.JAVA_INT_UNALIGNED, id + InetDiagSockId.COOKIE + 4));
    }

    private static InetSocket socket(SocketTable table, int family, int protocol) {
        int length = family == AddressFamily.INET ? 4 : 16;
        return new InetSocket(table, family, TcpState.CLOSE.code(), 0, 0,
                new InetEndpoint(new byte[length], 1), new InetEndpoint(new byte[length], 0),
                0, 99, 0, 42, Timer.OFF, 0, -1, -1, 0, 0, protocol, null, null);
    }
}
