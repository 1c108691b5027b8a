package io.sockscope.examples;

import io.sockscope.api.SocketInspector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example run as its user would: a wildcard listener is reported with this process, a loopback one is not. */
class LoopbackGuardTest {
    @Test
    void aListenerOnEveryAddressIsExposedALoopbackOneIsNot() throws IOException {
        try (ServerSocket everywhere = new ServerSocket();
             ServerSocket loopback = new ServerSocket()) {
            everywhere.bind(new InetSocketAddress(0));
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketInspector inspector = SocketInspector.open()) {
                List<LoopbackGuard.Exposure> exposed = LoopbackGuard.exposures(inspector,
                        Set.of(everywhere.getLocalPort(), loopback.getLocalPort()));
                assertEquals(1, exposed.size(), exposed.toString());
                assertEquals(everywhere.getLocalPort(), exposed.getFirst().listener().local().port());
                String line = exposed.getFirst().describe();
                assertTrue(line.contains("[" + ProcessHandle.current().pid() + "]"), line);
            }
            Run bad = run(String.valueOf(everywhere.getLocalPort()));
            assertEquals(1, bad.code, bad.out);
            assertTrue(bad.out.startsWith("EXPOSED: port " + everywhere.getLocalPort() + " listens on "), bad.out);
            Run good = run(String.valueOf(loopback.getLocalPort()));
            assertEquals(0, good.code, good.out);
        }
    }

    @Test
    void aBadPortIsAUsageError() {
        Run r = run("http");
        assertEquals(2, r.code);
        assertEquals("loopback-guard: not a port: http\n", r.err);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoopbackGuard.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
