package io.sockscope.kernel;

import io.sockscope.testing.ProcNet;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Interface names against /sys/class/net, and ss's fallbacks. */
class InterfaceNamesTest {
    @Test
    void indexZeroIsAnyInterface() {
        assertEquals("*", new InterfaceNames().name(0));
    }

    @Test
    void loopbackByIndex() {
        assertEquals("lo", new InterfaceNames().name(ProcNet.loopbackIndex()));
    }

    @Test
    void everyInterfaceOfTheMachineByItsIndex() throws Exception {
        InterfaceNames names = new InterfaceNames();
        try (var entries = Files.list(Path.of("/sys/class/net"))) {
            for (Path p : entries.toList()) {
                int index = Integer.parseInt(Files.readString(p.resolve("ifindex")).trim());
                assertEquals(p.getFileName().toString(), names.name(index));
            }
        }
    }

    @Test
    void missingInterfaceIsNamedByItsUnsignedIndex() {
        InterfaceNames names = new InterfaceNames();
        assertFalse(Files.exists(Path.of("/sys/class/net/if2147483647")));
        assertEquals("if2147483647", names.name(Integer.MAX_VALUE));
        assertEquals("if4294967295", names.name(-1));
    }

    @Test
    void answersAreCached() {
        InterfaceNames names = new InterfaceNames();
        assertSame(names.name(1), names.name(1));
    }
}
