package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The requests {@link NetlinkSource} sends, compared byte for byte with what ss 6.1 sent for the same flags
 * (captured with strace into src/test/resources/golden/requests, see the README there).
 */
class NetlinkSourceRequestTest {
    private static final int ALL_TABLES = (1 << SocketTable.values().length) - 1;
    private static final long INET_FAMILIES = AddressFamily.mask(AddressFamily.INET)
            | AddressFamily.mask(AddressFamily.INET6);

    private static byte[] ss(String name) {
        try (InputStream in = NetlinkSourceRequestTest.class.getResourceAsStream("/golden/requests/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DumpRequest request(int states, int preferred, boolean memory, boolean info, boolean tos,
                                       boolean details, byte[] bytecode) {
        return new DumpRequest(ALL_TABLES, states, INET_FAMILIES, preferred, memory, info, tos, false, details,
                bytecode);
    }

    private static DumpRequest plain(int states, int preferred) {
        return request(states, preferred, false, false, false, false, null);
    }

    private static void assertSame(byte[] expected, byte[] actual) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals(hex.formatHex(expected), hex.formatHex(actual));
    }

    private static void assertInet(String fixture, int protocol, DumpRequest request, int count) {
        List<byte[]> ours = NetlinkSource.inetRequests(protocol, request);
        assertEquals(count, ours.size(), "requests sent");
        for (int i = 0; i < count; i++) {
            assertSame(ss(fixture + "." + (i + 1) + ".bin"), ours.get(i));
        }
    }

    @Test
    void tcpAllStatesAsksIpv4ThenIpv6() {
        assertInet("tan", IpProtocol.IPPROTO_TCP, plain(TcpState.ALL, AddressFamily.UNSPEC), 2);
    }

    @Test
    void tcpDefaultStatesAreTheConnectedOnes() {
        assertInet("tn", IpProtocol.IPPROTO_TCP, plain(TcpState.CONNECTED_DEFAULT, AddressFamily.UNSPEC), 2);
    }

    @Test
    void preferredIpv4AsksOnlyIpv4() {
        int listening = TcpState.bit(TcpState.LISTEN) | TcpState.bit(TcpState.CLOSE);
        assertInet("tln4", IpProtocol.IPPROTO_TCP, plain(listening, AddressFamily.INET), 1);
    }

    @Test
    void preferredIpv6AsksOnlyIpv6() {
        assertInet("uan6", IpProtocol.IPPROTO_UDP, plain(TcpState.ALL, AddressFamily.INET6), 1);
    }

    @Test
    void memoryInfoAndTosAskForEveryExtension() {
        assertInet("tanmi-tos", IpProtocol.IPPROTO_TCP,
                request(TcpState.ALL, AddressFamily.UNSPEC, true, true, true, false, null), 2);
    }

    @Test
    void socketOptionsAskForNothing() {
        // INET_DIAG_SOCKOPT has no idiag_ext bit (its type is past the eight): the kernel sends it unasked.
        DumpRequest sockopt = new DumpRequest(ALL_TABLES, TcpState.ALL, INET_FAMILIES, AddressFamily.UNSPEC, false,
                false, false, true, false, null);
        assertInet("tan-sockopt", IpProtocol.IPPROTO_TCP, sockopt, 2);
    }

    @Test
    void bytecodeTravelsAsTheFirstAttribute() {
        // ss compiles the filter once per request, leaving stack garbage in the hostcond padding, so each
        // request is checked with its own program.
        for (int i = 1; i <= 2; i++) {
            byte[] sent = ss("tan-sport22." + i + ".bin");
            byte[] bytecode = Arrays.copyOfRange(sent, 72 + 4, sent.length);
            List<byte[]> ours = NetlinkSource.inetRequests(IpProtocol.IPPROTO_TCP,
                    request(TcpState.ALL, AddressFamily.UNSPEC, false, false, false, false, bytecode));
            assertSame(sent, ours.get(i - 1));
        }
    }

    @Test
    void mptcpNeedsTheProtocolAttribute() {
        assertInet("Man", IpProtocol.IPPROTO_MPTCP, plain(TcpState.ALL, AddressFamily.UNSPEC), 2);
    }

    @Test
    void rawAsksIpv4First() {
        // ss stops after this one on a kernel without raw diag.
        assertSame(ss("wan.1.bin"), NetlinkSource.inetRequests(IpProtocol.IPPROTO_RAW,
                plain(TcpState.ALL, AddressFamily.UNSPEC)).getFirst());
        assertNull(NetlinkSource.legacyRequest(IpProtocol.IPPROTO_RAW, plain(TcpState.ALL, AddressFamily.UNSPEC)));
    }

    @Test
    void dccpFallsBackToTheOriginalRequest() {
        DumpRequest request = plain(TcpState.ALL, AddressFamily.UNSPEC);
        assertSame(ss("dan.1.bin"), NetlinkSource.inetRequests(IpProtocol.IPPROTO_DCCP, request).getFirst());
        assertSame(ss("dan.2.bin"), NetlinkSource.legacyRequest(IpProtocol.IPPROTO_DCCP, request));
    }

    @Test
    void unixAsksNamePeerAndQueues() {
        assertSame(ss("xan.1.bin"), NetlinkSource.unixRequest(plain(TcpState.ALL, AddressFamily.UNSPEC)));
    }

    @Test
    void unixWithMemoryAndDetailsAsksForMore() {
        assertSame(ss("xaemn.1.bin"), NetlinkSource.unixRequest(
                request(TcpState.ALL, AddressFamily.UNSPEC, true, false, false, true, null)));
    }

    @Test
    void packetAndNetlinkRequestsAreFixed() {
        assertSame(ss("0an.1.bin"), NetlinkSource.packetRequest());
        assertSame(ss("netlink.1.bin"), NetlinkSource.netlinkRequest());
    }

    @Test
    void fixturesCameFromTheExpectedSs() {
        assertArrayEquals("ss utility, iproute2-6.1.0\n".getBytes(), ss("ss-version.txt"));
    }
}
