package io.sockscope.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library tried as a new user would: open an inspector, see a listener this JVM opened (with this process
 * as its owner), see it go once closed; a bad filter is the documented exception with its position.
 * Needs no privilege: every user may dump sock_diag and read its own {@code /proc/PID/fd}.
 */
class SocketInspectorTest {
    private static final long OWN_PID = ProcessHandle.current().pid();

    @Test
    void seesAListenerThisProcessOpenedWithItsOwnerAndNotOnceClosed() throws IOException {
        try (SocketInspector inspector = SocketInspector.open()) {
            int port;
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 7);
                port = server.getLocalPort();
                InetSocketEntry seen = listenerOn(inspector, port).orElseThrow(
                        () -> new AssertionError("the listener on 127.0.0.1:" + port + " is not listed"));
                assertEquals(Protocol.TCP, seen.protocol());
                assertEquals(SocketState.LISTEN, seen.state());
                // The JVM opens dual-stack sockets where it can: 127.0.0.1 is then v4-mapped on an IPv6 socket.
                assertEquals(InetAddress.getLoopbackAddress(), seen.local().inetAddress());
                assertEquals(seen.family() == Family.INET6, seen.local().v4Mapped(), seen.local().toString());
                assertEquals(seen.family() == Family.INET6 ? "::ffff:127.0.0.1" : "127.0.0.1", seen.local().address());
                assertFalse(seen.local().wildcard());
                assertEquals(7, seen.sendQueue(), "the backlog");
                assertTrue(seen.inode() > 0);
                assertEquals(OwnerStatus.KNOWN, seen.owners().status());
                assertTrue(seen.owners().processes().stream().anyMatch(p -> p.pid() == OWN_PID),
                        "owners " + seen.owners() + " do not include this process " + OWN_PID);
                ProcessOwner me = seen.owners().processes().stream().filter(p -> p.pid() == OWN_PID).findFirst()
                        .orElseThrow();
                assertTrue(me.fd() >= 0);
                assertEquals(OWN_PID, me.tid());
                // A query of the caller's own namespace names no namespace and looks for no workload.
                assertNull(seen.namespace());
                assertNull(seen.container());
                assertNull(seen.pod());
                assertNull(seen.unit());
            }
            assertTrue(listenerOn(inspector, port).isEmpty(), "still listed after close");
        }
    }

    private static Optional<InetSocketEntry> listenerOn(SocketInspector inspector, int port) {
        SocketQuery query = SocketQuery.builder().protocols(Protocol.TCP).states(SocketState.LISTEN)
                .filter("sport = :" + port).withOwners().build();
        List<SocketEntry> found = inspector.list(query);
        assertTrue(found.size() <= 1, "one listener on the port, found " + found);
        return found.stream().map(InetSocketEntry.class::cast).findFirst();
    }

    @Test
    void anEstablishedPairCarriesTcpInfoMemoryAndTheRightPeer() throws IOException {
        try (SocketInspector inspector = SocketInspector.open();
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(new byte[100]);
            client.getOutputStream().flush();
            SocketQuery query = SocketQuery.builder().protocols(Protocol.TCP).states(SocketState.ESTABLISHED)
                    .filter("sport = :" + client.getLocalPort() + " or dport = :" + client.getLocalPort())
                    .withTcpInfo().withMemory().build();
            List<SocketEntry> pair = inspector.list(query);
            assertEquals(2, pair.size(), "both ends: " + pair);
            InetSocketEntry clientEnd = pair.stream().map(InetSocketEntry.class::cast)
                    .filter(e -> e.local().port() == client.getLocalPort()).findFirst().orElseThrow();
            assertEquals(server.getLocalPort(), clientEnd.peer().port());
            assertNotNull(clientEnd.tcpInfo(), "tcp_info was asked for");
            assertEquals(SocketState.ESTABLISHED.code(), clientEnd.tcpInfo().state());
            assertTrue(clientEnd.tcpInfo().sndMss() > 0);
            assertNotNull(clientEnd.congestion());
            assertNotNull(clientEnd.memory(), "memory was asked for");
            assertTrue(clientEnd.memory().sndbuf() > 0);
            assertEquals(OwnerStatus.NOT_REQUESTED, clientEnd.owners().status());
            assertNotNull(accepted);
        }
    }

    @Test
    void withoutDetailsAskedForNoneAreRead() throws IOException {
        try (SocketInspector inspector = SocketInspector.open();
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketEntry e = (InetSocketEntry) inspector.list(SocketQuery.builder().protocols(Protocol.TCP)
                    .filter("sport = :" + server.getLocalPort()).build()).getFirst();
            assertNull(e.tcpInfo());
            assertNull(e.memory());
            assertNull(e.options());
            assertFalse(e.owners().known());
        }
    }

    @Test
    void aListenerCarriesItsSocketOptionsWhenAsked() throws IOException {
        try (SocketInspector inspector = SocketInspector.open();
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketEntry e = (InetSocketEntry) inspector.list(SocketQuery.builder().protocols(Protocol.TCP)
                    .filter("sport = :" + server.getLocalPort()).withInetSocketOptions().build()).getFirst();
            // The kernel's defaults for a TCP socket (the JDK's may be IPv6, which has no mc_all by default).
            assertTrue(e.options().containsAll(Set.of(InetSocketOption.IS_ICSK, InetSocketOption.MC_LOOP)),
                    e.options().toString());
            assertFalse(e.options().contains(InetSocketOption.TRANSPARENT), e.options().toString());
            assertThrows(UnsupportedOperationException.class, () -> e.options().add(InetSocketOption.FREEBIND));
        }
    }

    @Test
    void aBadFilterIsAnInvalidFilterExceptionWithItsPosition() {
        try (SocketInspector inspector = SocketInspector.open()) {
            String expression = "sport = :22 and ( dport >";
            InvalidFilterException e = assertThrows(InvalidFilterException.class,
                    () -> inspector.list(SocketQuery.builder().filter(expression).build()));
            assertEquals(expression, e.expression());
            assertTrue(e.position() >= 0 && e.position() <= expression.length(), "position " + e.position());
            assertTrue(e.getMessage().contains("offset " + e.position()), e.getMessage());
            InvalidFilterException word = assertThrows(InvalidFilterException.class,
                    () -> inspector.list(SocketQuery.builder().filter("sport = :22 frobnicate").build()));
            assertEquals("sport = :22 ".length(), word.position(), word.getMessage());
        }
    }

    @Test
    void aClosedInspectorRefusesQueries() {
        SocketInspector inspector = SocketInspector.open();
        inspector.close();
        assertThrows(IllegalStateException.class, () -> inspector.list(SocketQuery.tcpListeners()));
    }

    @Test
    void queriesNarrowByFamilyAndProtocol() throws IOException {
        try (SocketInspector inspector = SocketInspector.open();
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String filter = "sport = :" + server.getLocalPort();
            Family family = ((InetSocketEntry) inspector.list(SocketQuery.builder().filter(filter).build())
                    .getFirst()).family();
            Family other = family == Family.INET ? Family.INET6 : Family.INET;
            assertEquals(1, inspector.list(SocketQuery.builder().families(family).filter(filter).build()).size());
            assertEquals(0, inspector.list(SocketQuery.builder().families(other).filter(filter).build()).size());
            assertEquals(0, inspector.list(SocketQuery.builder().protocols(Protocol.UDP).filter(filter).build()).size());
            for (SocketEntry e : inspector.list(SocketQuery.builder().protocols(Protocol.UNIX_STREAM).build())) {
                assertTrue(e instanceof UnixSocketEntry u && u.protocol() == Protocol.UNIX_STREAM, e.toString());
            }
        }
    }
}
