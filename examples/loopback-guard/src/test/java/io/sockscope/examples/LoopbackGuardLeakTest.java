package io.sockscope.examples;

import io.sockscope.api.SocketInspector;
import io.sockscope.junit.DetectSocketLeaks;
import io.sockscope.junit.ListenScope;
import io.sockscope.junit.SocketAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guard under sockscope's JUnit extension, as a project that uses both would test it: the guard agrees with
 * {@link SocketAssertions} on where each listener is reachable, and neither the guard's inspector nor the test's
 * servers outlive a test (the extension fails the test if they do).
 */
@DetectSocketLeaks
class LoopbackGuardLeakTest {
    @Test
    void theGuardAgreesWithTheAssertionsAndLeavesNothingOpen() throws IOException {
        try (ServerSocket loopback = new ServerSocket();
             ServerSocket everywhere = new ServerSocket();
             SocketInspector inspector = SocketInspector.open()) {
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            everywhere.bind(new InetSocketAddress(0));
            SocketAssertions.assertListening(loopback.getLocalPort(), ListenScope.LOOPBACK);
            SocketAssertions.assertListening(everywhere.getLocalPort(), ListenScope.ANY);
            assertEquals(0, LoopbackGuard.exposures(inspector, Set.of(loopback.getLocalPort())).size());
            assertEquals(1, LoopbackGuard.exposures(inspector, Set.of(everywhere.getLocalPort())).size());
        }
    }
}
