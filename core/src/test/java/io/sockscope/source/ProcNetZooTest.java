package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.sockscope.source.ProcNetTestSupport.ALL_FAMILIES;
import static io.sockscope.source.ProcNetTestSupport.ALL_TABLES;
import static io.sockscope.source.ProcNetTestSupport.Dump;
import static io.sockscope.source.ProcNetTestSupport.dump;
import static io.sockscope.source.ProcNetTestSupport.everything;
import static io.sockscope.source.ProcNetTestSupport.fixture;
import static io.sockscope.source.ProcNetTestSupport.request;
import static io.sockscope.source.ProcNetTestSupport.rows;
import static io.sockscope.source.ProcNetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The zoo fixture: /proc/net files the kernel wrote for a namespace full of sockets (see
 * make-fixture.py), with what the installed ss printed from them.
 */
class ProcNetZooTest {
    private static final Path ZOO = fixture("zoo");
    /** The order ss lists its tables in. */
    private static final DumpKind[] SS_ORDER =
            {DumpKind.NETLINK, DumpKind.PACKET, DumpKind.UNIX, DumpKind.RAW, DumpKind.UDP, DumpKind.TCP};

    private static Dump all(Path root) throws SourceException {
        ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of("PROC_ROOT", root.toString())), 100);
        Dump d = new Dump();
        for (DumpKind kind : SS_ORDER) {
            d.run(source, kind, everything());
        }
        return d;
    }

    private static void assertMatchesSs(Dump d, String ssOutput) {
        List<String[]> rows = rows(ssOutput);
        assertEquals(rows.size(), d.sockets.size(), "socket count");
        for (int i = 0; i < rows.size(); i++) {
            SsRowAssert.assertRow(d.sockets.get(i), rows.get(i));
        }
    }

    @Test
    void everySocketMatchesTheRowSsPrintedFromTheSameFiles() throws Exception {
        Dump d = all(ZOO);
        assertEquals(List.of(), d.warnings);
        assertMatchesSs(d, Files.readString(ZOO.resolve("ss-aneo.txt"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void unixListingMatchesSs() throws Exception {
        Dump d = dump(ZOO, DumpKind.UNIX, everything());
        assertMatchesSs(d, Files.readString(ZOO.resolve("ss-xa.txt"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void matchesTheInstalledSsRunNow() throws Exception {
        Assumptions.assumeTrue(ProcNetTestSupport.ssInstalled(), "needs iproute2 ss installed");
        String out = ProcNetTestSupport.runSs(Map.of("PROC_ROOT", ZOO.toString()), "-a", "-n", "-e", "-o");
        assertMatchesSs(all(ZOO), out);
    }

    @Test
    void tcpFieldsOfAKeepaliveConnection() throws Exception {
        // "5: 0100007F:95EE 0100007F:2328 01 00000000:00000000 02:000AFBDA 00000000 0 0 10389 2 000000000dee75b4 ..."
        InetSocket s = tcpByInode(10389);
        assertEquals(SocketTable.TCP, s.table());
        assertEquals(AddressFamily.INET, s.family());
        assertEquals(TcpState.ESTABLISHED.code(), s.state());
        assertEquals(new InetEndpoint(new byte[]{127, 0, 0, 1}, 38382), s.local());
        assertEquals(new InetEndpoint(new byte[]{127, 0, 0, 1}, 9000), s.peer());
        assertEquals(0, s.recvQ());
        assertEquals(0, s.sendQ());
        assertEquals(Timer.of(2, s.timer().expiresMs()), s.timer());
        assertEquals((0xAFBDAL * 1000 + 99) / 100, s.timer().expiresMs());
        assertEquals(0, s.retransmits());
        assertEquals(0, s.uid());
        assertEquals(0x0dee75b4L, s.cookie());
        assertEquals(0, s.ifindex());
        assertEquals(-1, s.v6only());
        assertEquals(-1, s.shutdown());
        assertEquals(-1, s.protocol());
        assertNull(s.details());
    }

    @Test
    void retransmitTimerShowsTheRetransmitColumn() throws Exception {
        // "16: 0100007F:8BD0 0100007F:23F0 02 00000001:00000000 01:00000034 00000001 0 0 10401 ..."
        InetSocket s = tcpByInode(10401);
        assertEquals(TcpState.SYN_SENT.code(), s.state());
        assertEquals(1, s.sendQ());
        assertEquals(Timer.of(1, s.timer().expiresMs()), s.timer());
        assertEquals(520, s.timer().expiresMs());
        assertEquals(1, s.retransmits());
    }

    @Test
    void timeWaitLineHasNoInode() throws Exception {
        Dump d = dump(ZOO, DumpKind.TCP, request(ALL_TABLES, TcpState.bit(TcpState.TIME_WAIT), ALL_FAMILIES));
        assertEquals(1, d.sockets.size());
        InetSocket s = (InetSocket) d.sockets.getFirst();
        assertEquals(Timer.of(3, s.timer().expiresMs()), s.timer());
        assertEquals(58390, s.timer().expiresMs());
        assertEquals(0, s.inode());
        assertEquals(0x4d3d9bf8L, s.cookie());
        assertEquals(38412, s.local().port());
    }

    @Test
    void ipv6AddressesKeepNetworkByteOrder() throws Exception {
        Dump d = dump(ZOO, DumpKind.TCP, request(ALL_TABLES, TcpState.ALL, AddressFamily.mask(AddressFamily.INET6)));
        assertEquals(6, d.sockets.size());
        InetSocket loopback = (InetSocket) d.sockets.get(2);
        assertEquals(AddressFamily.INET6, loopback.family());
        byte[] one = new byte[16];
        one[15] = 1;
        assertEquals(new InetEndpoint(one, 9443), loopback.local());
        assertEquals(TcpState.LISTEN.code(), loopback.state());
        InetSocket mapped = (InetSocket) d.sockets.get(5);
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        assertArrayEquals(mappedLoopback, mapped.local().address());
        assertEquals(8443, mapped.local().port());
        assertEquals(39912, mapped.peer().port());
    }

    @Test
    void familiesChooseTheFiles() throws Exception {
        int v4 = dump(ZOO, DumpKind.TCP, request(ALL_TABLES, TcpState.ALL, AddressFamily.mask(AddressFamily.INET)))
                .sockets.size();
        int v6 = dump(ZOO, DumpKind.TCP, request(ALL_TABLES, TcpState.ALL, AddressFamily.mask(AddressFamily.INET6)))
                .sockets.size();
        assertEquals(18, v4);
        assertEquals(6, v6);
        assertEquals(0, dump(ZOO, DumpKind.TCP, request(ALL_TABLES, TcpState.ALL,
                AddressFamily.mask(AddressFamily.UNIX))).sockets.size());
    }

    @Test
    void stateFilterKeepsOnlyListeners() throws Exception {
        Dump d = dump(ZOO, DumpKind.TCP, request(ALL_TABLES, TcpState.bit(TcpState.LISTEN), ALL_FAMILIES));
        assertEquals(List.of(9000, 9200, 9100, 8080, 8443, 8444, 9443),
                d.sockets.stream().map(s -> ((InetSocket) s).local().port()).toList());
        assertEquals(List.of(0L, 1L, 0L, 1L, 0L, 0L, 0L), d.sockets.stream().map(SocketRecord::recvQ).toList());
    }

    @Test
    void udpQueuesAndRawProtocolAsPort() throws Exception {
        Dump udp = dump(ZOO, DumpKind.UDP, everything());
        InetSocket unread = (InetSocket) udp.sockets.get(1);
        assertEquals(SocketTable.UDP, unread.table());
        assertEquals(5001, unread.local().port());
        assertEquals(832, unread.recvQ());
        assertEquals(10412, unread.inode());
        assertEquals(0x6aa1243bL, unread.cookie());
        assertEquals(Timer.of(0, unread.timer().expiresMs()), unread.timer());
        Dump connected = dump(ZOO, DumpKind.UDP,
                request(ALL_TABLES, TcpState.bit(TcpState.ESTABLISHED), ALL_FAMILIES));
        assertEquals(2, connected.sockets.size());

        Dump raw = dump(ZOO, DumpKind.RAW, everything());
        assertEquals(List.of(1, 255, 58), raw.sockets.stream().map(s -> ((InetSocket) s).local().port()).toList());
        assertEquals(SocketTable.RAW, raw.sockets.getFirst().table());
        assertEquals(TcpState.CLOSE.code(), raw.sockets.getFirst().state());
    }

    @Test
    void unixNamesStatesAndOrder() throws Exception {
        Dump d = dump(ZOO, DumpKind.UNIX, everything());
        assertEquals(19, d.sockets.size());
        UnixSocket first = (UnixSocket) d.sockets.getFirst();
        assertEquals(SocketTable.UNIX_STREAM, first.table());
        assertEquals(TcpState.SYN_SENT.code(), first.state());
        assertEquals(0, first.inode());
        UnixSocket abstractListener = unixByInode(d, 10422);
        assertEquals("\0sockscope-abstract", text(abstractListener.name()));
        assertEquals(TcpState.LISTEN.code(), abstractListener.state());
        UnixSocket unnamedDgram = unixByInode(d, 10431);
        assertNull(unnamedDgram.name());
        // "Num" (today's) format: the first column is the kernel address, so an unconnected datagram
        // socket shows as ESTAB, and there is neither peer nor queue.
        assertEquals(TcpState.ESTABLISHED.code(), unnamedDgram.state());
        assertEquals(0, unnamedDgram.peerInode());
        assertNull(unnamedDgram.peerName());
        assertEquals(0, unnamedDgram.recvQ());
        UnixSocket path = unixByInode(d, 10418);
        assertEquals("/tmp/sockscope-fixture/stream.sock", text(path.name()));
        assertEquals(-1, path.uid());
        assertEquals(-1, path.shutdown());
        assertNull(path.pendingPeers());
        List<SocketTable> tables = d.sockets.stream().map(SocketRecord::table).toList();
        assertEquals(10, tables.stream().filter(t -> t == SocketTable.UNIX_STREAM).count());
        assertEquals(SocketTable.UNIX_SEQPACKET, tables.getLast());
    }

    @Test
    void unixTypeFilter() throws Exception {
        Dump d = dump(ZOO, DumpKind.UNIX, request(SocketTable.UNIX_SEQPACKET.bit(), TcpState.ALL, ALL_FAMILIES));
        assertEquals(5, d.sockets.size());
        d.sockets.forEach(s -> assertEquals(SocketTable.UNIX_SEQPACKET, s.table()));
    }

    @Test
    void packetSocketsIgnoreTheTableMaskAsSsDoes() throws Exception {
        Dump d = dump(ZOO, DumpKind.PACKET, request(SocketTable.PACKET_DGRAM.bit(), TcpState.ALL, ALL_FAMILIES));
        assertEquals(2, d.sockets.size());
        PacketSocket raw = assertInstanceOf(PacketSocket.class, d.sockets.get(0));
        assertEquals(SocketTable.PACKET_RAW, raw.table());
        assertEquals(3, raw.protocol());
        assertEquals(0, raw.ifindex());
        assertEquals(204778, raw.recvQ());
        assertEquals(10435, raw.inode());
        assertEquals(0, raw.cookie());
        PacketSocket dgram = (PacketSocket) d.sockets.get(1);
        assertEquals(SocketTable.PACKET_DGRAM, dgram.table());
        assertEquals(0x0800, dgram.protocol());
        assertEquals(1, dgram.ifindex());
        assertEquals(0, dump(ZOO, DumpKind.PACKET,
                request(ALL_TABLES, TcpState.bit(TcpState.ESTABLISHED), ALL_FAMILIES)).sockets.size());
        assertEquals(0, dump(ZOO, DumpKind.PACKET,
                request(ALL_TABLES, TcpState.ALL, AddressFamily.mask(AddressFamily.INET))).sockets.size());
    }

    @Test
    void netlinkFields() throws Exception {
        Dump d = dump(ZOO, DumpKind.NETLINK, everything());
        assertEquals(9, d.sockets.size());
        NetlinkSocket route = (NetlinkSocket) d.sockets.getFirst();
        assertEquals(0, route.protocol());
        assertEquals(5851, route.portid());
        assertEquals(0x11, route.groups());
        assertEquals(0x13b7d64eL, route.sk());
        assertEquals(0, route.cb());
        assertEquals(10437, route.inode());
        assertEquals(SocketTable.NETLINK, route.table());
        assertEquals(0, dump(ZOO, DumpKind.NETLINK,
                request(ALL_TABLES, TcpState.bit(TcpState.LISTEN), ALL_FAMILIES)).sockets.size());
    }

    @Test
    void keepPredicateRunsLikeSsUserSpaceFilter() throws Exception {
        ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of("PROC_ROOT", ZOO.toString())), 100);
        Dump d = new Dump();
        source.dump(DumpKind.TCP, everything(), s -> ((InetSocket) s).local().port() == 9000, d.sockets::add,
                d.warnings::add);
        assertEquals(3, d.sockets.size());
    }

    @Test
    void kindsWithoutAProcReaderDeliverNothing() throws Exception {
        for (DumpKind kind : List.of(DumpKind.DCCP, DumpKind.SCTP, DumpKind.MPTCP)) {
            Dump d = dump(ZOO, kind, everything());
            assertEquals(List.of(), d.sockets, kind.name());
            assertEquals(List.of(), d.warnings, kind.name());
        }
    }

    private static InetSocket tcpByInode(long inode) throws SourceException {
        return (InetSocket) dump(ZOO, DumpKind.TCP, everything()).sockets.stream()
                .filter(s -> s.inode() == inode).findFirst().orElseThrow();
    }

    private static UnixSocket unixByInode(Dump d, long inode) {
        return (UnixSocket) d.sockets.stream().filter(s -> s.inode() == inode).findFirst().orElseThrow();
    }
}
