package io.sockscope.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where cgroup2 is mounted, found as iproute2 finds it: the mount point of the first {@code cgroup2} line of
 * the mounts table ({@code /proc/mounts}). That is {@code /sys/fs/cgroup} on a unified host,
 * {@code /sys/fs/cgroup/unified} on a hybrid one (cgroup v1 controllers under {@code /sys/fs/cgroup}), and
 * nothing inside {@code ip netns exec}, which mounts a fresh {@code /sys}. Like ss, the point is taken as
 * written in the table ({@code \040} and the other escapes are not undone).
 */
public final class Cgroup2Mount {
    /** The table ss reads, whatever {@code PROC_ROOT} says. */
    public static final Path PROC_MOUNTS = Path.of("/proc/mounts");

    private static final String CGROUP2 = "cgroup2";

    private Cgroup2Mount() {
    }

    /**
     * The mount point of the first cgroup2 file system in {@code mounts}, or null when there is none.
     *
     * @throws IOException when the table cannot be read
     */
    public static String in(Path mounts) throws IOException {
        for (String line : Files.readAllLines(mounts, StandardCharsets.ISO_8859_1)) {
            String[] fields = line.trim().split("[ \t]+");
            if (fields.length >= 3 && fields[2].equals(CGROUP2)) {
                return fields[1];
            }
        }
        return null;
    }
}
