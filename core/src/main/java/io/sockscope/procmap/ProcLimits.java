package io.sockscope.procmap;

import io.sockscope.model.LimitsProvider;
import io.sockscope.model.ProcessLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

/** RLIMIT_NOFILE from {@code /proc/<pid>/limits} and the number of entries in {@code /proc/<pid>/fd}. */
public final class ProcLimits implements LimitsProvider {
    private final Path procRoot;
    /** Whether it reads the kernel's procfs, whose directory sizes mean something, rather than a fixture tree. */
    private final boolean realProc;

    public ProcLimits(Path procRoot) {
        this.procRoot = procRoot;
        this.realProc = procRoot.toAbsolutePath().normalize().equals(Path.of("/proc"));
    }

    @Override
    public Optional<ProcessLimits> limits(int pid) {
        Path dir = procRoot.resolve(Integer.toString(pid));
        try {
            long soft = -2;
            long hard = -2;
            for (String line : Files.readAllLines(dir.resolve("limits"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    soft = limit(f[0]);
                    hard = limit(f[1]);
                }
            }
            if (soft == -2) {
                return Optional.empty();
            }
            return Optional.of(new ProcessLimits(pid, openDescriptors(dir.resolve("fd")), soft, hard));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not ours to read
        }
    }

    /**
     * How many descriptors are open: since Linux 6.2 the size procfs gives {@code /proc/PID/fd} (one stat, where
     * listing a process holding 16,000 sockets reads 16,000 entries each time); before, and under a fixture tree
     * that is not procfs, by listing it.
     */
    private long openDescriptors(Path fd) throws IOException {
        if (realProc) {
            long size = Files.readAttributes(fd, BasicFileAttributes.class).size();
            if (size > 0) {
                return size;
            }
        }
        try (Stream<Path> fds = Files.list(fd)) {
            return fds.count();
        }
    }

    private static long limit(String text) {
        return text.equals("unlimited") ? -1 : Long.parseLong(text);
    }
}
