package io.sockscope.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The mount table cgroup paths are resolved against, as ss sees it. ss reads {@code /proc/mounts} (whatever
 * {@code PROC_ROOT} says) and takes the first {@code cgroup2} line for the cgroup2 mount: {@code /sys/fs/cgroup}
 * on a unified host, {@code /sys/fs/cgroup/unified} on a hybrid one (cgroup v1 controllers under
 * {@code /sys/fs/cgroup}), none inside {@code ip netns exec}. Like ss, it takes a mount point as the table writes
 * it ({@code \040} and the other escapes are not undone).
 *
 * <p>With {@code -N NAME}, ss first moves to a mount namespace of its own and mounts a fresh sysfs on
 * {@code /sys} ({@code netns_switch}, as {@code ip netns exec} does), which detaches everything mounted at or
 * below {@code /sys}, cgroup2 at {@code /sys/fs/cgroup} included, and leaves no file there with a file handle.
 * sockscope enters the network namespace without leaving the host's mounts (the threads of a JVM share them),
 * so it sees the table that way instead: {@link #afterNetnsSwitch()}.
 *
 * @param file     the table: {@code /proc/mounts}, or a fixture
 * @param freshSys whether to see it as ss does after {@code -N}: nothing mounted at or below {@code /sys}
 */
public record MountTable(Path file, boolean freshSys) {
    /** {@code /proc/mounts}, as it is. */
    public static final MountTable PROC = new MountTable(Path.of("/proc/mounts"), false);

    private static final String CGROUP2 = "cgroup2";
    private static final Path SYS = Path.of("/sys");

    /** This table as ss sees it after entering a named network namespace ({@code -N}). */
    public MountTable afterNetnsSwitch() {
        return new MountTable(file, true);
    }

    /**
     * The mount point of the first cgroup2 file system, or null when there is none.
     *
     * @throws IOException when the table cannot be read
     */
    public String cgroup2Mount() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String[] fields = line.trim().split("[ \t]+");
            if (fields.length >= 3 && fields[2].equals(CGROUP2) && !inFreshSys(fields[1])) {
                return fields[1];
            }
        }
        return null;
    }

    /**
     * Whether {@code path} (absolute, or relative to the working directory) lies in the fresh sysfs of
     * {@link #afterNetnsSwitch()}, where ss finds no cgroup2 file; always false for the table as it is.
     * Judged on the path's text: a symbolic link elsewhere that leads into {@code /sys} is not followed.
     */
    public boolean inFreshSys(String path) {
        if (!freshSys) {
            return false;
        }
        try {
            return Path.of(System.getProperty("user.dir")).resolve(path).normalize().startsWith(SYS);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
