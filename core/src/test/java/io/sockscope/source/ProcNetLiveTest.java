package io.sockscope.source;

import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.sockscope.source.ProcNetTestSupport.Dump;
import static io.sockscope.source.ProcNetTestSupport.everything;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads this machine's own /proc/net and finds sockets the test opened (no privileges needed). */
class ProcNetLiveTest {
    private final ProcNetSource source = new ProcNetSource(ProcPaths.system(), 100);

    @Test
    void findsOwnTcpListenerAndConnection() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
                Dump d = new Dump().run(source, DumpKind.TCP, everything());
                Set<Long> ours = ownSocketInodes();

                InetSocket listener = find(d.sockets, s -> s.local().port() == port
                        && s.state() == TcpState.LISTEN.code());
                assertArrayEquals(new byte[]{127, 0, 0, 1}, listener.local().address());
                assertTrue(ours.contains(listener.inode()), "listener inode " + listener.inode() + " is ours");
                assertEquals(ownUid(), listener.uid());

                InetSocket clientEnd = find(d.sockets, s -> s.local().port() == clientPort && s.peer().port() == port);
                assertEquals(TcpState.ESTABLISHED.code(), clientEnd.state());
                assertTrue(ours.contains(clientEnd.inode()));
                InetSocket serverEnd = find(d.sockets, s -> s.local().port() == port && s.peer().port() == clientPort);
                assertEquals(TcpState.ESTABLISHED.code(), serverEnd.state());
                assertTrue(ours.contains(serverEnd.inode()));
                assertTrue(accepted.isConnected());
            }
        }
    }

    @Test
    void findsOwnUdpSocket() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            Dump d = new Dump().run(source, DumpKind.UDP, everything());
            InetSocket found = find(d.sockets, s -> s.local().port() == port);
            assertEquals(SocketTable.UDP, found.table());
            assertEquals(TcpState.CLOSE.code(), found.state());
            assertTrue(ownSocketInodes().contains(found.inode()));
        }
    }

    @Test
    void findsOwnUnixListener(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("live.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Dump d = new Dump().run(source, DumpKind.UNIX, everything());
            byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
            UnixSocket found = d.sockets.stream().map(UnixSocket.class::cast)
                    .filter(s -> s.name() != null && java.util.Arrays.equals(s.name(), name))
                    .findFirst().orElseThrow(() -> new AssertionError("no unix socket named " + path));
            assertEquals(TcpState.LISTEN.code(), found.state());
            assertEquals(SocketTable.UNIX_STREAM, found.table());
            assertTrue(ownSocketInodes().contains(found.inode()));
            assertEquals(List.of(), d.warnings);
        } finally {
            Files.deleteIfExists(path);
        }
    }

    private static InetSocket find(List<SocketRecord> sockets, java.util.function.Predicate<InetSocket> p) {
        return sockets.stream().map(InetSocket.class::cast).filter(p).findFirst()
                .orElseThrow(() -> new AssertionError("not found among " + sockets.size() + " sockets"));
    }

    /** Inodes of the sockets this JVM holds, from /proc/self/fd links "socket:[N]". */
    private static Set<Long> ownSocketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // the descriptor closed while we looked (e.g. the directory stream's own)
                }
            }
        }
        return inodes;
    }

    private static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
