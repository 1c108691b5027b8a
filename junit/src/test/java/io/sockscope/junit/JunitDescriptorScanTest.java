package io.sockscope.junit;

import io.sockscope.junit.fixtures.ChildServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast path on the real {@code /proc}: this JVM's sockets and its children's, found by their descriptors. */
class JunitDescriptorScanTest {
    private final DescriptorScanner scanner = new DescriptorScanner(Path.of("/proc"));

    @Test
    void aSocketOpenedAppearsAndAClosedOneGoes() throws IOException {
        HeldSockets before = scanner.scan();
        HeldSockets added;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            added = scanner.scan().addedSince(before);
            assertEquals(1, added.size(), added.toString());
            assertEquals(ProcessHandle.current().pid(), added.descriptors(added.inodes().iterator().next())
                    .getFirst().pid());
            assertTrue(s.isBound());
        }
        assertTrue(scanner.scan().addedSince(before).isEmpty());
        assertTrue(added.stillHeldIn(scanner.scan()).isEmpty());
    }

    @Test
    void aChildProcessAndItsSocketsAreFound() throws IOException {
        HeldSockets before = scanner.scan();
        try (ChildServer child = ChildServer.start()) {
            assertTrue(scanner.tree().descendantsOf(ProcessHandle.current().pid()).contains(child.pid()));
            assertEquals("python3", scanner.tree().command(child.pid()));
            HeldSockets added = scanner.scan().addedSince(before);
            assertEquals(1, added.size(), added.toString());
            assertEquals(child.pid(), added.descriptors(added.inodes().iterator().next()).getFirst().pid());
        }
        assertEquals("?", scanner.tree().command(Long.MAX_VALUE));
    }
}
