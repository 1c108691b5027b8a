package io.sockscope.netlink;

import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension decoders on real replies: {@code golden/extended/tcp{4,6}.dump} (see the README there), checked
 * against what {@code tcp_sockets.py} did to each socket: the bytes it sent, the congestion control, mark,
 * TOS, priority and MD5 key it set, the states it left the sockets in.
 */
class TcpReplyDecodeTest {
    private final AttributeTable attributes = new AttributeTable(InetDiagAttribute.INET_DIAG_MAX);

    private static List<InetSocket> sockets(String dump) throws MalformedMessageException {
        List<InetSocket> out = new ArrayList<>();
        for (MemorySegment payload : Golden.payloads(MemorySegment.ofArray(Golden.bytes("extended/" + dump)))) {
            out.add(InetDiagMsg.decode(payload, SocketTable.TCP, true, w -> {
                throw new AssertionError(w);
            }));
        }
        return out;
    }

    private static InetSocket find(List<InetSocket> sockets, int localPort, boolean connected) {
        return sockets.stream()
                .filter(s -> s.local().port() == localPort && (s.peer().port() != 0) == connected)
                .filter(s -> s.state() != TcpState.TIME_WAIT.code())
                .findFirst().orElseThrow(() -> new AssertionError("no socket on port " + localPort));
    }

    private AttributeTable attributesOf(InetSocket s) {
        return attributes.parse(MemorySegment.ofArray(s.attributes()));
    }

    private TcpInfo infoOf(InetSocket s) {
        AttributeTable a = attributesOf(s);
        assertTrue(a.has(InetDiagAttribute.INET_DIAG_INFO), "tcp_info of port " + s.local().port());
        assertTrue(a.length(InetDiagAttribute.INET_DIAG_INFO) >= TcpInfo.SIZE, "Linux 6.18 sends all ss knows");
        return TcpInfo.decode(a.payload(InetDiagAttribute.INET_DIAG_INFO));
    }

    @Test
    void bytesBothWaysAndTheCongestionControl() throws Exception {
        List<InetSocket> v4 = sockets("tcp4.dump");
        InetSocket bbrServer = find(v4, 40001, true);
        TcpInfo info = infoOf(bbrServer);
        assertEquals(3000, info.bytesReceived(), "the client sent 3000 bytes");
        assertEquals(100, info.bytesSent(), "the server sent 100");
        assertEquals(100, info.bytesAcked());
        assertEquals(TcpState.ESTABLISHED.code(), info.state());
        assertEquals("bbr", attributesOf(bbrServer).string(InetDiagAttribute.INET_DIAG_CONG, 15));
        assertTrue(attributesOf(bbrServer).has(InetDiagAttribute.INET_DIAG_BBRINFO), "bbr reports itself");
        assertEquals("cubic", attributesOf(find(v4, 40002, true)).string(InetDiagAttribute.INET_DIAG_CONG, 15));
        assertEquals("reno", attributesOf(find(v4, 40003, true)).string(InetDiagAttribute.INET_DIAG_CONG, 15));
        assertEquals(1, infoOf(find(v4, 40003, true)).bytesSent(), "the reno server sent one byte");
        assertTrue(infoOf(bbrServer).hasOption(TcpInfo.TCPI_OPT_TIMESTAMPS));
        assertTrue(infoOf(bbrServer).hasOption(TcpInfo.TCPI_OPT_WSCALE));
        assertEquals(10, infoOf(bbrServer).sndWscale(), "loopback scales windows by 2^10 both ways");
        assertEquals(10, infoOf(bbrServer).rcvWscale());
    }

    @Test
    void bbrReportsABandwidthAndRtt() throws Exception {
        InetSocket bbrClient = sockets("tcp4.dump").stream()
                .filter(s -> s.peer().port() == 40001).findFirst().orElseThrow();
        AttributeTable a = attributesOf(bbrClient);
        TcpBbrInfo bbr = TcpBbrInfo.decode(a.payload(InetDiagAttribute.INET_DIAG_BBRINFO));
        assertTrue(bbr.bandwidth() > 0, "the client sent data, so bbr measured a bandwidth");
        assertTrue(bbr.minRtt() > 0 && bbr.minRtt() < 1_000_000, "min rtt " + bbr.minRtt() + " us on loopback");
        assertEquals(739, bbr.pacingGain(), "startup pacing gain 2.885 in 8.8 fixed point");
        assertEquals(3000, infoOf(bbrClient).bytesSent());
    }

    @Test
    void markTosPriorityAndKeepalive() throws Exception {
        InetSocket client = sockets("tcp4.dump").stream()
                .filter(s -> s.peer().port() == 40002).findFirst().orElseThrow();
        assertEquals(0x2a, client.mark());
        assertEquals(2, client.timer(), "the keepalive timer");
        AttributeTable a = attributesOf(client);
        assertEquals(0x10, a.u8(InetDiagAttribute.INET_DIAG_TOS));
        assertEquals(3, a.u32(InetDiagAttribute.INET_DIAG_CLASS_ID), "SO_PRIORITY stands in for a class id");
        assertEquals(70001, infoOf(client).bytesAcked(), "70000 bytes and the SYN");
        InetSocket v6 = sockets("tcp6.dump").stream()
                .filter(s -> s.peer().port() == 40004).findFirst().orElseThrow();
        assertEquals(0x20, attributesOf(v6).u8(InetDiagAttribute.INET_DIAG_TCLASS));
    }

    @Test
    void memoryArrays() throws Exception {
        for (InetSocket s : sockets("tcp4.dump")) {
            AttributeTable a = attributesOf(s);
            if (s.state() == TcpState.TIME_WAIT.code()) {
                assertFalse(a.has(InetDiagAttribute.INET_DIAG_SKMEMINFO), "a time-wait socket has no memory");
                assertFalse(a.has(InetDiagAttribute.INET_DIAG_INFO), "nor tcp_info");
                continue;
            }
            SkMemInfo m = SkMemInfo.decode(a.payload(InetDiagAttribute.INET_DIAG_SKMEMINFO));
            assertEquals(SockDiag.SK_MEMINFO_VARS, m.count());
            assertTrue(m.has(SockDiag.SK_MEMINFO_DROPS));
            InetDiagMemInfo old = InetDiagMemInfo.decode(a.payload(InetDiagAttribute.INET_DIAG_MEMINFO));
            assertEquals(m.rmemAlloc(), old.rmem(), "both reports agree on receive memory");
            assertTrue(m.rcvbuf() > 0 && m.sndbuf() > 0);
        }
        InetSocket server = find(sockets("tcp4.dump"), 40002, true);
        SkMemInfo m = SkMemInfo.decode(attributesOf(server).payload(InetDiagAttribute.INET_DIAG_SKMEMINFO));
        assertTrue(m.rmemAlloc() >= 70000, "70000 unread bytes take at least that much: " + m.rmemAlloc());
    }

    @Test
    void theMd5KeyAsSet() throws Exception {
        AttributeTable a = attributesOf(find(sockets("tcp4.dump"), 40010, false));
        assertEquals(TcpMd5Sig.SIZE, a.length(InetDiagAttribute.INET_DIAG_MD5SIG), "one key");
        TcpMd5Sig key = TcpMd5Sig.decode(a.payload(InetDiagAttribute.INET_DIAG_MD5SIG), 0);
        assertEquals(2, key.family());
        assertEquals(32, key.prefixLength());
        assertArrayEquals(InetAddress.getByName("127.0.0.2").getAddress(), key.address());
        assertArrayEquals("se cret,\\\u0001".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), key.key());
    }

    @Test
    void mptcpSubflowsCarryTheirUlp() throws Exception {
        AttributeTable ulp = new AttributeTable(UlpAttribute.INET_ULP_INFO_MAX);
        AttributeTable subflow = new AttributeTable(UlpAttribute.MPTCP_SUBFLOW_ATTR_MAX);
        InetSocket client = sockets("tcp4.dump").stream()
                .filter(s -> s.peer().port() == 40009).findFirst().orElseThrow();
        ulp.parse(attributesOf(client).payload(InetDiagAttribute.INET_DIAG_ULP_INFO));
        assertEquals("mptcp", ulp.string(UlpAttribute.INET_ULP_INFO_NAME, 64));
        subflow.parse(ulp.payload(UlpAttribute.INET_ULP_INFO_MPTCP));
        assertTrue(subflow.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_TOKEN_REM));
        assertTrue(subflow.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_ID_LOC));
        long flags = subflow.u32(UlpAttribute.MPTCP_SUBFLOW_ATTR_FLAGS);
        assertTrue((flags & UlpAttribute.MPTCP_SUBFLOW_FLAG_MCAP_LOC) != 0, "the initial subflow: MP_CAPABLE");
        assertTrue((flags & UlpAttribute.MPTCP_SUBFLOW_FLAG_CONNECTED) != 0);
        assertEquals(20, infoOf(client).bytesSent(), "the 20 bytes went over the one subflow");
    }

    @Test
    void synSentAndTimeWait() throws Exception {
        List<InetSocket> v4 = sockets("tcp4.dump");
        InetSocket syn = v4.stream().filter(s -> s.peer().port() == 40008).findFirst().orElseThrow();
        assertEquals(TcpState.SYN_SENT.code(), syn.state());
        assertEquals(1, syn.timer(), "retransmitting the SYN");
        TcpInfo info = infoOf(syn);
        assertEquals(1, info.unacked(), "the SYN");
        assertEquals(0, info.bytesSent());
        InetSocket timeWait = v4.stream().filter(s -> s.state() == TcpState.TIME_WAIT.code()).findFirst()
                .orElseThrow();
        assertEquals(40007, timeWait.peer().port());
        assertEquals(3, timeWait.timer());
    }

    @Test
    void aShortTcpInfoReadsAsZeroPastItsEnd() throws Exception {
        InetSocket bbrServer = find(sockets("tcp4.dump"), 40001, true);
        MemorySegment full = attributesOf(bbrServer).payload(InetDiagAttribute.INET_DIAG_INFO);
        TcpInfo whole = TcpInfo.decode(full);
        TcpInfo old = TcpInfo.decode(full.asSlice(0, 104 + 3));   // up to three bytes into tcpi_pacing_rate
        assertEquals(whole.rtt(), old.rtt());
        assertEquals(whole.totalRetrans(), old.totalRetrans());
        assertEquals(whole.pacingRate() & 0xffffff, old.pacingRate(), "the low three bytes, as a memcpy gives");
        assertEquals(0, old.bytesReceived());
        assertEquals(0, old.sndWnd());
        assertFalse(whole.sndWnd() == 0, "the full struct has a send window");
        assertNotNull(TcpInfo.decode(MemorySegment.ofArray(new byte[0])), "an empty payload is all zeros");
    }
}
