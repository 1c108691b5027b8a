package io.sockscope.query;

import io.sockscope.model.Netns;
import io.sockscope.netns.DiscoveredNamespace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One network namespace a run across namespaces reads ({@link QueryEngine#runAcross}): what it is, the file a
 * thread opens to enter it, and whether the caller's thread is in it already (then it is read without entering).
 *
 * @param netns   the namespace
 * @param entry   an nsfs file of it: {@code /run/netns/NAME}, a bind mount, {@code /proc/PID/ns/net} or
 *                {@code /proc/PID/fd/N}
 * @param current whether it is the network namespace of the thread that starts the run
 */
public record NamespaceTarget(Netns netns, Path entry, boolean current) {
    public NamespaceTarget {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(entry, "entry");
    }

    /** The namespaces a discovery found, each entered by the file it was found through. */
    public static List<NamespaceTarget> of(List<DiscoveredNamespace> found) {
        return found.stream().map(n -> new NamespaceTarget(n.netns(), n.entry(), n.current())).toList();
    }
}
