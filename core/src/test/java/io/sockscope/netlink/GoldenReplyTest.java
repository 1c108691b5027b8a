package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetDetails;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.sockscope.netlink.Golden.fact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes replies recorded from a Linux 6.18 kernel (src/test/resources/golden/replies) and checks every
 * socket the capture created against what /proc/net said about it at the time (facts.properties).
 */
class GoldenReplyTest {
    private final List<String> warnings = new ArrayList<>();

    private List<InetSocket> inet(String fixture, SocketTable table, boolean keep) throws Exception {
        List<InetSocket> out = new ArrayList<>();
        for (byte[] payload : Golden.payloads(Golden.reply(fixture))) {
            out.add(InetDiagMsg.decode(payload, 0, payload.length, table, keep, warnings::add));
        }
        assertEquals(List.of(), warnings);
        return out;
    }

    private static <T> T only(List<T> items, Predicate<T> which) {
        List<T> found = items.stream().filter(which).toList();
        assertEquals(1, found.size(), "exactly one match");
        return found.getFirst();
    }

    @Test
    void tcpReplyIsFramedAsOneDumpEndingInDone() {
        List<Golden.Message> messages = Golden.messages(Golden.reply("tcp4.bin"));
        assertTrue(messages.size() >= 6, "our five sockets and the done message");
        for (Golden.Message m : messages) {
            assertEquals(123456, m.seq());
            assertTrue((m.flags() & NetlinkHeader.NLM_F_MULTI) != 0);
        }
        Golden.Message done = messages.getLast();
        assertEquals(NetlinkHeader.NLMSG_DONE, done.type());
        messages.subList(0, messages.size() - 1)
                .forEach(m -> assertEquals(SockDiag.SOCK_DIAG_BY_FAMILY, m.type()));
    }

    @Test
    void tcpListenerMatchesProc() throws Exception {
        InetSocket s = only(inet("tcp4.bin", SocketTable.TCP, false),
                x -> x.local().port() == fact("tcp4.listen.port") && x.state() == TcpState.LISTEN.code());
        assertEquals(SocketTable.TCP, s.table());
        assertEquals(AddressFamily.INET, s.family());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, s.local().address());
        assertArrayEquals(new byte[4], s.peer().address());
        assertEquals(0, s.peer().port());
        assertEquals(fact("tcp4.listen.inode"), s.inode());
        assertEquals(fact("uid"), s.uid());
        assertEquals(fact("tcp4.listen.backlog"), s.sendQ());
        assertEquals(0, s.recvQ());
        assertEquals(0, s.ifindex());
        assertNotEquals(0, s.cookie());
        assertEquals(-1, s.v6only(), "the kernel sends SKV6ONLY for IPv6 sockets only");
        assertEquals(0, s.shutdown());
        assertEquals(-1, s.protocol(), "TCP replies carry no INET_DIAG_PROTOCOL");
        assertNull(s.details(), "nothing asked for details");
    }

    @Test
    void establishedPairMatchesProc() throws Exception {
        List<InetSocket> all = inet("tcp4.bin", SocketTable.TCP, false);
        long listenPort = fact("tcp4.listen.port");
        long clientPort = fact("tcp4.client.port");
        InetSocket client = only(all, x -> x.local().port() == clientPort && x.peer().port() == listenPort);
        InetSocket served = only(all, x -> x.local().port() == listenPort && x.peer().port() == clientPort);
        assertEquals(TcpState.ESTABLISHED.code(), client.state());
        assertEquals(TcpState.ESTABLISHED.code(), served.state());
        assertEquals(fact("tcp4.client.inode"), client.inode());
        assertEquals(fact("tcp4.served.inode"), served.inode());
        assertEquals(fact("tcp4.served.recvq"), served.recvQ(), "five bytes sent, none read");
        assertEquals(0, client.sendQ(), "acknowledged data leaves the send queue");
        assertNotEquals(client.cookie(), served.cookie());
    }

    @Test
    void halfClosedPairShowsShutdownAndStates() throws Exception {
        List<InetSocket> all = inet("tcp4.bin", SocketTable.TCP, false);
        long listenPort = fact("tcp4.listen.port");
        long halfPort = fact("tcp4.halfclosed.port");
        InetSocket client = only(all, x -> x.local().port() == halfPort && x.peer().port() == listenPort);
        InetSocket served = only(all, x -> x.local().port() == listenPort && x.peer().port() == halfPort);
        assertEquals(fact("tcp4.halfclosed.inode"), client.inode());
        assertEquals(TcpState.FIN_WAIT2.code(), client.state());
        assertEquals(2, client.shutdown(), "shutdownOutput: no more sends");
        assertEquals(TcpState.CLOSE_WAIT.code(), served.state());
        assertEquals(1, served.shutdown(), "the peer's FIN: no more receives");
    }

    @Test
    void extensionsAreDecodedIntoTheDetails() throws Exception {
        List<byte[]> payloads = Golden.payloads(Golden.reply("tcp4-ext.bin"));
        byte[] payload = payloads.stream()
                .filter(p -> Fields.be16(p, (int) (InetDiagMsg.ID + InetDiagSockId.SPORT)) == fact("tcp4.listen.port"))
                .findFirst().orElseThrow();
        InetSocket s = InetDiagMsg.decode(payload, 0, payload.length, SocketTable.TCP, true,
                warnings::add);
        InetDetails d = s.details();
        assertNotNull(d);
        assertNotNull(d.tcpInfo(), "INET_DIAG_INFO");
        assertEquals(TcpState.LISTEN.code(), d.tcpInfo().state());
        assertNotNull(d.congestion(), "INET_DIAG_CONG");
        assertNotNull(d.memory(), "INET_DIAG_SKMEMINFO");
        assertNotEquals(InetDetails.ABSENT, d.tos(), "INET_DIAG_TOS");
        assertNull(d.mptcpInfo());
        assertEquals(fact("tcp4.listen.inode"), s.inode());
        assertEquals(List.of(), warnings);
    }

    @Test
    void ipv6ListenerMatchesProc() throws Exception {
        InetSocket s = only(inet("tcp6.bin", SocketTable.TCP, false),
                x -> x.local().port() == fact("tcp6.listen.port"));
        assertEquals(AddressFamily.INET6, s.family());
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertArrayEquals(loopback, s.local().address());
        assertEquals(TcpState.LISTEN.code(), s.state());
        assertEquals(fact("tcp6.listen.inode"), s.inode());
        assertEquals(fact("tcp6.listen.backlog"), s.sendQ());
        // The fixture's INET_DIAG_SKV6ONLY byte is 1 (the JDK binds ::1 v6-only); see the README.
        assertEquals(1, s.v6only());
        assertEquals(1, s.cgroupId(), "INET_DIAG_CGROUP_ID of the root cgroup");
    }

    @Test
    void udpSocketMatchesProc() throws Exception {
        InetSocket s = only(inet("udp4.bin", SocketTable.UDP, false), x -> x.local().port() == fact("udp4.port"));
        assertEquals(SocketTable.UDP, s.table());
        assertEquals(TcpState.CLOSE.code(), s.state());
        assertEquals(fact("udp4.inode"), s.inode());
    }

    @Test
    void missingRawDiagEndsTheDumpWithEnoentInDone() throws Exception {
        List<Golden.Message> messages = Golden.messages(Golden.reply("raw4-enoent.bin"));
        assertEquals(1, messages.size());
        assertEquals(NetlinkHeader.NLMSG_DONE, messages.getFirst().type());
        byte[] whole = messages.getFirst().whole();
        NetlinkError done = NetlinkError.ofDoneMessage(whole, 0, whole.length);
        assertEquals(2, done.errno());
        assertNull(done.extAckMessage());
    }

    @Test
    void legacyDccpRequestIsRefusedWithEinvalAndEchoed() throws Exception {
        List<Golden.Message> messages = Golden.messages(Golden.reply("dccp-legacy-einval.bin"));
        assertEquals(1, messages.size());
        Golden.Message error = messages.getFirst();
        assertEquals(NetlinkHeader.NLMSG_ERROR, error.type());
        assertEquals(22, NetlinkError.ofErrorMessage(error.whole(), 0, error.whole().length).errno());
        assertEquals(SockDiag.DCCPDIAG_GETSOCK, NetlinkHeader.type(error.payload(), 4), "the echoed request");
    }

    @Test
    void mptcpDumpIsEmptyButSucceeds() throws Exception {
        List<Golden.Message> messages = Golden.messages(Golden.reply("mptcp4.bin"));
        assertEquals(1, messages.size());
        byte[] whole = messages.getFirst().whole();
        assertEquals(0, NetlinkError.ofDoneMessage(whole, 0, whole.length).error());
    }

    private List<UnixSocket> unix() throws Exception {
        List<UnixSocket> out = new ArrayList<>();
        for (byte[] payload : Golden.payloads(Golden.reply("unix-ours.bin"))) {
            out.add(UnixDiagMsg.decode(payload, 0, payload.length, false, warnings::add));
        }
        assertEquals(List.of(), warnings);
        return out;
    }

    @Test
    void unixPathListenerMatchesProcAndTheFile() throws Exception {
        UnixSocket s = only(unix(), x -> x.inode() == fact("unix.listen.inode"));
        assertEquals(SocketTable.UNIX_STREAM, s.table());
        assertEquals(TcpState.LISTEN.code(), s.state());
        String path = Golden.facts().getProperty("unix.path");
        assertEquals(path + "\0", new String(s.name(), StandardCharsets.UTF_8), "the kernel keeps the NUL");
        assertEquals(fact("unix.path.file.inode"), s.vfsInode());
        assertNotEquals(-1, s.vfsDevice());
        assertArrayEquals(new int[0], s.pendingPeers(), "no connection waiting to be accepted");
        assertEquals(50, s.sendQ(), "a listener's write queue is its backlog (the JDK's default 50)");
        assertEquals(fact("uid"), s.uid());
        assertEquals(0, s.peerInode());
    }

    @Test
    void unixConnectedPairPointsAtEachOther() throws Exception {
        List<UnixSocket> all = unix();
        UnixSocket served = only(all, x -> x.inode() == fact("unix.served.inode"));
        UnixSocket client = only(all, x -> x.peerInode() == served.inode());
        assertEquals(client.inode(), served.peerInode());
        assertEquals(TcpState.ESTABLISHED.code(), served.state());
        assertNull(client.name(), "the connecting side is unnamed");
        assertNotNull(served.name(), "an accepted socket shows its listener's name");
        assertEquals(-1, client.vfsInode(), "only bound sockets have a file");
        assertEquals(0, client.shutdown());
    }

    @Test
    void abstractNameStartsWithNul() throws Exception {
        UnixSocket s = only(unix(), x -> x.inode() == fact("unix.abstract.inode"));
        assertEquals(SocketTable.UNIX_DGRAM, s.table());
        assertEquals(TcpState.CLOSE.code(), s.state());
        byte[] expected = ("\0" + Golden.facts().getProperty("unix.abstract.name")).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, s.name());
        assertEquals(-1, s.vfsInode());
    }

    @Test
    void packetSocketsMatchProc() throws Exception {
        List<PacketSocket> all = new ArrayList<>();
        for (byte[] payload : Golden.payloads(Golden.reply("packet-all.bin"))) {
            assertTrue(PacketDiagMsg.hasMemInfo(payload, 0, payload.length));
            all.add(PacketDiagMsg.decode(payload, 0, payload.length, false, warnings::add));
        }
        PacketSocket raw = only(all, x -> x.inode() == fact("packet.raw.inode"));
        assertEquals(SocketTable.PACKET_RAW, raw.table());
        assertEquals(0x0003, raw.protocol(), "ETH_P_ALL, host order");
        assertEquals(fact("lo.ifindex"), raw.ifindex());
        assertEquals(fact("uid"), raw.uid());
        assertNotEquals(0, raw.cookie());
        PacketSocket dgram = only(all, x -> x.inode() == fact("packet.dgram.inode"));
        assertEquals(SocketTable.PACKET_DGRAM, dgram.table());
        assertEquals(0x0800, dgram.protocol(), "ETH_P_IP, host order");
        assertEquals(0, dgram.ifindex());
        assertEquals(List.of(), warnings);
    }

    @Test
    void netlinkSocketsMatchProc() throws Exception {
        List<NetlinkSocket> all = new ArrayList<>();
        for (byte[] payload : Golden.payloads(Golden.reply("netlink-all.bin"))) {
            all.add(NetlinkDiagMsg.decode(payload, 0, payload.length, true, warnings::add));
        }
        NetlinkSocket diag = only(all, x -> x.protocol() == SockDiag.NETLINK_SOCK_DIAG
                && Integer.toUnsignedLong(x.portid()) == fact("netlink.diag.portid"));
        assertEquals(fact("netlink.diag.inode"), diag.inode());
        assertFalse(diag.connected());
        NetlinkSocket route = only(all, x -> x.protocol() == 0
                && Integer.toUnsignedLong(x.portid()) == fact("netlink.route.portid"));
        assertEquals(fact("netlink.route.inode"), route.inode());
        NetlinkSocket kernel = only(all, x -> x.protocol() == 0 && x.portid() == 0);
        assertNotEquals(0, kernel.inode());
        assertEquals(List.of(), warnings);
    }
}
