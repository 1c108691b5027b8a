package io.sockscope.names;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceNamesTest {
    private static final Path NAMES = Path.of("src/test/resources/names");

    @Test
    void firstEntryForPortAndProtocolWins() {
        ServiceNames names = new ServiceNames(NAMES.resolve("services"), NAMES.resolve("ip_local_port_range"));
        assertEquals("ssh", names.lookup(22, "tcp"));
        assertEquals("domain", names.lookup(53, "udp"));
        assertEquals("http-alt", names.lookup(8080, "tcp"));
        assertNull(names.lookup(22, "udp"));
        assertNull(names.lookup(9999, "tcp"));
    }

    @Test
    void portsInTheEphemeralRangeAreNeverNamed() throws IOException {
        Path dir = Files.createTempDirectory("sockscope-services");
        try {
            Files.writeString(dir.resolve("services"), "late\t40000/tcp\n");
            Files.writeString(dir.resolve("range"), "32768\t60999\n");
            ServiceNames names = new ServiceNames(dir.resolve("services"), dir.resolve("range"));
            assertNull(names.lookup(40000, "tcp"));
            assertTrue(names.isEphemeral(32768) && names.isEphemeral(60999));
            assertFalse(names.isEphemeral(32767));
        } finally {
            for (String f : new String[] {"services", "range"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.delete(dir);
        }
    }

    @Test
    void unreadableRangeFallsBackToSsDefault() {
        ServiceNames names = new ServiceNames(NAMES.resolve("services"), Path.of("/nonexistent/range"));
        assertTrue(names.isEphemeral(1024) && names.isEphemeral(4999));
        assertFalse(names.isEphemeral(5000));
    }

    @Test
    void liveSysctlRangeIsReadWhole() throws IOException {
        // The JDK's whole-file read of this sysctl file returns only its first byte; the range must be whole.
        Path live = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        String text;
        try (var in = Files.newInputStream(live)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        String[] range = text.split("\\s+");
        int low = Integer.parseInt(range[0]);
        int high = Integer.parseInt(range[1]);
        ServiceNames names = new ServiceNames(NAMES.resolve("services"), live);
        assertTrue(names.isEphemeral(low) && names.isEphemeral(high));
        assertFalse(names.isEphemeral(low - 1));
    }
}
