package io.sockscope.model;

import java.util.List;
import java.util.Objects;

/**
 * A network namespace, as a listing over every namespace names it: its nsfs inode (what {@code /proc/PID/ns/net}
 * links to, {@code net:[INODE]}), the name {@code ip netns} gave it if any, and a few of the processes in it.
 *
 * @param inode      the namespace's inode number: unique on the host while the namespace lives
 * @param name       its file name under {@code /run/netns}, or null when it has none
 * @param pidsSample the lowest few ids of processes whose network namespace it is, ascending; empty when none
 *                   (a namespace kept alive by a bind mount or an open descriptor alone)
 */
public record Netns(long inode, String name, List<Integer> pidsSample) {
    public Netns {
        pidsSample = List.copyOf(Objects.requireNonNull(pidsSample, "pidsSample"));
    }

    /** What a listing's {@code Netns} column shows: the name, else {@code pid:N} of a process in it, else {@code inode:N}. */
    public String label() {
        if (name != null) {
            return name;
        }
        if (!pidsSample.isEmpty()) {
            return "pid:" + pidsSample.getFirst();
        }
        return "inode:" + inode;
    }
}
