package io.sockscope.names;

import io.sockscope.testing.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The first cgroup2 line of a mount table, as iproute2's {@code find_cgroup2_mount} reads it. */
class Cgroup2MountTest {
    private static final Path MOUNTS = TestResources.directory().resolve("mounts");

    @Test
    void aHybridHostHasItBelowTheTmpfs() throws Exception {
        assertEquals("/sys/fs/cgroup/unified", Cgroup2Mount.in(MOUNTS.resolve("hybrid")));
    }

    @Test
    void aUnifiedHostHasItAtSysFsCgroupAndTheFirstLineWins() throws Exception {
        assertEquals("/sys/fs/cgroup", Cgroup2Mount.in(MOUNTS.resolve("unified")));
    }

    @Test
    void v1HierarchiesAloneAreNoCgroup2() throws Exception {
        assertNull(Cgroup2Mount.in(MOUNTS.resolve("none")));
    }

    @Test
    void aMissingTableIsAnError() {
        assertThrows(NoSuchFileException.class, () -> Cgroup2Mount.in(MOUNTS.resolve("no-such-table")));
    }
}
