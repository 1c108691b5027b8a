package io.sockscope.api.internal;

import io.sockscope.api.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the entries of one network namespace carry beside their socket: the namespace, made once, and each
 * socket's workload, mapped to the library's values once per distinct workload (a namespace's sockets mostly
 * belong to a handful of containers). {@link #NONE} is the context of a listing of one namespace: nothing.
 *
 * <p>Not thread-safe: it caches. A namespace's sockets are mapped one after the other, by one thread at a time.
 */
final class NamespaceContext {
    /** No namespace, no workloads: the workload function is never asked. */
    static final NamespaceContext NONE = new NamespaceContext(null, null, null);

    private final NetworkNamespace namespace;
    private final Function<? super SocketRecord, Workload> workloads;
    private final ApiValues values;
    private final Map<Workload, WorkloadValues> mapped;
    // Workload finders hand back one instance per cgroup, and a namespace's sockets come in runs of one owner:
    // comparing references first spares hashing three strings for most sockets.
    private Workload last;
    private WorkloadValues lastValues = WorkloadValues.NONE;

    private NamespaceContext(NetworkNamespace namespace, Function<? super SocketRecord, Workload> workloads,
                             ApiValues values) {
        this.namespace = namespace;
        this.workloads = workloads;
        this.values = values;
        this.mapped = workloads == null ? Map.of() : new HashMap<>();
    }

    /**
     * @param netns     the namespace the sockets are read in
     * @param workloads what runs each socket's owner; null, or {@link Workload#NONE}, when nothing is known
     */
    static NamespaceContext of(Netns netns, Function<? super SocketRecord, Workload> workloads, ApiValues values) {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(workloads, "workloads");
        return new NamespaceContext(values.networkNamespace(netns.inode(), netns.name(), netns.pidsSample()),
                workloads, values);
    }

    /** The namespace every entry of this context carries, or null for {@link #NONE}. */
    NetworkNamespace namespace() {
        return namespace;
    }

    /** What runs the socket's owner, as the library's values. */
    WorkloadValues workload(SocketRecord socket) {
        if (workloads == null) {
            return WorkloadValues.NONE;
        }
        Workload w = workloads.apply(socket);
        if (w == null || w.isEmpty()) {
            return WorkloadValues.NONE;
        }
        if (w != last) {
            lastValues = mapped.computeIfAbsent(w, found -> WorkloadValues.of(found, values));
            last = w;
        }
        return lastValues;
    }
}
