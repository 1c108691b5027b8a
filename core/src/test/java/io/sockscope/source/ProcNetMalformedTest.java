package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.WarningSink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sockscope.source.ProcNetTestSupport.Dump;
import static io.sockscope.source.ProcNetTestSupport.dump;
import static io.sockscope.source.ProcNetTestSupport.everything;
import static io.sockscope.source.ProcNetTestSupport.fixture;
import static io.sockscope.source.ProcNetTestSupport.rows;
import static io.sockscope.source.ProcNetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made files with broken lines: what is skipped, where reading stops, and what fails the table. */
class ProcNetMalformedTest {
    private static final Path MALFORMED = fixture("malformed");

    @Test
    void tcpSkipsBadLinesStopsAtALineWithoutColonsAndStillReadsIpv6() throws Exception {
        Dump d = dump(MALFORMED, DumpKind.TCP, everything());
        assertEquals(List.of(22, 25, 26, 28, 29, 30, 80), ports(d));
        assertEquals(3, d.warnings.size(), d.warnings.toString());
        assertTrue(d.warnings.get(0).endsWith("/net/tcp:3: bad local address; line skipped"), d.warnings.get(0));
        assertTrue(d.warnings.get(1).endsWith("/net/tcp:4: bad rx_queue; line skipped"), d.warnings.get(1));
        assertTrue(d.warnings.get(2).contains("/net/tcp:10: no ':' after the slot number; the rest of the file"),
                d.warnings.get(2));
    }

    @Test
    void tcpTimersFollowSs() throws Exception {
        List<InetSocket> tcp = dump(MALFORMED, DumpKind.TCP, everything()).sockets.stream()
                .map(InetSocket.class::cast).toList();
        InetSocket persist = tcp.get(1);
        assertEquals(Timer.of(4, persist.timer().expiresMs()), persist.timer());
        assertEquals(1000, persist.timer().expiresMs());
        assertEquals(3, persist.retransmits(), "a probe timer shows the probe count");
        assertEquals(1000, persist.uid());
        assertEquals(16, persist.sendQ());
        InetSocket retransmit = tcp.get(2);
        assertEquals(Timer.of(1, retransmit.timer().expiresMs()), retransmit.timer());
        assertEquals(1500, retransmit.timer().expiresMs());
        assertEquals(2, retransmit.retransmits(), "the retransmit timer shows the retransmit count");
        InetSocket wrapped = tcp.get(3);
        // ss multiplies in 32-bit unsigned arithmetic: 0xFFFFFFFF ticks wrap to 715 minutes.
        assertEquals(((0xFFFFFFFFL * 1000 + 99) & 0xFFFFFFFFL) / 100, wrapped.timer().expiresMs());
        assertEquals(42949663, wrapped.timer().expiresMs());
        assertEquals(Timer.of(7, tcp.get(4).timer().expiresMs()), tcp.get(4).timer());
        assertEquals(10, tcp.get(4).timer().expiresMs());
    }

    @Test
    void stateFilterReadsOneCharacterAsSsDoes() throws Exception {
        // Line 7 has state "0a": ss computes 'a'-'A'+10 = 42 and 1 << 42 wraps to the LISTEN bit.
        Dump listening = dump(MALFORMED, DumpKind.TCP, ProcNetTestSupport.request(ProcNetTestSupport.ALL_TABLES,
                TcpState.bit(TcpState.LISTEN), ProcNetTestSupport.ALL_FAMILIES));
        assertEquals(List.of(22, 30, 80), ports(listening));
        assertEquals(TcpState.LISTEN.code(), listening.sockets.get(1).state());
        assertEquals(3, listening.warnings.size(), listening.warnings.toString());
    }

    @Test
    void linesOfOtherStatesAreNotExamined() throws Exception {
        // The two broken lines are listeners: asking for established sockets skips them unread, as ss does.
        Dump established = dump(MALFORMED, DumpKind.TCP, ProcNetTestSupport.request(ProcNetTestSupport.ALL_TABLES,
                TcpState.bit(TcpState.ESTABLISHED), ProcNetTestSupport.ALL_FAMILIES));
        assertEquals(List.of(25, 26, 28, 29), ports(established));
        assertEquals(1, established.warnings.size(), established.warnings.toString());
        assertTrue(established.warnings.getFirst().contains("the rest of the file is ignored"));
    }

    @Test
    void tcpRowsEqualTheInstalledSsApartFromSkippedLines() throws Exception {
        Assumptions.assumeTrue(ProcNetTestSupport.ssInstalled(), "needs iproute2 ss installed");
        String out = ProcNetTestSupport.runSs(Map.of("PROC_ROOT", MALFORMED.toString()), "-t", "-u", "-a", "-n", "-e", "-o");
        // ss prints the two broken lines with whatever it managed to convert; they are skipped here.
        Set<String> printedFromBrokenLines = Set.of("7.0.16.0:*", "127.0.0.1:24");
        List<String[]> rows = new ArrayList<>(rows(out));
        rows.removeIf(r -> !r[0].equals("tcp") || printedFromBrokenLines.contains(r[4]));
        List<SocketRecord> ours = dump(MALFORMED, DumpKind.TCP, everything()).sockets;
        assertEquals(rows.size(), ours.size());
        for (int i = 0; i < rows.size(); i++) {
            SsRowAssert.assertRow(ours.get(i), rows.get(i));
        }
    }

    @Test
    void udpSkipsATruncatedLine() throws Exception {
        Dump d = dump(MALFORMED, DumpKind.UDP, everything());
        assertEquals(List.of(53, 55), ports(d));
        assertEquals(1, d.warnings.size());
        assertTrue(d.warnings.getFirst().endsWith("/net/udp:3: bad inode; line skipped"), d.warnings.getFirst());
    }

    @Test
    void unixSkipsLinesWithTooFewColumns() throws Exception {
        Dump d = dump(MALFORMED, DumpKind.UNIX, everything());
        assertEquals(2, d.sockets.size());
        UnixSocket listener = (UnixSocket) d.sockets.get(0);
        assertEquals("/run/a.sock", text(listener.name()));
        assertEquals(TcpState.LISTEN.code(), listener.state());
        UnixSocket dgram = (UnixSocket) d.sockets.get(1);
        // With the kernel address hidden (all zeros) an unconnected datagram socket stays UNCONN.
        assertEquals(TcpState.CLOSE.code(), dgram.state());
        assertEquals(2, d.warnings.size(), d.warnings.toString());
        assertTrue(d.warnings.get(0).endsWith("/net/unix:3: bad first column; line skipped"));
        assertTrue(d.warnings.get(1).endsWith("/net/unix:4: too few columns; line skipped"));
    }

    @Test
    void packetAndNetlinkSkipBadLines() throws Exception {
        Dump packet = dump(MALFORMED, DumpKind.PACKET, everything());
        assertEquals(List.of(5001L, 5003L), packet.sockets.stream().map(SocketRecord::inode).toList());
        assertEquals(1000, ((PacketSocket) packet.sockets.get(1)).uid());
        assertEquals(2, ((PacketSocket) packet.sockets.get(1)).ifindex());
        assertEquals(1, packet.warnings.size());
        assertTrue(packet.warnings.getFirst().endsWith("/net/packet:3: bad type; line skipped"));

        Dump netlink = dump(MALFORMED, DumpKind.NETLINK, everything());
        assertEquals(2, netlink.sockets.size());
        NetlinkSocket unbound = (NetlinkSocket) netlink.sockets.get(0);
        assertEquals(-1, unbound.portid(), "4294967295 read as an int, as ss reads it");
        NetlinkSocket dumping = (NetlinkSocket) netlink.sockets.get(1);
        assertEquals(16, dumping.protocol());
        assertEquals(77, dumping.portid());
        assertEquals(1, dumping.groups());
        assertEquals(1, dumping.cb());
        assertEquals(6003, dumping.inode());
        assertEquals(1, netlink.warnings.size());
    }

    @Test
    void aLastLineWithoutNewlineFailsTheTableAfterTheLinesBeforeIt() throws Exception {
        ProcNetSource source = new ProcNetSource(
                new ProcPaths(Map.of("PROC_ROOT", fixture("unterminated").toString())), 100);
        List<SocketRecord> got = new ArrayList<>();
        SourceException e = assertThrows(SourceException.class,
                () -> source.dump(DumpKind.TCP, everything(), got::add, WarningSink.IGNORE));
        assertEquals(List.of(7001L), got.stream().map(SocketRecord::inode).toList(), "tcp6 is not read after it");
        assertTrue(e.getMessage().endsWith("/net/tcp:3: line is not ended by a newline within 254 bytes;"
                + " the rest of the table is lost, as in ss"), e.getMessage());
    }

    @Test
    void aLineLongerThanSsBufferFailsTheTable() throws Exception {
        ProcNetSource source = new ProcNetSource(
                new ProcPaths(Map.of("PROC_ROOT", fixture("overlong").toString())), 100);
        List<SocketRecord> got = new ArrayList<>();
        SourceException e = assertThrows(SourceException.class,
                () -> source.dump(DumpKind.UDP, everything(), got::add, WarningSink.IGNORE));
        assertEquals(List.of(8001L), got.stream().map(SocketRecord::inode).toList());
        assertTrue(e.getMessage().contains("/net/udp:3: line is not ended by a newline"), e.getMessage());
    }

    @Test
    void emptyFiles() throws Exception {
        Path empty = fixture("empty");
        assertEquals(List.of(), dump(empty, DumpKind.TCP, everything()).sockets);
        assertEquals(List.of(), dump(empty, DumpKind.PACKET, everything()).sockets);
        SourceException unix = assertThrows(SourceException.class, () -> dump(empty, DumpKind.UNIX, everything()));
        assertTrue(unix.getMessage().endsWith("/net/unix: empty file, no header line"), unix.getMessage());
        assertThrows(SourceException.class, () -> dump(empty, DumpKind.NETLINK, everything()));
    }

    @Test
    void missingIpv6FilesAreSkippedSilentlyButOtherFilesMustExist() throws Exception {
        Path noV6 = fixture("no-v6");
        Dump tcp = dump(noV6, DumpKind.TCP, everything());
        assertEquals(18, tcp.sockets.size());
        assertEquals(List.of(), tcp.warnings);
        assertEquals(0, dump(noV6, DumpKind.UDP,
                ProcNetTestSupport.request(-1, TcpState.ALL, AddressFamily.mask(AddressFamily.INET6))).sockets.size());
        for (DumpKind kind : List.of(DumpKind.UNIX, DumpKind.PACKET, DumpKind.NETLINK)) {
            SourceException e = assertThrows(SourceException.class, () -> dump(noV6, kind, everything()));
            String file = kind.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals("cannot open " + noV6 + "/net/" + file + ": No such file or directory", e.getMessage());
        }
        SourceException tcpMissing = assertThrows(SourceException.class,
                () -> dump(fixture("peer-format"), DumpKind.TCP, everything()));
        assertEquals("cannot open " + fixture("peer-format") + "/net/tcp: No such file or directory",
                tcpMissing.getMessage());
    }

    @Test
    void aDirectoryInPlaceOfAFileIsAReadError() throws Exception {
        Path zoo = fixture("zoo");
        ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of("PROC_NET_TCP", zoo.toString())), 100);
        SourceException e = assertThrows(SourceException.class,
                () -> source.dump(DumpKind.TCP, everything(), s -> { }, WarningSink.IGNORE));
        assertTrue(e.getMessage().startsWith("cannot "), e.getMessage());
        assertTrue(e.getMessage().contains("Is a directory"), e.getMessage());
    }

    private static List<Integer> ports(Dump d) {
        return d.sockets.stream().map(s -> ((InetSocket) s).local().port()).toList();
    }
}
