package io.sockscope.diagnose.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the doctor runs as, from {@code /proc/self/status}: user and group ids, supplementary groups and
 * effective capabilities. Read once; immutable.
 *
 * @param realUid       real uid
 * @param effectiveUid  effective uid
 * @param effectiveGid  effective gid
 * @param groups        supplementary groups
 * @param capabilities  the effective capability mask (CapEff)
 */
public record ProcessIdentity(int realUid, int effectiveUid, int effectiveGid, List<Integer> groups,
                              long capabilities) {
    /** Bind ports below ip_unprivileged_port_start. */
    public static final int CAP_NET_BIND_SERVICE = 10;
    /** Read other processes' descriptor tables. */
    public static final int CAP_SYS_PTRACE = 19;

    public ProcessIdentity {
        groups = List.copyOf(groups);
    }

    /** Reads {@code <procRoot>/self/status}; unknown fields read as 0 (and a missing file as uid -1). */
    public static ProcessIdentity read(Path procRoot) {
        int ruid = -1;
        int euid = -1;
        int egid = -1;
        List<Integer> groups = new ArrayList<>();
        long caps = 0;
        try {
            for (String line : Files.readAllLines(procRoot.resolve("self/status"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split("\\s+");
                switch (f[0]) {
                    case "Uid:" -> {
                        ruid = Integer.parseInt(f[1]);
                        euid = Integer.parseInt(f[2]);
                    }
                    case "Gid:" -> egid = Integer.parseInt(f[2]);
                    case "Groups:" -> {
                        for (int i = 1; i < f.length; i++) {
                            if (!f[i].isEmpty()) {
                                groups.add(Integer.parseInt(f[i]));
                            }
                        }
                    }
                    case "CapEff:" -> caps = Long.parseUnsignedLong(f[1], 16);
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable status leaves the defaults: nothing is assumed about privileges.
        }
        return new ProcessIdentity(ruid, euid, egid, groups, caps);
    }

    public boolean hasCapability(int capability) {
        return (capabilities & (1L << capability)) != 0;
    }
}
