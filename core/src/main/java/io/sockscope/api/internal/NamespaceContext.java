package io.sockscope.api.internal;

import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the entries of one network namespace of a listing across namespaces carry beside their socket: the
 * namespace, made once, and each socket's workload, mapped to the library's values once per distinct workload (a
 * namespace's sockets mostly belong to a handful of containers).
 *
 * <p>Not thread-safe: it caches. A namespace's sockets are mapped one after the other, by one thread at a time.
 */
final class NamespaceContext {
    private final Function<? super SocketRecord, Workload> workloads;
    private final ApiValues values;
    private final NamespaceWorkload nothingKnown;
    private final Map<Workload, NamespaceWorkload> mapped = new HashMap<>();
    // Workload finders hand back one instance per cgroup, and a namespace's sockets come in runs of one owner:
    // comparing references first spares hashing three strings for most sockets.
    private Workload last;
    private NamespaceWorkload lastMapped;

    /**
     * @param netns     the namespace the sockets were read in
     * @param workloads what runs each socket's owner; it may answer null or {@link Workload#NONE}
     */
    NamespaceContext(Netns netns, Function<? super SocketRecord, Workload> workloads, ApiValues values) {
        Objects.requireNonNull(netns, "netns");
        this.workloads = Objects.requireNonNull(workloads, "workloads");
        this.values = values;
        this.nothingKnown = new NamespaceWorkload(
                values.networkNamespace(netns.inode(), netns.name(), netns.pidsSample()), null, null, null);
    }

    /** The namespace, and what runs the socket's owner, as the library's values. */
    NamespaceWorkload of(SocketRecord socket) {
        Workload w = workloads.apply(socket);
        if (w == null || w.isEmpty()) {
            return nothingKnown;
        }
        if (w != last) {
            lastMapped = mapped.computeIfAbsent(w, found -> NamespaceWorkload.of(nothingKnown.namespace(), found,
                    values));
            last = w;
        }
        return lastMapped;
    }
}
