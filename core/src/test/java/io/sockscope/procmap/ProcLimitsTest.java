package io.sockscope.procmap;

import io.sockscope.model.ProcessLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProcLimits}: the soft and hard {@code RLIMIT_NOFILE} and the open descriptors, read from the kernel's /proc
 * for this JVM (the count as procfs gives it against a listing of {@code /proc/self/fd}), and from a fixture tree,
 * whose directory sizes mean nothing and which is therefore listed.
 */
class ProcLimitsTest {
    @Test
    void thisProcessesDescriptorsAreCountedAsAListingCountsThem() throws IOException {
        int pid = (int) ProcessHandle.current().pid();
        List<ServerSocket> held = new ArrayList<>();
        try {
            // Enough descriptors that a wrong count (a directory size in bytes, say) cannot pass by chance.
            for (int i = 0; i < 50; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            ProcessLimits limits = new ProcLimits(Path.of("/proc")).limits(pid).orElseThrow();
            long listed;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Integer.toString(pid), "fd"))) {
                listed = fds.count();
            }
            // The listing holds a descriptor of its own while it runs; nothing else should differ.
            assertTrue(Math.abs(listed - limits.openDescriptors()) <= 2,
                    "listed " + listed + ", counted " + limits.openDescriptors());
            assertTrue(limits.openDescriptors() >= 50, limits.toString());
            assertTrue(limits.softLimit() == -1 || limits.softLimit() >= limits.openDescriptors(), limits.toString());
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aFixtureTreeIsListed(@TempDir Path root) throws IOException {
        Path process = Files.createDirectories(root.resolve("42/fd"));
        for (int fd = 0; fd < 3; fd++) {
            Files.createFile(process.resolve(Integer.toString(fd)));
        }
        Files.writeString(root.resolve("42/limits"), """
                Limit                     Soft Limit           Hard Limit           Units
                Max open files            1024                 unlimited            files
                """);
        assertEquals(new ProcessLimits(42, 3, 1024, -1), new ProcLimits(root).limits(42).orElseThrow());
    }
}
