package io.sockscope.source;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import io.sockscope.testing.ProcNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dumps the real kernel's TCP table (no privilege needed) and finds a listener this JVM opened. */
class NetlinkSourceKernelTest {

    static DumpRequest everything() {
        int allTables = (1 << SocketTable.values().length) - 1;
        long families = AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6)
                | AddressFamily.mask(AddressFamily.UNIX) | AddressFamily.mask(AddressFamily.PACKET)
                | AddressFamily.mask(AddressFamily.NETLINK);
        return new DumpRequest(allTables, TcpState.ALL, families, AddressFamily.UNSPEC,
                false, false, false, false, false, null);
    }

    static int ourUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }

    @Test
    void findsOurLoopbackListenerWithOurUidAndAnInode() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<SocketRecord> sockets = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            new NetlinkSource().dump(DumpKind.TCP, everything(), sockets::add, warnings::add);

            List<InetSocket> ours = sockets.stream()
                    .map(InetSocket.class::cast)
                    .filter(s -> s.local().port() == server.getLocalPort() && s.state() == TcpState.LISTEN.code())
                    .toList();
            assertEquals(1, ours.size(), "our listener on port " + server.getLocalPort());
            InetSocket listener = ours.getFirst();
            assertEquals(SocketTable.TCP, listener.table());
            // The JDK opens dual-stack IPv6 sockets unless told to prefer IPv4: 127.0.0.1 is then v4-mapped.
            if (listener.family() == AddressFamily.INET6) {
                assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1},
                        listener.local().address());
                assertEquals(0, listener.v6only(), "a dual-stack socket reports INET_DIAG_SKV6ONLY 0");
            } else {
                assertEquals(AddressFamily.INET, listener.family());
                assertArrayEquals(new byte[] {127, 0, 0, 1}, listener.local().address());
            }
            assertEquals(ourUid(), listener.uid());
            assertNotEquals(0, listener.inode());
            assertEquals(50, listener.sendQ(), "a listener's send queue is its backlog");
            assertNotEquals(0, listener.cookie());
            assertEquals(List.of(), warnings);
        }
    }

    private static List<SocketRecord> dump(DumpKind kind, DumpRequest request, List<String> warnings)
            throws SourceException {
        List<SocketRecord> sockets = new ArrayList<>();
        new NetlinkSource().dump(kind, request, sockets::add, warnings::add);
        return sockets;
    }

    private static DumpRequest withFamilies(long families, int preferred) {
        DumpRequest all = everything();
        return new DumpRequest(all.tables(), all.states(), families, preferred, false, false, false, false, false, null);
    }

    private static boolean hasPort(List<SocketRecord> sockets, int port) {
        return sockets.stream().anyMatch(s -> s instanceof InetSocket i && i.local().port() == port);
    }

    @Test
    void familyMaskAndPreferredFamilyDecideWhatIsKept() throws Exception {
        try (ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET);
             ServerSocketChannel v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
            v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port4 = ((InetSocketAddress) v4.getLocalAddress()).getPort();
            int port6 = ((InetSocketAddress) v6.getLocalAddress()).getPort();
            List<String> warnings = new ArrayList<>();
            long inet = AddressFamily.mask(AddressFamily.INET);
            long inet6 = AddressFamily.mask(AddressFamily.INET6);

            List<SocketRecord> both = dump(DumpKind.TCP, withFamilies(inet | inet6, AddressFamily.UNSPEC), warnings);
            assertTrue(hasPort(both, port4) && hasPort(both, port6));

            List<SocketRecord> onlyMask4 = dump(DumpKind.TCP, withFamilies(inet, AddressFamily.UNSPEC), warnings);
            assertTrue(hasPort(onlyMask4, port4));
            assertFalse(hasPort(onlyMask4, port6), "the family mask drops IPv6 replies");

            List<SocketRecord> preferred6 = dump(DumpKind.TCP, withFamilies(inet | inet6, AddressFamily.INET6),
                    warnings);
            assertFalse(hasPort(preferred6, port4), "only AF_INET6 is asked for");
            assertTrue(hasPort(preferred6, port6));

            assertEquals(List.of(), dump(DumpKind.TCP, withFamilies(AddressFamily.mask(AddressFamily.UNIX),
                    AddressFamily.UNSPEC), warnings), "no inet family asked: nothing");
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void unixListenerIsFoundAndTypeMaskApplies(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("listener.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            long inode = ProcNet.unixInode(path.toString());
            List<String> warnings = new ArrayList<>();
            List<SocketRecord> all = dump(DumpKind.UNIX, everything(), warnings);
            UnixSocket listener = all.stream()
                    .filter(s -> s instanceof UnixSocket u && u.inode() == inode)
                    .map(UnixSocket.class::cast).findFirst().orElseThrow();
            assertEquals(SocketTable.UNIX_STREAM, listener.table());
            assertEquals(TcpState.LISTEN.code(), listener.state());
            assertEquals(path + "\0", new String(listener.name(), StandardCharsets.UTF_8));
            assertNull(listener.memory(), "memory was not asked for");

            DumpRequest e = everything();
            DumpRequest noStreams = new DumpRequest(e.tables() & ~SocketTable.UNIX_STREAM.bit(), e.states(),
                    e.families(), e.preferredFamily(), false, false, false, false, false, null);
            assertTrue(dump(DumpKind.UNIX, noStreams, warnings).stream()
                    .noneMatch(s -> s.table() == SocketTable.UNIX_STREAM), "u_str excluded by the table mask");
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void tablesWithoutDiagOnThisKernelAreUnavailableBeforeAnythingIsDelivered() throws Exception {
        // Linux 6.18 here: no raw_diag or sctp_diag built in (the dump ends with ENOENT), and DCCP is gone (the
        // original-format request ss falls back to is refused with EINVAL). A kernel that has them answers.
        for (DumpKind kind : new DumpKind[] {DumpKind.RAW, DumpKind.SCTP, DumpKind.DCCP}) {
            List<SocketRecord> delivered = new ArrayList<>();
            try {
                new NetlinkSource().dump(kind, everything(), delivered::add, w -> { });
            } catch (TableUnavailableException e) {
                assertEquals(List.of(), delivered);
                assertTrue(e.getCause() instanceof NetlinkException, kind + ": " + e);
                int errno = ((NetlinkException) e.getCause()).errno();
                int expected = kind == DumpKind.DCCP ? Errno.EINVAL : Errno.ENOENT;
                assertEquals(expected, errno, kind + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("netlink: sock_diag dump: "), e.getMessage());
            }
        }
    }

    @Test
    void mptcpIsAnsweredThroughTheProtocolAttribute() throws Exception {
        List<String> warnings = new ArrayList<>();
        List<SocketRecord> sockets = dump(DumpKind.MPTCP, everything(), warnings);
        sockets.forEach(s -> assertEquals(SocketTable.MPTCP, s.table()));
        assertEquals(List.of(), warnings);
    }

    @Test
    void netlinkDumpShowsOurOwnNetlinkSocket() throws Exception {
        try (NetlinkChannel route = NetlinkChannel.open(0)) {
            List<SocketRecord> sockets = dump(DumpKind.NETLINK, everything(), new ArrayList<>());
            NetlinkSocket ours = sockets.stream()
                    .filter(s -> s instanceof NetlinkSocket n && n.protocol() == 0 && n.portid() == route.portId())
                    .map(NetlinkSocket.class::cast).findFirst().orElseThrow();
            assertEquals(ProcNet.netlinkInode(0, route.portId()), ours.inode());
            assertEquals(SocketTable.NETLINK, ours.table());
        }
    }

    @Test
    void packetAndNetlinkNeedTheClosedState() throws Exception {
        DumpRequest e = everything();
        DumpRequest listeningOnly = new DumpRequest(e.tables(), TcpState.bit(TcpState.LISTEN), e.families(),
                e.preferredFamily(), false, false, false, false, false, null);
        assertEquals(List.of(), dump(DumpKind.NETLINK, listeningOnly, new ArrayList<>()));
        assertEquals(List.of(), dump(DumpKind.PACKET, listeningOnly, new ArrayList<>()));
    }
}
