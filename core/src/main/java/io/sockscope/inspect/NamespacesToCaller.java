package io.sockscope.inspect;

import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NotEntered;
import io.sockscope.query.QueryFailedException;
import io.sockscope.query.TableFailures;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The library's sink for a run across namespaces: each namespace's sockets become the caller's values on the
 * namespace's own thread (its interface names are looked up there) and go to the caller's thread through a
 * {@link CallerThreadHandoff}. A table that cannot be read is treated as in a run of one namespace
 * ({@link TableFailures#skippingMissingTables()}: left out when the namespace has no such table, else the end of
 * the run); a namespace that cannot be entered is remembered, not reported.
 *
 * <p>The engine makes its calls one after the other ({@link NamespaceSink}), so nothing here is locked.
 *
 * @param <T> what a socket becomes
 */
final class NamespacesToCaller<T> implements NamespaceSink {
    private final SystemNames names;
    private final Function<? super SocketRecord, Workload> workloads;
    private final NamespaceMapping<T> mapping;
    private final CallerThreadHandoff<T> handoff;
    private final List<Netns> notEntered = new ArrayList<>();

    NamespacesToCaller(SystemNames names, Function<? super SocketRecord, Workload> workloads,
                       NamespaceMapping<T> mapping, CallerThreadHandoff<T> handoff) {
        this.names = names;
        this.workloads = workloads;
        this.mapping = mapping;
        this.handoff = handoff;
    }

    @Override
    public SocketSink started(Netns netns) {
        Function<SocketRecord, T> here = mapping.inNamespace(netns, names.withInterfaces(new InterfaceNames()),
                workloads);
        return socket -> handoff.add(here.apply(socket));
    }

    @Override
    public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
        try {
            TableFailures.skippingMissingTables().failed(kind, failure);
        } catch (QueryFailedException e) {
            throw new TableFailed(e);
        }
    }

    @Override
    public void ended(Netns netns) {
        handoff.flush();
    }

    @Override
    public void notEntered(Netns netns, NotEntered failure) {
        notEntered.add(netns);
    }

    /** The namespaces that could not be entered, in the order they were found; read once the run is over. */
    List<Netns> notEntered() {
        return notEntered;
    }

    /** Carries a failed table out of the run, whose sink may throw no checked exception. */
    static final class TableFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TableFailed(QueryFailedException cause) {
            super(cause.getMessage(), cause);
        }

        QueryFailedException failure() {
            return (QueryFailedException) getCause();
        }
    }
}
