package io.sockscope.netlink;

import io.sockscope.model.BbrInfo;
import io.sockscope.model.InetDetails;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Md5Key;
import io.sockscope.model.MptcpSubflow;
import io.sockscope.model.SocketMemory;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpInfo;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UlpInfo;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension decoders on real replies: {@code golden/extended/tcp{4,6}.dump} (see the README there), checked
 * against what {@code tcp_sockets.py} did to each socket: the bytes it sent, the congestion control, mark,
 * TOS, priority and MD5 key it set, the states it left the sockets in.
 */
class TcpReplyDecodeTest {
    private static List<InetSocket> sockets(String dump) throws MalformedMessageException {
        List<InetSocket> out = new ArrayList<>();
        for (byte[] b : payloads(dump)) {
            out.add(InetDiagMsg.decode(b, 0, b.length, SocketTable.TCP, true, w -> {
                throw new AssertionError(w);
            }));
        }
        return out;
    }

    private static List<byte[]> payloads(String dump) {
        return Golden.payloads(Golden.bytes("extended/" + dump));
    }

    private static InetSocket find(List<InetSocket> sockets, int localPort, boolean connected) {
        return sockets.stream()
                .filter(s -> s.local().port() == localPort && (s.peer().port() != 0) == connected)
                .filter(s -> s.state() != TcpState.TIME_WAIT.code())
                .findFirst().orElseThrow(() -> new AssertionError("no socket on port " + localPort));
    }

    private static InetDetails detailsOf(InetSocket s) {
        assertNotNull(s.details(), "details were asked for");
        return s.details();
    }

    private static TcpInfo infoOf(InetSocket s) {
        TcpInfo info = detailsOf(s).tcpInfo();
        assertNotNull(info, "tcp_info of port " + s.local().port());
        return info;
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
        assertEquals("bbr", detailsOf(bbrServer).congestion());
        assertNotNull(detailsOf(bbrServer).bbr(), "bbr reports itself");
        assertEquals("cubic", detailsOf(find(v4, 40002, true)).congestion());
        assertEquals("reno", detailsOf(find(v4, 40003, true)).congestion());
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
        BbrInfo bbr = detailsOf(bbrClient).bbr();
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
        assertInstanceOf(Timer.Keepalive.class, client.timer(), "the keepalive timer");
        assertEquals(0x10, detailsOf(client).tos());
        assertEquals(3, detailsOf(client).classId(), "SO_PRIORITY stands in for a class id");
        assertEquals(70001, infoOf(client).bytesAcked(), "70000 bytes and the SYN");
        InetSocket v6 = sockets("tcp6.dump").stream()
                .filter(s -> s.peer().port() == 40004).findFirst().orElseThrow();
        assertEquals(0x20, detailsOf(v6).trafficClass());
    }

    @Test
    void memoryArrays() throws Exception {
        for (InetSocket s : sockets("tcp4.dump")) {
            InetDetails d = detailsOf(s);
            if (s.state() == TcpState.TIME_WAIT.code()) {
                assertNull(d.memory(), "a time-wait socket has no memory");
                assertNull(d.tcpInfo(), "nor tcp_info");
                continue;
            }
            SocketMemory m = d.memory();
            assertEquals(SockDiag.SK_MEMINFO_VARS, m.count());
            assertTrue(m.hasDrops());
            assertEquals(m.rmemAlloc(), d.inetMemory().rmem(), "both reports agree on receive memory");
            assertTrue(m.rcvbuf() > 0 && m.sndbuf() > 0);
        }
        InetSocket server = find(sockets("tcp4.dump"), 40002, true);
        SocketMemory m = detailsOf(server).memory();
        assertTrue(m.rmemAlloc() >= 70000, "70000 unread bytes take at least that much: " + m.rmemAlloc());
    }

    @Test
    void theMd5KeyAsSet() throws Exception {
        List<Md5Key> keys = detailsOf(find(sockets("tcp4.dump"), 40010, false)).md5Keys();
        assertEquals(1, keys.size(), "one key");
        Md5Key key = keys.getFirst();
        assertEquals(2, key.family());
        assertEquals(32, key.prefixLength());
        assertArrayEquals(InetAddress.getByName("127.0.0.2").getAddress(), key.address());
        assertArrayEquals("se cret,\\\u0001".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), key.key());
    }

    @Test
    void mptcpSubflowsCarryTheirUlp() throws Exception {
        InetSocket client = sockets("tcp4.dump").stream()
                .filter(s -> s.peer().port() == 40009).findFirst().orElseThrow();
        UlpInfo ulp = detailsOf(client).ulp();
        assertEquals("mptcp", ulp.name());
        MptcpSubflow subflow = ulp.subflow();
        assertNotNull(subflow.tokenRemote());
        assertNotNull(subflow.idLocal());
        long flags = subflow.flags();
        assertTrue((flags & MptcpSubflow.FLAG_MCAP_LOC) != 0, "the initial subflow: MP_CAPABLE");
        assertTrue((flags & MptcpSubflow.FLAG_CONNECTED) != 0);
        assertEquals(20, infoOf(client).bytesSent(), "the 20 bytes went over the one subflow");
    }

    @Test
    void synSentAndTimeWait() throws Exception {
        List<InetSocket> v4 = sockets("tcp4.dump");
        InetSocket syn = v4.stream().filter(s -> s.peer().port() == 40008).findFirst().orElseThrow();
        assertEquals(TcpState.SYN_SENT.code(), syn.state());
        assertInstanceOf(Timer.Retransmit.class, syn.timer(), "retransmitting the SYN");
        TcpInfo info = infoOf(syn);
        assertEquals(1, info.unacked(), "the SYN");
        assertEquals(0, info.bytesSent());
        InetSocket timeWait = v4.stream().filter(s -> s.state() == TcpState.TIME_WAIT.code()).findFirst()
                .orElseThrow();
        assertEquals(40007, timeWait.peer().port());
        assertInstanceOf(Timer.TimeWait.class, timeWait.timer());
    }

    @Test
    void aShortTcpInfoReadsAsZeroPastItsEnd() throws Exception {
        byte[] full = null;
        for (byte[] b : payloads("tcp4.dump")) {
            if (Fields.be16(b, (int) (InetDiagMsg.ID + InetDiagSockId.SPORT)) == 40001
                    && Fields.be16(b, (int) (InetDiagMsg.ID + InetDiagSockId.DPORT)) != 0) {
                AttributeCursor c = new AttributeCursor(b, InetDiagMsg.SIZE, b.length - InetDiagMsg.SIZE);
                while (c.next()) {
                    if (c.type() == InetDiagAttribute.INET_DIAG_INFO) {
                        full = c.bytes();
                    }
                }
            }
        }
        assertNotNull(full, "the bbr server's tcp_info");
        TcpInfo whole = info(full);
        TcpInfo old = info(Arrays.copyOf(full, 104 + 3));   // up to three bytes into tcpi_pacing_rate
        assertEquals(whole.rtt(), old.rtt());
        assertEquals(whole.totalRetrans(), old.totalRetrans());
        assertEquals(whole.pacingRate() & 0xffffff, old.pacingRate(), "the low three bytes, as a memcpy gives");
        assertEquals(0, old.bytesReceived());
        assertEquals(0, old.sndWnd());
        assertTrue(whole.sndWnd() != 0, "the full struct has a send window");
        assertNotNull(info(new byte[0]), "an empty payload is all zeros");
    }

    /** The tcp_info of an attribute area holding one {@code INET_DIAG_INFO} with this payload. */
    private static TcpInfo info(byte[] payload) {
        int length = AttributeCursor.HEADER_SIZE + payload.length;
        byte[] area = new byte[NetlinkHeader.align(length)];
        Fields.putU16(area, 0, length);
        Fields.putU16(area, 2, InetDiagAttribute.INET_DIAG_INFO);
        System.arraycopy(payload, 0, area, AttributeCursor.HEADER_SIZE, payload.length);
        return InetDiagDetails.decode(area, 0, area.length, SocketTable.TCP, -1).tcpInfo();
    }
}
