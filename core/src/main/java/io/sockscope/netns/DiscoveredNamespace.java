package io.sockscope.netns;

import io.sockscope.model.Netns;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A network namespace found on the host, with a file to enter it by.
 *
 * @param netns   the namespace as a listing names it: inode, name (the first of its {@code /run/netns} names in
 *                byte order, or null), the lowest few pids of processes in it
 * @param entry   a file that refers to it, for {@code setns}: {@code /run/netns/NAME}, else another nsfs mount
 *                point, else {@code /proc/PID/ns/net} of its lowest pid, else {@code /proc/PID/fd/N} of a
 *                descriptor held open on it (else, for the calling thread's own namespace found nowhere else,
 *                {@code /proc/PID/task/TID/ns/net} of that thread); the last three last only as long as the
 *                process, the descriptor or the thread does
 * @param current whether it is the network namespace of the thread that ran the discovery
 */
public record DiscoveredNamespace(Netns netns, Path entry, boolean current) {
    public DiscoveredNamespace {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(entry, "entry");
    }
}
