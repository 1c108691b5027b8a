package io.sockscope.procmap;

import io.sockscope.model.LimitsProvider;
import io.sockscope.model.ProcessLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** RLIMIT_NOFILE from {@code /proc/<pid>/limits} and the number of entries in {@code /proc/<pid>/fd}. */
public final class ProcLimits implements LimitsProvider {
    private final Path procRoot;

    public ProcLimits(Path procRoot) {
        this.procRoot = procRoot;
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
            long open;
            try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
                open = fds.count();
            }
            return Optional.of(new ProcessLimits(pid, open, soft, hard));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not ours to read
        }
    }

    private static long limit(String text) {
        return text.equals("unlimited") ? -1 : Long.parseLong(text);
    }
}
