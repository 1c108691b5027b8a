package io.sockscope.query;

import io.sockscope.model.Netns;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

/**
 * Receives a run across namespaces ({@link QueryEngine#runAcross}), one namespace after the other in the order
 * they were given. Every call about a namespace is made on a thread inside that namespace, so that what the
 * sink looks up while it renders (interface names) is that namespace's; the calls of one namespace happen
 * before those of the next, so the sink needs no locking of its own.
 *
 * <p>A namespace that could not be entered gets {@link #notEntered} alone; one that disappeared before it was
 * entered gets no call at all (it is gone, not an error).
 */
public interface NamespaceSink {
    /** The namespace's sockets begin; returns where they go. */
    SocketSink started(Netns netns);

    /**
     * A table of the namespace could not be read (between {@link #started} and {@link #ended}); ss would say
     * so and go on.
     */
    void tableFailed(Netns netns, DumpKind kind, SourceException failure);

    /** The namespace's sockets are over. */
    void ended(Netns netns);

    /** The namespace could not be entered: not privileged ({@code setns: EPERM}), or not a namespace. */
    void notEntered(Netns netns, NotEntered failure);
}
