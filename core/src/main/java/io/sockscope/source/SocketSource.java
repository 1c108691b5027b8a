package io.sockscope.source;

import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;

import java.util.function.Predicate;

/**
 * A place sockets can be read from: the kernel over sock_diag netlink, {@code /proc/net} files, or a
 * replayed raw dump. Implementations deliver sockets in the order the underlying data has them (ss prints
 * in that order), filtered by the request's states, families and tables.
 */
public interface SocketSource {
    /**
     * Streams every socket of one dump kind that matches the request.
     *
     * @throws TableUnavailableException when this source cannot do this kind at all (nothing was delivered)
     * @throws SourceException           when the dump failed part-way
     */
    void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings) throws SourceException;

    /**
     * Like {@link #dump(DumpKind, DumpRequest, SocketSink, WarningSink)}, keeping only the sockets a
     * user-space filter accepts. Sources where dropping a socket changes what later sockets show (the unix
     * table of /proc/net, whose peer names come from sockets already kept) apply it at that point.
     */
    default void dump(DumpKind kind, DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                      WarningSink warnings) throws SourceException {
        dump(kind, request, socket -> {
            if (keep.test(socket)) {
                sink.accept(socket);
            }
        }, warnings);
    }
}
