package io.sockscope.source;

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
}
