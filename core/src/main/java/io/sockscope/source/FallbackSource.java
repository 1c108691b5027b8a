package io.sockscope.source;

import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;

import java.util.function.Predicate;

/**
 * ss's choice of source per dump: the kernel over netlink first, and {@code /proc/net} when the kernel has
 * no diag handler for that kind, or when the user pointed ss at a /proc tree ({@code PROC_ROOT},
 * {@code PROC_NET_*}) for it, or when the kernel cannot run the request's filter program.
 */
public final class FallbackSource implements SocketSource {
    private final SocketSource primary;
    private final SocketSource fallback;
    private final Predicate<DumpKind> forceFallback;

    /**
     * @param primary       normally the netlink source
     * @param fallback      normally the /proc/net source
     * @param forceFallback kinds that must come from the fallback (the environment asked for it)
     */
    public FallbackSource(SocketSource primary, SocketSource fallback, Predicate<DumpKind> forceFallback) {
        this.primary = primary;
        this.fallback = fallback;
        this.forceFallback = forceFallback;
    }

    /** The same two sources, with {@code forceFallback} deciding which kinds must come from the fallback. */
    public FallbackSource forcing(Predicate<DumpKind> forceFallback) {
        return new FallbackSource(primary, fallback, forceFallback);
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings)
            throws SourceException {
        dump(kind, request, socket -> true, socket -> true, sink, warnings);
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                     WarningSink warnings) throws SourceException {
        dump(kind, request, keep, keep, sink, warnings);
    }

    /**
     * Streams one dump kind from the first source that can provide it.
     *
     * @param keepPrimary  the user-space filter for sockets from the primary source
     * @param keepFallback the user-space filter for sockets from the fallback (ss evaluates some /proc
     *                     records differently, e.g. unix sockets without ports)
     */
    public void dump(DumpKind kind, DumpRequest request, Predicate<? super SocketRecord> keepPrimary,
                     Predicate<? super SocketRecord> keepFallback, SocketSink sink, WarningSink warnings)
            throws SourceException {
        if (!forceFallback.test(kind)) {
            try {
                primary.dump(kind, request, keepPrimary, sink, warnings);
                return;
            } catch (TableUnavailableException e) {
                // Nothing was delivered yet: the fallback lists this kind instead.
            }
        }
        fallback.dump(kind, request, keepFallback, sink, warnings);
    }
}
