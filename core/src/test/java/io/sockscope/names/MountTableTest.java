package io.sockscope.names;

import io.sockscope.testing.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first cgroup2 line of a mount table, as iproute2's {@code find_cgroup2_mount} reads it, and the same
 * table as ss sees it after {@code -N}, with a fresh sysfs on {@code /sys}.
 */
class MountTableTest {
    private static final Path MOUNTS = TestResources.directory().resolve("mounts");

    private static MountTable table(String layout) {
        return new MountTable(MOUNTS.resolve(layout), false);
    }

    @Test
    void aHybridHostHasItBelowTheTmpfs() throws Exception {
        assertEquals("/sys/fs/cgroup/unified", table("hybrid").cgroup2Mount());
    }

    @Test
    void aUnifiedHostHasItAtSysFsCgroupAndTheFirstLineWins() throws Exception {
        assertEquals("/sys/fs/cgroup", table("unified").cgroup2Mount());
    }

    @Test
    void v1HierarchiesAloneAreNoCgroup2() throws Exception {
        assertNull(table("none").cgroup2Mount());
    }

    @Test
    void aMissingTableIsAnError() {
        assertThrows(NoSuchFileException.class, () -> table("no-such-table").cgroup2Mount());
    }

    @Test
    void afterNetnsSwitchNothingMountedUnderSysIsLeft() throws Exception {
        assertNull(table("hybrid").afterNetnsSwitch().cgroup2Mount());
        assertEquals("/run/cgroup2", table("unified").afterNetnsSwitch().cgroup2Mount(),
                "a cgroup2 mount elsewhere stays");
    }

    @Test
    void pathsInTheFreshSysAreJudgedByTheirText() {
        MountTable switched = table("unified").afterNetnsSwitch();
        assertTrue(switched.inFreshSys("/sys"));
        assertTrue(switched.inFreshSys("/sys/fs/cgroup/unified"));
        assertTrue(switched.inFreshSys("/proc/../sys/fs"));
        assertFalse(switched.inFreshSys("/sys/../system.slice"));
        assertFalse(switched.inFreshSys("/system.slice"));
        assertFalse(switched.inFreshSys("/sysfoo"));
        assertFalse(table("unified").inFreshSys("/sys/fs/cgroup"), "without -N the host's /sys is seen");
    }
}
