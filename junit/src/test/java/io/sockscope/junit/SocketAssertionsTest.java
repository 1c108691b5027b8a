package io.sockscope.junit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assertions for tests of servers, over real listeners and a real CLOSE-WAIT connection of this JVM. */
class SocketAssertionsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aLoopbackListenerIsLoopbackAndNotAny() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            int port = server.getLocalPort();
            SocketAssertions.assertListening(port, ListenScope.LOOPBACK);
            SocketAssertions.assertListening(port, LOOPBACK);
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> SocketAssertions.assertListening(port, ListenScope.ANY));
            assertTrue(e.getMessage().startsWith("TCP port " + port + " should listen on every address, but listens on"
                    + " ::ffff:127.0.0.1 only: other hosts cannot connect (bind to 0.0.0.0 or ::, not to loopback)")
                    || e.getMessage().contains(" 127.0.0.1 only: other hosts cannot connect"), e.getMessage());
            assertTrue(e.getMessage().contains("users:((\"java\",pid=" + ProcessHandle.current().pid()),
                    e.getMessage());
        }
    }

    @Test
    void aWildcardListenerIsAnyAndNotLoopback() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(0));
            int port = server.getLocalPort();
            SocketAssertions.assertListening(port, ListenScope.ANY);
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> SocketAssertions.assertListening(port, ListenScope.LOOPBACK));
            assertTrue(e.getMessage().contains("should listen on loopback only, but listens on ::"), e.getMessage());
            assertTrue(e.getMessage().contains("other hosts can connect"), e.getMessage());
            assertThrows(AssertionFailedError.class, () -> SocketAssertions.assertListening(port, LOOPBACK));
        }
    }

    @Test
    void aSpecificAddressIsThatAddressOnly() throws IOException {
        InetAddress other = InetAddress.getByAddress(new byte[]{127, 0, 0, 2});
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(other, 0));
            int port = server.getLocalPort();
            SocketAssertions.assertListening(port, other);
            SocketAssertions.assertListening(port, ListenScope.LOOPBACK);
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> SocketAssertions.assertListening(port, InetAddress.getByAddress(new byte[]{127, 0, 0, 1})));
            assertTrue(e.getMessage().contains("should listen on 127.0.0.1, but listens on "), e.getMessage());
        }
    }

    @Test
    void nothingListeningFails() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SocketAssertions.assertListening(port, ListenScope.ANY));
        assertEquals("nothing listens on TCP port " + port, e.getMessage());
    }

    @Test
    void aConnectionThePeerClosedIsCloseWaitUntilClosedHere() throws IOException, InterruptedException {
        SocketAssertions.assertNoCloseWait();
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            Socket accepted;
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
                accepted = server.accept();
                assertEquals(client.getLocalPort(), accepted.getPort());
            }
            try (accepted) {
                Thread.sleep(20);
                SocketLeakError e = assertThrows(SocketLeakError.class, SocketAssertions::assertNoCloseWait);
                assertEquals(1, e.leaks().size(), e.getMessage());
                assertEquals(accepted.getLocalPort(), e.leaks().getFirst().localPort());
                assertTrue(e.getMessage().startsWith("sockscope: 1 connection in CLOSE-WAIT, held by this JVM or its "
                        + "children: the peer closed, this side never did\n\n"), e.getMessage());
                assertTrue(e.getMessage().contains("CLOSE-WAIT"), e.getMessage());
            }
        }
        SocketAssertions.assertNoCloseWait();
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SocketAssertions.assertListening(0, ListenScope.ANY));
    }
}
