package io.sockscope.names;

import io.sockscope.model.ProcessName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * pid → command name from {@code <proc>/<pid>/stat}, the text between the first '(' and the first ')' as ss
 * reads it (a name containing ')' is cut there, as in ss). ss shows netlink port ids this way.
 */
public final class ProcessNames {
    private final Path procRoot;

    public ProcessNames(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The command name of a process, as the kernel's bytes, or null when it cannot be read. */
    public ProcessName lookup(int pid) {
        try {
            byte[] stat;
            try (var in = Files.newInputStream(procRoot.resolve(Integer.toString(pid)).resolve("stat"))) {
                stat = in.readAllBytes();
            }
            int open = indexOf(stat, (byte) '(', 0);
            if (open < 0) {
                return null;
            }
            int close = indexOf(stat, (byte) ')', open + 1);
            if (close <= open + 1) {
                // ss's scanf needs at least one character before ')'.
                return null;
            }
            return ProcessName.of(stat, open + 1, close);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
