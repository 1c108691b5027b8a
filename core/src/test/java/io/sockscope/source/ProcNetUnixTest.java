package io.sockscope.source;

import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.WarningSink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.sockscope.source.ProcNetTestSupport.Dump;
import static io.sockscope.source.ProcNetTestSupport.dump;
import static io.sockscope.source.ProcNetTestSupport.everything;
import static io.sockscope.source.ProcNetTestSupport.fixture;
import static io.sockscope.source.ProcNetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Order, state mapping and peer naming of /proc/net/unix, including ss's batching of what it remembers. */
class ProcNetUnixTest {
    private static final String PEER_HEADER = "Peer     RecvQ    SendQ    Flags    Type St Inode Path\n";

    /** One expected socket: netid, state, queues, name, inode, peer name, peer inode. */
    private record Row(String netid, TcpState state, long recvQ, long sendQ, String name, long inode, String peerName,
                       long peerInode) {
        static Row of(UnixSocket s) {
            return new Row(s.table().netid(), TcpState.ofCode(s.state()), s.recvQ(), s.sendQ(), text(s.name()),
                    s.inode(), text(s.peerName()), s.peerInode());
        }
    }

    @Test
    void oldPeerFormatSortsByTypeThenInodeAndNamesPeersSeenBefore() throws Exception {
        Dump d = dump(fixture("peer-format"), DumpKind.UNIX, everything());
        assertEquals(List.of(), d.warnings);
        List<Row> expected = List.of(
                new Row("u_str", TcpState.LISTEN, 0, 128, "/run/listen.sock", 100, null, 0),
                // 101's peer 102 was read before it: named.
                new Row("u_str", TcpState.ESTABLISHED, 0, 7, null, 101, "/run/client.sock", 102),
                // 102's peer 101 comes later in the file: unknown.
                new Row("u_str", TcpState.ESTABLISHED, 4, 0, "/run/client.sock", 102, "?", 101),
                new Row("u_str", TcpState.CLOSE, 0, 0, "/str500", 500, null, 0),
                // Two sockets share inode 500; the one that sorts first (stream before seqpacket) names the peer.
                new Row("u_str", TcpState.ESTABLISHED, 0, 0, null, 501, "/str500", 500),
                new Row("u_str", TcpState.ESTABLISHED, 0, 0, null, 502, "?", 999),
                // Socket state 0 is outside ss's map and stays 0 (UNKNOWN).
                new Row("u_str", TcpState.UNKNOWN, 0, 0, null, 503, null, 0),
                // An unconnected datagram socket with a peer shows as connected.
                new Row("u_dgr", TcpState.ESTABLISHED, 0, 0, "\0abstract-dgram", 200, "/run/listen.sock", 100),
                new Row("u_dgr", TcpState.CLOSE, 0, 0, null, 201, null, 0),
                // Type 3 is not a unix type ss knows: listed as u_dgr, after the datagram sockets.
                new Row("u_dgr", TcpState.CLOSE, 0, 0, "/raw-type", 400, null, 0),
                new Row("u_seq", TcpState.ESTABLISHED, 0, 0, null, 300, "\0abstract-dgram", 200),
                new Row("u_seq", TcpState.CLOSE, 0, 0, "/seq500", 500, null, 0));
        assertEquals(expected, d.sockets.stream().map(s -> Row.of((UnixSocket) s)).toList());
    }

    @Test
    void typesOutsideTheThreeAreNeverFilteredByTable() throws Exception {
        Dump d = dump(fixture("peer-format"), DumpKind.UNIX,
                ProcNetTestSupport.request(SocketTable.UNIX_SEQPACKET.bit(), TcpState.ALL,
                        ProcNetTestSupport.ALL_FAMILIES));
        assertEquals(List.of(400L, 300L, 500L), d.sockets.stream().map(SocketRecord::inode).toList());
    }

    @Test
    void aSocketDroppedByTheFilterCannotNameItsPeer() throws Exception {
        ProcNetSource source = new ProcNetSource(
                new ProcPaths(Map.of("PROC_ROOT", fixture("peer-format").toString())), 100);
        List<SocketRecord> got = new ArrayList<>();
        source.dump(DumpKind.UNIX, everything(), s -> s.inode() != 102, got::add, WarningSink.IGNORE);
        UnixSocket s101 = (UnixSocket) got.stream().filter(s -> s.inode() == 101).findFirst().orElseThrow();
        assertEquals("?", text(s101.peerName()));
        assertEquals(11, got.size());
    }

    @Test
    void stateFilterAppliesToMappedStates() throws Exception {
        Dump d = dump(fixture("peer-format"), DumpKind.UNIX, ProcNetTestSupport.request(ProcNetTestSupport.ALL_TABLES,
                TcpState.bit(TcpState.LISTEN) | TcpState.bit(TcpState.UNKNOWN), ProcNetTestSupport.ALL_FAMILIES));
        assertEquals(List.of(100L, 503L), d.sockets.stream().map(SocketRecord::inode).toList());
    }

    /**
     * A synthetic table (not kernel output) of 2,000 pairs in shuffled order: a named socket, then an
     * unnamed one whose peer it is. ss prints and forgets what it holds every 1,681 sockets, so the order is
     * sorted per batch and a pair split by a batch boundary loses its peer name.
     */
    @Test
    void batchesOfRememberedSocketsAreSortedAndForgottenAsInSs(@TempDir Path dir) throws Exception {
        Path file = writePairs(dir, 2000);
        Dump d = new Dump().run(new ProcNetSource(new ProcPaths(Map.of("PROC_NET_UNIX", file.toString())), 100),
                DumpKind.UNIX, everything());
        assertEquals(4000, d.sockets.size());
        int batch = ProcNetUnixTable.MAX_REMEMBERED + 1;
        assertEquals(1681, batch);
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        int unknownPeers = 0;
        for (int from = 0; from < 4000; from += batch) {
            int to = Math.min(4000, from + batch);
            List<Long> inFile = new ArrayList<>();
            for (int i = from; i < to; i++) {
                inFile.add(Long.parseLong(lines.get(i + 1).trim().split("\\s+")[6]));
            }
            inFile.sort(Comparator.naturalOrder());
            assertEquals(inFile, d.sockets.subList(from, to).stream().map(SocketRecord::inode).toList());
            for (int i = from; i < to; i++) {
                UnixSocket s = (UnixSocket) d.sockets.get(i);
                if (s.peerInode() != 0) {
                    boolean peerInBatch = d.sockets.subList(from, to).stream()
                            .anyMatch(p -> p.inode() == s.peerInode());
                    assertEquals(peerInBatch ? "/pair/" + s.peerInode() : "?", text(s.peerName()));
                    unknownPeers += peerInBatch ? 0 : 1;
                } else {
                    assertNull(s.peerName());
                }
            }
        }
        assertEquals(true, unknownPeers > 0, "some pair was split by a batch boundary");
    }

    @Test
    void batchedListingEqualsTheInstalledSs(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ProcNetTestSupport.ssInstalled(), "needs iproute2 ss installed");
        Path file = writePairs(dir, 2000);
        Dump d = new Dump().run(new ProcNetSource(new ProcPaths(Map.of("PROC_NET_UNIX", file.toString())), 100),
                DumpKind.UNIX, everything());
        List<String[]> rows = ProcNetTestSupport.rows(
                ProcNetTestSupport.runSs(Map.of("PROC_NET_UNIX", file.toString()), "-x", "-a", "-n"));
        assertEquals(rows.size(), d.sockets.size());
        for (int i = 0; i < rows.size(); i++) {
            SsRowAssert.assertRow(d.sockets.get(i), rows.get(i));
        }
    }

    /**
     * Each pair: the named socket (odd inode) first, then its unnamed peer (inode one less). The peer sorts
     * after the socket that names it, so ss (which frees each entry once printed) prints real names.
     */
    private static Path writePairs(Path dir, int pairs) throws IOException {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(42));
        StringBuilder b = new StringBuilder(PEER_HEADER);
        for (int k : order) {
            int named = 10_001 + 2 * k;
            b.append(String.format("%08x: %08x %08x %08x %04x %02x %5d /pair/%d%n", 0, 0, 0, 0, 1, 3, named, named));
            b.append(String.format("%08x: %08x %08x %08x %04x %02x %5d%n", named, 0, 0, 0, 1, 3, named - 1));
        }
        Path file = dir.resolve("unix");
        Files.writeString(file, b, StandardCharsets.ISO_8859_1);
        return file;
    }
}
